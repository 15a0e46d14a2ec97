"""The invoice basis in a municipality's own layout: the columns its finance system reads, in its
order, under its headers, with its date format and decimal separator (always ; and UTF-8 with BOM).

Pure functions: the catalogue of columns, the default layout (Delbar's own CSV) and the rendering.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date
from typing import Any

from backend.billing.csv_export import KIND_SV, _safe, sort_key
from backend.vocabulary import local_day

MAX_COLUMNS = 20
DATE_FORMATS: dict[str, str] = {"iso": "%Y-%m-%d", "compact": "%Y%m%d", "dmy_dot": "%d.%m.%Y"}
DECIMAL_SEPARATORS = (",", ".")

Line = dict[str, Any]


def _day(value: date | None, fmt: str) -> str:
    return value.strftime(DATE_FORMATS[fmt]) if value else ""


def _amount(ore: int, separator: str) -> str:
    sign = "-" if ore < 0 else ""
    return f"{sign}{abs(ore) // 100}{separator}{abs(ore) % 100:02d}"


# key → (Delbar's own header, how a line gives its value: (line, date format, decimal separator) → text)
COLUMNS: dict[str, tuple[str, Callable[[Line, str, str], str]]] = {
    "period": ("Period", lambda line, d, s: line["month"]),
    "payer_municipality": ("Betalande kommun", lambda line, d, s: line["payer_municipality_name"]),
    "payer_cost_centre": ("Kostnadsställe", lambda line, d, s: line["payer_cost_centre"]),
    "payer_unit": ("Betalande enhet", lambda line, d, s: line["payer_unit_name"]),
    "payee_cost_centre": ("Mottagande kostnadsställe", lambda line, d, s: line["payee_cost_centre"]),
    "kind": ("Typ", lambda line, d, s: KIND_SV.get(line["kind"], line["kind"])),
    "booking": ("Bokning", lambda line, d, s: str(line["booking_id"] or "")),
    "description": ("Beskrivning", lambda line, d, s: _safe(line["description"])),
    "quantity": ("Antal", lambda line, d, s: str(line["quantity"])),
    "from": ("Från", lambda line, d, s: _day(line["period_start"], d)),
    "to": ("Till", lambda line, d, s: _day(line["period_end"], d)),
    "charged_on": ("Debiterad", lambda line, d, s: _day(local_day(line["charged_at"]), d)),
    "amount": ("Belopp", lambda line, d, s: _amount(line["amount_ore"], s)),
    "correction": ("Rättelse", lambda line, d, s: "Ja" if line["correction"] else ""),
    "line": ("Rad", lambda line, d, s: str(line["id"])),
}
# Delbar's own file, column for column: what a municipality starts from.
DEFAULT_COLUMNS = ("period", "payer_municipality", "payer_cost_centre", "payer_unit", "payee_cost_centre", "kind",
                   "booking", "description", "quantity", "from", "to", "amount", "correction", "line")


def default_mapping() -> dict[str, Any]:
    return {"columns": [{"column": key, "header": COLUMNS[key][0]} for key in DEFAULT_COLUMNS],
            "date_format": "iso", "decimal_separator": ","}


def render_mapped(lines: list[Line], mapping: dict[str, Any]) -> str:
    """The month's lines in the mapping's layout, in the same order as Delbar's own file."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    columns = mapping["columns"]
    writer.writerow([_safe(c["header"]) for c in columns])
    fmt, separator = mapping["date_format"], mapping["decimal_separator"]
    for line in sorted(lines, key=sort_key):
        writer.writerow([COLUMNS[c["column"]][1](line, fmt, separator) for c in columns])
    return "\ufeff" + out.getvalue()
