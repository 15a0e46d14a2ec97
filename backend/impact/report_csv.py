"""The report as CSV, in the same Swedish conventions as the invoice basis (BOM, ;, CRLF, comma).

Every key is written as a person reads it (category and deal names, outcomes, factor sources) in
the language asked for; no internal slugs reach the file. The AME's work hours and tasks stand beside
the CO2e and the money on the total, month and municipality rows, and per kind of task and per
municipality in their own sections, as in the PDF.
"""

from __future__ import annotations

import csv
import io
from typing import Any

WORDS = {
    "sv": {
        "header": ("Avsnitt", "Nyckel", "Återbruk", "Antal", "kg CO2e", "Sparat kr", "kg avfall",
                   "Arbetstimmar (AME)", "Arbetsuppdrag (AME)"),
        "work_kind": "Arbete per typ", "work_municipality": "Arbete per kommun",
        "transport": "Transport", "intake": "Intag", "repair": "Reparation",
        "total": "Totalt", "month": "Månad", "deal": "Affärsform", "category": "Kategori", "municipality": "Kommun",
        "check": "Inköpskontroll", "unit": "Inköpskontroll per enhet", "factor": "Faktor",
        "source": "Källa", "boundary": "Systemgräns", "version": "version", "own": "egen", "national": "nationell",
        "give": "Skänkes", "lend": "Lånas ut", "rent": "Hyrs ut", "sell": "Säljes",
        "checks": "Kontroller", "reused": "Återbrukat från Delbar", "bought_used": "Köpt begagnat",
        "bought_new": "Köpt nytt", "undecided": "Inte beslutat",
    },
    "en": {
        "header": ("Section", "Key", "Reuses", "Pieces", "kg CO2e", "Saved SEK", "kg waste",
                   "Work hours (AME)", "Work tasks (AME)"),
        "work_kind": "Work per kind", "work_municipality": "Work per municipality",
        "transport": "Transport", "intake": "Intake", "repair": "Repair",
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
    work = report.get("work") or {"total_minutes": 0, "tasks": 0, "by_month": [], "by_kind": [],
                                  "by_municipality": []}
    no_work = {"minutes": 0, "tasks": 0}

    def hours(w: dict[str, Any] | None) -> tuple[str, str]:
        return ("", "") if w is None else (_decimal(w["minutes"] / 60, 1), str(w["tasks"]))

    def row(section: str, key: str, t: dict[str, Any], w: dict[str, Any] | None = None) -> None:
        writer.writerow((section, key, t["reuses"], t["pieces"], _decimal(t["co2e_kg"], 1),
                         _decimal(t["saved_ore"] / 100, 2), _decimal(t["waste_kg"], 1), *hours(w)))

    def note(section: str, key: str, value: Any) -> None:
        writer.writerow((section, key, value, "", "", "", "", "", ""))

    def work_row(section: str, key: str, w: dict[str, Any]) -> None:
        writer.writerow((section, key, "", "", "", "", "", *hours(w)))

    by_month = {r["key"]: r for r in work["by_month"]}
    by_municipality = {r["key"]: r for r in work["by_municipality"]}
    row(words["total"], f"{report['from_month']}–{report['to_month']}", report["totals"],
        {"minutes": work["total_minutes"], "tasks": work["tasks"]})
    for m in report["months"]:
        row(words["month"], m["month"], m, by_month.get(m["month"], no_work))
    for r in report["by_deal"]:
        row(words["deal"], words.get(r["key"], r["key"]), r)
    for r in report["by_category"]:
        row(words["category"], category_names.get(r["key"], r["key"]), r)
    for r in report["municipalities"]:
        row(words["municipality"], r["municipality"], r, by_municipality.get(str(r["municipality_id"]), no_work))
    for r in work["by_kind"]:
        work_row(words["work_kind"], words.get(r["key"], r["key"]), r)
    for r in work["by_municipality"]:
        work_row(words["work_municipality"], r["label"], r)
    checks = report["checks"]
    for key in OUTCOMES:
        note(words["check"], words[key], checks[key])
    for unit in report.get("check_units", []):
        for key in OUTCOMES:
            note(words["unit"], f"{unit['unit']} – {words[key]}", unit[key])
    for f in factors:
        kind = words["own"] if f["own"] else words["national"]
        note(words["factor"], f"{f['category']} ({words['version']} {f['version']}, {kind})", f["entries"])
        note(words["source"], f["category"], f["source"])
        note(words["boundary"], f["category"], f["boundary"])
    return "\ufeff" + out.getvalue()
