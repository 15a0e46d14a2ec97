"""The item register to and from a file: export every item with its card, import a CSV or Excel file.

An import maps each of the file's columns to a register field (suggested from the headers) and is
planned first: a preview writes nothing and reports each row's errors. The import itself plans
again inside one write transaction and applies everything or nothing, so a file with one bad row
among good ones writes nothing. A row names its item by Delbar's id (as exported) or by the
municipality's own inventory number: a known item is updated, an unknown number makes a new item.
Importing an exported file again, edited or not, never makes a copy; unchanged rows write nothing.
Only mapped columns change a card: a field the file does not hold is kept as it is.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any
from uuid import UUID, uuid4

import msgspec

from backend import clock, sheets
from backend.accounts.repository import UserRepository
from backend.db import Database
from backend.errors import Invalid
from backend.register import columns, schemas
from backend.register.repository import FieldRepository, RegisterRepository, Row, TransferRepository
from backend.register.service import EDITORS, READERS, canonical_value
from backend.tenancy import Actor

MAX_BYTES = 10 * 1024 * 1024
MAX_ROWS = 20_000
# A report lists every row in error, and this many of the rest as a sample of what happens.
SAMPLE = 20
MAX_LISTED = 500
_CARD_KEYS = ("width_cm", "depth_cm", "height_cm", "weight_g", "material", "brand", "model", "serial_number",
              "inventory_number", "purchase_year", "purchase_price_ore", "condition", "custodian_unit")
_EXPORT_KEYS = ("id", "inventory_number", "title", "owner_unit", "custodian_unit", "place", "state", "code",
                "width_cm", "depth_cm", "height_cm", "weight_kg", "material", "brand", "model", "serial_number",
                "purchase_year", "purchase_price_kr", "condition")


@dataclass
class Planned:
    line: int
    action: str = "error"
    item_id: UUID | None = None
    title: str = ""
    key: str = ""
    card: Row = field(default_factory=dict)
    values: dict[UUID, str] = field(default_factory=dict)
    retitle: bool = False
    new: Row | None = None
    errors: list[schemas.ImportCellError] = field(default_factory=list)

    def error(self, column: str, code: str, detail: str, value: str = "") -> None:
        self.errors.append(schemas.ImportCellError(column=column, code=code, detail=detail, value=value[:200]))


@dataclass
class Register:
    """What the municipality holds now, read once for the whole file."""

    items: dict[UUID, Row]
    cards: dict[UUID, Row]
    values: dict[UUID, dict[UUID, str]]
    numbers: dict[str, UUID]
    units: dict[str, UUID]
    fields: dict[UUID, Row]


class RegisterTransfer:
    def __init__(self, db: Database, actor: Actor) -> None:
        actor.require(*READERS)
        self.db, self.actor = db, actor
        self.repo = TransferRepository(actor.municipality_id)
        self.fields = FieldRepository(actor.municipality_id)

    # -- export ---------------------------------------------------------------------------------

    async def export(self, kind: str) -> tuple[bytes, str]:
        """The whole register as a file (csv or xlsx) with headers in the person's language."""
        async with self.db.read():
            person = await UserRepository(self.actor.municipality_id).get(self.actor.user_id)
            lang = person["language"] if person else "sv"
            items, cards, values = await self.repo.items(), await self.repo.cards(), await self.repo.values()
            codes, fields = await self.repo.codes(), await self.fields.list()
            units = {u["id"]: u["name"] for u in await self.repo.units()}
        header = [columns.header(k, lang) for k in _EXPORT_KEYS] + [f["name"] for f in fields]
        words = columns.CONDITION_WORDS[lang]
        rows = []
        for item in items:
            card = cards.get(item["id"], {})
            own = values.get(item["id"], {})
            rows.append([
                str(item["id"]), card.get("inventory_number") or "", item["title"], units.get(item["owner_unit"], ""),
                units.get(card.get("custodian_unit"), ""), item["place"] or "", item["state"],
                codes.get(item["id"], ""), card.get("width_cm"), card.get("depth_cm"), card.get("height_cm"),
                columns.kilograms(card.get("weight_g")), card.get("material", ""), card.get("brand", ""),
                card.get("model", ""), card.get("serial_number", ""), card.get("purchase_year"),
                columns.kronor(card.get("purchase_price_ore")), words.get(card.get("condition") or "", ""),
                *[own.get(f["id"], "") for f in fields]])
        if kind == "xlsx":
            return sheets.write_xlsx("Sakregister" if lang == "sv" else "Register", header, rows), sheets.XLSX_TYPE
        return sheets.write_csv(header, rows), sheets.CSV_TYPE

    # -- import ---------------------------------------------------------------------------------

    async def preview(self, data: bytes, filename: str, mapping: list[str] | None) -> schemas.ImportReport:
        lines = _lines(data, filename)
        async with self.db.read():
            register = await self._register()
        mapped, plans = self._plan(lines, register, mapping)
        return self._summary(lines[0][1], mapped, plans, register, applied=False)

    async def apply(self, data: bytes, filename: str, mapping: list[str] | None) -> schemas.ImportReport:
        """Import the file whole, or nothing when any row is in error (the report says which)."""
        self.actor.require(*EDITORS)
        lines = _lines(data, filename)
        async with self.db.write():
            await RegisterRepository(self.actor.municipality_id).hold_cards()
            register = await self._register()
            mapped, plans = self._plan(lines, register, mapping)
            if any(p.errors for p in plans):
                return self._summary(lines[0][1], mapped, plans, register, applied=False)
            await self._write(plans, mapped)
            return self._summary(lines[0][1], mapped, plans, register, applied=True)

    async def _register(self) -> Register:
        items = {i["id"]: i for i in await self.repo.items()}
        cards = await self.repo.cards()
        numbers = {c["inventory_number"]: item for item, c in cards.items() if c.get("inventory_number")}
        units = {u["name"].strip().casefold(): u["id"] for u in await self.repo.units()}
        fields = {f["id"]: f for f in await self.fields.list()}
        return Register(items=items, cards=cards, values=await self.repo.values(), numbers=numbers, units=units,
                        fields=fields)

    def _mapping(self, header: list[str], register: Register, mapping: list[str] | None) -> list[str]:
        custom = {f"field:{f['id']}": f["name"] for f in register.fields.values()}
        if mapping is None:
            chosen = [columns.suggested(cell, custom) for cell in header]
            return [key if key not in chosen[:i] else "" for i, key in enumerate(chosen)]
        if len(mapping) != len(header):
            raise Invalid(f"The mapping names {len(mapping)} columns; the file has {len(header)}.",
                          error="mapping_mismatch")
        known = set(columns.COLUMNS) | set(custom)
        for key in mapping:
            if key and key not in known:
                raise Invalid(f"Unknown register field in the mapping: {key[:60]}.", error="unknown_field")
        taken = [k for k in mapping if k]
        if len(taken) != len(set(taken)):
            raise Invalid("Two columns are mapped to the same register field.", error="mapping_repeats")
        return mapping

    def _plan(self, lines: list[sheets.Line], register: Register,
              mapping: list[str] | None) -> tuple[list[str], list[Planned]]:
        header = lines[0][1]
        mapped = self._mapping(header, register, mapping)
        if "id" not in mapped and "inventory_number" not in mapped:
            raise Invalid("Map a column to Delbar-id or Inventarienummer: the import finds each row's item by one "
                          "of them, so importing the file again updates instead of making copies.",
                          error="no_key_column")
        body = lines[1:]
        if not body:
            raise Invalid("The file has a header line but no items in it.", error="empty_file")
        if len(body) > MAX_ROWS:
            raise Invalid(f"The file has {len(body)} rows; at most {MAX_ROWS} are imported at once. Split it.",
                          error="too_many_rows")
        seen: dict[Any, int] = {}
        plans = [self._row(number, cells, header, mapped, register, seen) for number, cells in body]
        return mapped, plans

    def _row(self, number: int, cells: list[str], header: list[str], mapped: list[str], register: Register,
             seen: dict[Any, int]) -> Planned:
        plan = Planned(line=number)
        given = {key: columns.unquoted(cells[i].strip()) if i < len(cells) else ""
                 for i, key in enumerate(mapped) if key}
        names = {key: header[i] for i, key in enumerate(mapped) if key}
        item_id = self._find(plan, given, names, register)
        card = dict(register.cards.get(item_id, {})) if item_id else {}
        self._card(plan, card, given, names, register)
        values = self._values(plan, given, names, register)
        title = given.get("title", "")
        if item_id is None and not title:
            plan.error(names.get("title", "Benämning"), "no_title", "A new item needs a title (Benämning).")
        if len(title) > 60:
            plan.error(names["title"], "title_too_long", "A title is at most 60 characters.", title)
        key = item_id or given.get("inventory_number", "")
        inventory_number = given.get("inventory_number", "")
        if key and key in seen:
            plan.error(names.get("id") or names["inventory_number"], "repeated_row",
                       f"The same item is on line {seen[key]} too.", str(key))
        elif inventory_number and ("number", inventory_number) in seen:
            plan.error(names["inventory_number"], "repeated_number",
                       f"Line {seen['number', inventory_number]} gives this inventory number too.", inventory_number)
        if key:
            seen.setdefault(key, number)
        if inventory_number:
            seen.setdefault(("number", inventory_number), number)
        if plan.errors:
            plan.title = title or (register.items[item_id]["title"] if item_id else "")
            return plan
        return self._decide(plan, item_id, title, card, values, given, names, register)

    def _find(self, plan: Planned, given: dict[str, str], names: dict[str, str], register: Register) -> UUID | None:
        number = given.get("inventory_number", "")
        plan.key = number
        if given.get("id"):
            try:
                item_id = UUID(given["id"])
            except ValueError:
                plan.error(names["id"], "bad_id", "Not a Delbar id (as the export writes it).", given["id"])
                return None
            if item_id not in register.items:
                plan.error(names["id"], "unknown_item", "No item of the municipality has this Delbar id.", given["id"])
                return None
            owner = register.numbers.get(number)
            if number and owner not in (None, item_id):
                plan.error(names["inventory_number"], "inventory_number_taken",
                           "Another item already has this inventory number.", number)
            return item_id
        if not number:
            plan.error(names.get("inventory_number") or names.get("id", ""), "no_key",
                       "The row has neither an inventory number nor a Delbar id.")
            return None
        return register.numbers.get(number)

    def _card(self, plan: Planned, card: Row, given: dict[str, str], names: dict[str, str],
              register: Register) -> None:
        readers: dict[str, Any] = {
            "width_cm": columns.whole, "depth_cm": columns.whole, "height_cm": columns.whole,
            "purchase_year": columns.whole, "weight_kg": lambda c: columns.scaled(c, 1000),
            "purchase_price_kr": lambda c: columns.scaled(c, 100), "condition": columns.condition,
        }
        stored = {"weight_kg": "weight_g", "purchase_price_kr": "purchase_price_ore"}
        for key, cell in given.items():
            if key in ("id", "title", "owner_unit", "custodian_unit") or key.startswith("field:"):
                continue
            target = stored.get(key, key)
            if not cell:
                card[target] = None if target not in ("material", "brand", "model", "serial_number") else ""
                continue
            try:
                card[target] = readers[key](cell) if key in readers else cell
            except columns.BadCell as bad:
                plan.error(names[key], bad.code, bad.detail, cell)
        if "custodian_unit" in given:
            unit = given["custodian_unit"]
            card["custodian_unit"] = register.units.get(unit.casefold()) if unit else None
            if unit and card["custodian_unit"] is None:
                plan.error(names["custodian_unit"], "unknown_unit", "No unit of the municipality has this name.", unit)
        checked = {k: card.get(k) for k in schemas.CardFields.__struct_fields__ if card.get(k) not in (None, "")}
        try:
            msgspec.convert(checked, schemas.CardFields)
        except msgspec.ValidationError as exc:
            column = _column_of(str(exc), names)
            plan.error(column, "out_of_bounds", _readable(str(exc)))

    def _values(self, plan: Planned, given: dict[str, str], names: dict[str, str],
                register: Register) -> dict[UUID, str]:
        values = {}
        for key, cell in given.items():
            if not key.startswith("field:"):
                continue
            field_row = register.fields[UUID(key.removeprefix("field:"))]
            try:
                values[field_row["id"]] = canonical_value(field_row, cell)
            except Invalid as bad:
                plan.error(names[key], bad.error or "bad_value", bad.detail, cell)
            if len(cell) > 200:
                plan.error(names[key], "value_too_long", "A value is at most 200 characters.", cell)
        return values

    def _decide(self, plan: Planned, item_id: UUID | None, title: str, card: Row, values: dict[UUID, str],
                given: dict[str, str], names: dict[str, str], register: Register) -> Planned:
        card = _comparable(card)
        plan.card, plan.values = card, values
        if item_id is None:
            owner = register.units.get(given.get("owner_unit", "").casefold()) if given.get("owner_unit") else \
                self.actor.unit_id
            if owner is None:
                plan.error(names["owner_unit"], "unknown_unit", "No unit of the municipality has this name.",
                           given["owner_unit"])
                return plan
            plan.action, plan.item_id, plan.title = "create", uuid4(), title
            plan.new = {"id": plan.item_id, "owner_unit": owner, "title": title, "listing": None, "category": None}
            return plan
        item = register.items[item_id]
        plan.item_id, plan.title = item_id, title or item["title"]
        plan.retitle = bool(title) and title != item["title"]
        # An item with no card yet compares as an empty one: a row that gives it nothing changes nothing.
        before = _comparable(register.cards.get(item_id, {}))
        own = register.values.get(item_id, {})
        same_values = all(own.get(f, "") == v for f, v in values.items())
        plan.action = "unchanged" if before == card and same_values and not plan.retitle else "update"
        return plan

    async def _write(self, plans: list[Planned], mapped: list[str]) -> None:
        now = clock.now()
        changing = [p for p in plans if p.action in ("create", "update")]
        await self.repo.insert_items([p.new for p in changing if p.new], now)
        await self.repo.retitle({p.item_id: p.title for p in changing if p.retitle and p.item_id})
        register_cards = await self.repo.cards()
        cards = []
        for p in changing:
            version = register_cards[p.item_id]["version"] + 1 if p.item_id in register_cards else 1
            cards.append({**p.card, "item": p.item_id, "version": version, "updated_by": self.actor.user_id,
                          "updated_at": now, "custodian_person": register_cards.get(p.item_id, {}).get(
                              "custodian_person")})
        await self.repo.replace_cards(cards)
        if any(k.startswith("field:") for k in mapped):
            await self.repo.replace_values({p.item_id: p.values for p in changing if p.item_id})

    def _summary(self, header: list[str], mapped: list[str], plans: list[Planned], register: Register,
                 *, applied: bool) -> schemas.ImportReport:
        counts = {a: sum(1 for p in plans if (p.action if not p.errors else "error") == a)
                  for a in ("create", "update", "unchanged", "error")}
        wrong = [p for p in plans if p.errors]
        listed = wrong[:MAX_LISTED] + [p for p in plans if not p.errors][:SAMPLE]
        return schemas.ImportReport(
            columns=[schemas.ImportColumn(index=i, header=cell[:100], key=key) for i, (cell, key)
                     in enumerate(zip(header, mapped, strict=True))],
            fields=[schemas.ImportField(key=k, name=sv) for k, (sv, _, _) in columns.COLUMNS.items()]
            + [schemas.ImportField(key=f"field:{f['id']}", name=f["name"]) for f in register.fields.values()],
            rows=[schemas.ImportRowRead(row=p.line, action="error" if p.errors else p.action, title=p.title,
                                        inventory_number=p.key, errors=p.errors) for p in listed],
            total=len(plans), created=counts["create"], updated=counts["update"], unchanged=counts["unchanged"],
            errors=counts["error"], applied=applied)


def _lines(data: bytes, filename: str) -> list[sheets.Line]:
    return sheets.read(data, filename, max_bytes=MAX_BYTES, max_rows=MAX_ROWS)


def _comparable(card: Row) -> Row:
    """A card's fields as stored: texts empty rather than null, an inventory number null rather than empty."""
    row = {k: card.get(k) for k in _CARD_KEYS}
    for text in ("material", "brand", "model", "serial_number", "condition"):
        row[text] = row[text] or ""
    return row | {"inventory_number": row["inventory_number"] or None}


def _column_of(message: str, names: dict[str, str]) -> str:
    for key, stored in (("weight_kg", "weight_g"), ("purchase_price_kr", "purchase_price_ore")):
        if f"$.{stored}" in message:
            return names.get(key, "")
    for key, name in names.items():
        if f"$.{key}" in message:
            return name
    return ""


def _readable(message: str) -> str:
    """msgspec's reason without its JSON path (the column says where)."""
    return message.split(" - at ", 1)[0].rstrip(".") + "."
