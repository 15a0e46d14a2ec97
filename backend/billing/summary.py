"""A printable HTML summary of a month's invoice basis: totals per municipality and cost centre."""

from __future__ import annotations

from collections import defaultdict
from html import escape
from typing import Any

from backend.billing.csv_export import KIND_SV, sort_key
from backend.billing.money import kronor_display

_STYLE = """
body{font-family:system-ui,sans-serif;margin:2rem;color:#111}
table{border-collapse:collapse;width:100%;margin:0 0 1.5rem}
th,td{border-bottom:1px solid #999;padding:.3rem .5rem;text-align:left;vertical-align:top}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
tfoot td{font-weight:bold;border-top:2px solid #111}
@media print{body{margin:0}a{color:inherit;text-decoration:none}}
"""


def render_summary(*, municipality: str, month: str, lines: list[dict[str, Any]], locked: bool) -> str:
    """One page per period; each line names its booking so any amount can be traced."""
    groups: dict[tuple[str, str, str], list[dict[str, Any]]] = defaultdict(list)
    for line in sorted(lines, key=sort_key):
        groups[(line["payer_municipality_name"], line["payer_cost_centre"], line["payer_unit_name"])].append(line)
    total = sum(line["amount_ore"] for line in lines)
    state = "Låst (exporterad)" if locked else "Öppen (inte exporterad)"
    parts = [
        "<!doctype html><html lang='sv'><head><meta charset='utf-8'>",
        f"<title>Fakturaunderlag {escape(month)} – {escape(municipality)}</title><style>{_STYLE}</style></head><body>",
        (f"<h1>Fakturaunderlag {escape(month)}</h1><p>{escape(municipality)} · {state} · "
         f"{len(lines)} rader · totalt {kronor_display(total)}</p>"),
    ]
    for (payer, cost_centre, unit), rows in groups.items():
        subtotal = sum(r["amount_ore"] for r in rows)
        parts.append(f"<h2>{escape(payer)} – kostnadsställe {escape(cost_centre or '–')} ({escape(unit)})</h2>")
        parts.append("<table><thead><tr><th>Typ</th><th>Beskrivning</th><th>Bokning</th>"
                     "<th class='n'>Antal</th><th class='n'>Belopp</th></tr></thead><tbody>")
        for r in rows:
            note = " (rättelse)" if r["correction"] else ""
            parts.append(
                f"<tr><td>{escape(KIND_SV.get(r['kind'], r['kind']))}{note}</td><td>{escape(r['description'])}</td>"
                f"<td>{escape(str(r['booking_id'] or '–'))}</td><td class='n'>{r['quantity']}</td>"
                f"<td class='n'>{kronor_display(r['amount_ore'])}</td></tr>"
            )
        parts.append(f"</tbody><tfoot><tr><td colspan='4'>Summa</td><td class='n'>{kronor_display(subtotal)}</td>"
                     "</tr></tfoot></table>")
    parts.append("</body></html>")
    return "".join(parts)
