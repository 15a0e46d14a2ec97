"""The register's columns in a file: their headers in Swedish and English, and a cell read as a card's value.

One key per column. An export writes every key below, then the municipality's custom fields by
their names; an import maps each of the file's columns to a key (suggested from its header, in
either language) or leaves it out. The place, state and label are the tracking context's and are
only written, never read back.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

# key → (Swedish header, English header, other headers people write)
COLUMNS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "id": ("Delbar-id", "Delbar id", ("id", "delbarid")),
    "inventory_number": ("Inventarienummer", "Inventory number", ("inventarienr", "inv.nr", "invnr", "inventory no")),
    "title": ("Benämning", "Title", ("namn", "titel", "name", "sak", "item")),
    "owner_unit": ("Ägande enhet", "Owning unit", ("ägare", "owner", "owner unit", "enhet")),
    "custodian_unit": ("Innehavande enhet", "Custodian unit", ("innehavare", "custodian", "används av")),
    "width_cm": ("Bredd (cm)", "Width (cm)", ("bredd", "width")),
    "depth_cm": ("Djup (cm)", "Depth (cm)", ("djup", "depth")),
    "height_cm": ("Höjd (cm)", "Height (cm)", ("höjd", "height")),
    "weight_kg": ("Vikt (kg)", "Weight (kg)", ("vikt", "weight")),
    "material": ("Material", "Material", ()),
    "brand": ("Märke", "Brand", ("fabrikat", "tillverkare", "manufacturer", "make")),
    "model": ("Modell", "Model", ()),
    "serial_number": ("Serienummer", "Serial number", ("serienr", "serial", "s/n")),
    "purchase_year": ("Inköpsår", "Purchase year", ("år", "year")),
    "purchase_price_kr": ("Inköpspris (kr)", "Purchase price (SEK)", ("inköpspris", "pris", "price")),
    "condition": ("Skick", "Condition", ()),
}
# Written by the export for people to read; an import leaves them out.
READ_ONLY = {
    "place": ("Plats", "Place"),
    "state": ("Status", "State"),
    "code": ("Etikett", "Label"),
}
CONDITION_WORDS = {
    "sv": {"new": "Nytt", "good": "Gott skick", "used": "Använt", "worn": "Slitet", "broken": "Trasigt"},
    "en": {"new": "New", "good": "Good", "used": "Used", "worn": "Worn", "broken": "Broken"},
}
_CONDITIONS = {word.casefold(): key for words in CONDITION_WORDS.values() for key, word in words.items()} | {
    key: key for key in CONDITION_WORDS["en"]} | {"ny": "new", "bra": "good", "använd": "used", "sliten": "worn",
                                                  "trasig": "broken"}
_SPACES = re.compile(r"[\s\u00a0\u202f]+")


class BadCell(ValueError):
    """A cell that does not say what its column takes: code for the app's text, and a sentence."""

    def __init__(self, code: str, detail: str) -> None:
        super().__init__(detail)
        self.code, self.detail = code, detail


def header(key: str, lang: str) -> str:
    sv, en = COLUMNS[key][:2] if key in COLUMNS else READ_ONLY[key]
    return en if lang == "en" else sv


def suggested(cell: str, custom: dict[str, str]) -> str:
    """The key a header names (custom fields by their names), or "" for a column left out."""
    word = _SPACES.sub(" ", cell).strip().casefold()
    for key, (sv, en, others) in COLUMNS.items():
        if word in (sv.casefold(), en.casefold(), *others):
            return key
    return next((key for key, name in custom.items() if name.casefold() == word), "")


def decimal(cell: str) -> Decimal:
    """12,5 or 12.5 or 1 234,50: spaces and a decimal comma as Swedish spreadsheets write them."""
    text = _SPACES.sub("", cell).replace(",", ".")
    try:
        number = Decimal(text)
    except InvalidOperation as exc:
        raise BadCell("not_a_number", "Write a number, such as 12 or 12,5.") from exc
    if not number.is_finite():
        raise BadCell("not_a_number", "Write a number, such as 12 or 12,5.")
    return number


def whole(cell: str) -> int:
    number = decimal(cell)
    if number != number.to_integral_value():
        raise BadCell("not_whole", "Write a whole number, such as 120.")
    return int(number)


def scaled(cell: str, factor: int) -> int:
    """Kilograms to grams, kronor to öre: at most the smaller unit's precision."""
    number = decimal(cell) * factor
    if number != number.to_integral_value():
        raise BadCell("too_precise", f"At most {len(str(factor)) - 1} decimals.")
    return int(number)


def condition(cell: str) -> str:
    key = _CONDITIONS.get(_SPACES.sub(" ", cell).strip().casefold())
    if key is None:
        raise BadCell("unknown_condition", "The condition is one of: " + ", ".join(CONDITION_WORDS["sv"].values())
                      + ".")
    return key


def unquoted(cell: str) -> str:
    """A cell as written: an export writes '= or '- so a spreadsheet shows it as text; read it back without."""
    return cell[1:] if cell[:1] == "'" and cell[1:2] in ("=", "+", "-", "@") else cell


def kilograms(grams: int | None) -> Decimal | None:
    return None if grams is None else (Decimal(grams) / 1000).normalize()


def kronor(ore: int | None) -> Decimal | None:
    return None if ore is None else (Decimal(ore) / 100).normalize()
