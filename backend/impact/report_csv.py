"""The report as CSV, in the same Swedish conventions as the invoice basis (BOM, ;, CRLF, comma)."""

from __future__ import annotations

import csv
import io
from typing import Any

HEADER = ("Avsnitt", "Nyckel", "Återbruk", "Antal", "kg CO2e", "Sparat kr", "kg avfall")


def _decimal(value: float, places: int) -> str:
    return f"{value:.{places}f}".replace(".", ",")


def report_csv(report: dict[str, Any]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)

    def row(section: str, key: str, t: dict[str, Any]) -> None:
        writer.writerow((section, key, t["reuses"], t["pieces"], _decimal(t["co2e_kg"], 1),
                         _decimal(t["saved_ore"] / 100, 2), _decimal(t["waste_kg"], 1)))

    row("Totalt", f"{report['from_month']}–{report['to_month']}", report["totals"])
    for m in report["months"]:
        row("Månad", m["month"], m)
    for r in report["by_deal"]:
        row("Affärsform", r["key"], r)
    for r in report["by_category"]:
        row("Kategori", r["key"], r)
    for r in report["municipalities"]:
        row("Kommun", r["municipality"], r)
    checks = report["checks"]
    for key in ("checks", "reused", "bought_used", "bought_new", "undecided"):
        writer.writerow(("Inköpskontroll", key, checks[key], "", "", "", ""))
    return "\ufeff" + out.getvalue()
