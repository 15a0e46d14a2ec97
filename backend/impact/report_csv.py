"""The report as CSV, in the same Swedish conventions as the invoice basis (BOM, ;, CRLF, comma).

Every key is written as a person reads it (category and deal names, outcomes, factor sources) in
the language asked for; no internal slugs reach the file.
"""

from __future__ import annotations

import csv
import io
from typing import Any

WORDS = {
    "sv": {
        "header": ("Avsnitt", "Nyckel", "Återbruk", "Antal", "kg CO2e", "Sparat kr", "kg avfall"),
        "total": "Totalt", "month": "Månad", "deal": "Affärsform", "category": "Kategori", "municipality": "Kommun",
        "check": "Inköpskontroll", "unit": "Inköpskontroll per enhet", "factor": "Faktor",
        "source": "Källa", "boundary": "Systemgräns", "version": "version", "own": "egen", "national": "nationell",
        "give": "Skänkes", "lend": "Lånas ut", "rent": "Hyrs ut", "sell": "Säljes",
        "checks": "Kontroller", "reused": "Återbrukat från Delbar", "bought_used": "Köpt begagnat",
        "bought_new": "Köpt nytt", "undecided": "Inte beslutat",
    },
    "en": {
        "header": ("Section", "Key", "Reuses", "Pieces", "kg CO2e", "Saved SEK", "kg waste"),
        "total": "Total", "month": "Month", "deal": "Deal", "category": "Category", "municipality": "Municipality",
        "check": "Purchase check", "unit": "Purchase check per unit", "factor": "Factor",
        "source": "Source", "boundary": "System boundary", "version": "version", "own": "own", "national": "national",
        "give": "Given away", "lend": "Lent", "rent": "Rented out", "sell": "Sold",
        "checks": "Checks", "reused": "Reused from Delbar", "bought_used": "Bought second-hand",
        "bought_new": "Bought new", "undecided": "Not decided",
    },
}
OUTCOMES = ("checks", "reused", "bought_used", "bought_new", "undecided")


def _decimal(value: float, places: int) -> str:
    return f"{value:.{places}f}".replace(".", ",")


def report_csv(report: dict[str, Any], category_names: dict[str, str], factors: list[dict[str, Any]],
               lang: str = "sv") -> str:
    """The report's rows; `factors` carry each used factor's readable category, source and boundary."""
    words = WORDS[lang]
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(words["header"])

    def row(section: str, key: str, t: dict[str, Any]) -> None:
        writer.writerow((section, key, t["reuses"], t["pieces"], _decimal(t["co2e_kg"], 1),
                         _decimal(t["saved_ore"] / 100, 2), _decimal(t["waste_kg"], 1)))

    row(words["total"], f"{report['from_month']}–{report['to_month']}", report["totals"])
    for m in report["months"]:
        row(words["month"], m["month"], m)
    for r in report["by_deal"]:
        row(words["deal"], words.get(r["key"], r["key"]), r)
    for r in report["by_category"]:
        row(words["category"], category_names.get(r["key"], r["key"]), r)
    for r in report["municipalities"]:
        row(words["municipality"], r["municipality"], r)
    checks = report["checks"]
    for key in OUTCOMES:
        writer.writerow((words["check"], words[key], checks[key], "", "", "", ""))
    for unit in report.get("check_units", []):
        for key in OUTCOMES:
            writer.writerow((words["unit"], f"{unit['unit']} – {words[key]}", unit[key], "", "", "", ""))
    for f in factors:
        kind = words["own"] if f["own"] else words["national"]
        writer.writerow((words["factor"], f"{f['category']} ({words['version']} {f['version']}, {kind})",
                         f["entries"], "", "", "", ""))
        writer.writerow((words["source"], f["category"], f["source"], "", "", "", ""))
        writer.writerow((words["boundary"], f["category"], f["boundary"], "", "", "", ""))
    return "\ufeff" + out.getvalue()
