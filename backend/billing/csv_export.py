"""The invoice basis as CSV for Swedish finance systems: semicolons, UTF-8 with BOM, CRLF, 1234,50."""

from __future__ import annotations

import csv
import io
from typing import Any

from backend.billing.money import kronor_sv

KIND_SV = {"rent": "Hyra", "sale": "Försäljning", "transport": "Transport"}
HEADER = (
    "Period", "Betalande kommun", "Kostnadsställe", "Betalande enhet", "Mottagande kostnadsställe", "Typ",
    "Bokning", "Beskrivning", "Antal", "Från", "Till", "Belopp", "Rättelse", "Rad",
)


def sort_key(line: dict[str, Any]) -> tuple:
    """Grouped by paying municipality and cost centre, then in the order charges arose."""
    return (line["payer_municipality_name"], line["payer_cost_centre"], line["charged_at"], str(line["id"]))


def render_csv(lines: list[dict[str, Any]]) -> str:
    """The file as text; the caller stores it so that a second export returns the same bytes."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow(HEADER)
    for line in sorted(lines, key=sort_key):
        writer.writerow((
            line["month"],
            line["payer_municipality_name"],
            line["payer_cost_centre"],
            line["payer_unit_name"],
            line["payee_cost_centre"],
            KIND_SV.get(line["kind"], line["kind"]),
            str(line["booking_id"] or ""),
            _safe(line["description"]),
            line["quantity"],
            line["period_start"].isoformat() if line["period_start"] else "",
            line["period_end"].isoformat() if line["period_end"] else "",
            kronor_sv(line["amount_ore"]),
            "Ja" if line["correction"] else "",
            str(line["id"]),
        ))
    return "\ufeff" + out.getvalue()


def _safe(text: str) -> str:
    """Stop a description from being read as a formula when the file is opened in a spreadsheet."""
    return "'" + text if text[:1] in ("=", "+", "-", "@") else text
