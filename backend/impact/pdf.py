"""The impact report as a printable A4 PDF (reportlab), in Swedish or English.

The same figures as the report screen: key figures, the comparison with the previous period, the
charts (drawn as vector bars with their values written beside them, readable in black and white),
the tables per month, unit and category, the AME's work hours, and the factors with their sources
as a person reads them. Pure: a report dict in, bytes out.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from reportlab.graphics.shapes import Drawing, Line, Rect, String
from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import KeepTogether, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from backend.impact.charts import TEXTS as CHART_TEXTS
from backend.impact.pdf_words import WORDS

_DEJAVU = Path("/usr/share/fonts/truetype/dejavu")
INK, BAR = colors.HexColor("#111111"), colors.HexColor("#1d4d3a")
WIDTH = A4[0] - 36 * mm


def _fonts() -> tuple[str, str]:
    """DejaVu (every Swedish letter, CO₂, narrow spaces) when installed, else the PDF's own Helvetica."""
    regular, bold = _DEJAVU / "DejaVuSans.ttf", _DEJAVU / "DejaVuSans-Bold.ttf"
    if regular.exists() and bold.exists():
        if "DejaVuSans" not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont("DejaVuSans", str(regular)))
            pdfmetrics.registerFont(TTFont("DejaVuSans-Bold", str(bold)))
        return "DejaVuSans", "DejaVuSans-Bold"
    return "Helvetica", "Helvetica-Bold"


def number(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u00a0")


def kronor(ore: int, lang: str) -> str:
    return f"{number(ore / 100)}\u00a0kr" if lang == "sv" else f"SEK\u00a0{number(ore / 100)}"


def change(value: float | None) -> str:
    return "–" if value is None else f"{value * 100:+.0f}\u00a0%"


def hours(minutes: int, lang: str = "sv") -> str:
    text = f"{minutes / 60:,.1f}".replace(",", "\u00a0")
    return text.replace(".", ",") if lang == "sv" else text


class _Doc:
    def __init__(self, lang: str) -> None:
        self.lang, self.words = lang, WORDS[lang]
        self.font, self.bold = _fonts()
        self.body = ParagraphStyle("body", fontName=self.font, fontSize=9.5, leading=13)
        self.small = ParagraphStyle("small", parent=self.body, fontSize=8, leading=10.5)
        self.h1 = ParagraphStyle("h1", fontName=self.bold, fontSize=18, leading=22, spaceAfter=4)
        self.h2 = ParagraphStyle("h2", fontName=self.bold, fontSize=12.5, leading=16, spaceBefore=10, spaceAfter=4)

    def p(self, text: str, style: ParagraphStyle | None = None) -> Paragraph:
        return Paragraph(escape(text), style or self.body)

    def table(self, head: list[str], rows: list[list[str]], widths: list[float] | None = None) -> Table:
        cell = ParagraphStyle("cell", parent=self.small)
        data = [[Paragraph(escape(c), ParagraphStyle("head", parent=cell, fontName=self.bold)) for c in head]]
        data += [[Paragraph(escape(c), cell) for c in row] for row in rows]
        table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
        table.setStyle(TableStyle([
            ("LINEBELOW", (0, 0), (-1, 0), 0.8, INK), ("LINEBELOW", (0, 1), (-1, -1), 0.25, colors.grey),
            ("VALIGN", (0, 0), (-1, -1), "TOP"), ("TOPPADDING", (0, 0), (-1, -1), 2),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 2)]))
        return table

    def bars(self, title: str, unit: str, rows: list[tuple[str, float]]) -> Drawing:
        """Horizontal bars, each labelled with its name and value (the chart reads without colour)."""
        row_h, label_w = 16, 150
        drawing = Drawing(WIDTH, 18 + max(1, len(rows)) * row_h)
        top = drawing.height - 12
        drawing.add(String(0, top, title, fontName=self.bold, fontSize=9.5))
        peak = max((v for _, v in rows), default=0) or 1
        for index, (label, value) in enumerate(rows):
            y = top - 16 - index * row_h
            width = (WIDTH - label_w - 90) * value / peak
            drawing.add(String(label_w - 4, y + 3, label[:34], fontName=self.font, fontSize=8, textAnchor="end"))
            drawing.add(Rect(label_w, y, width, row_h - 5, fillColor=BAR, strokeColor=INK, strokeWidth=0.4))
            drawing.add(String(label_w + width + 4, y + 3, f"{number(value)} {unit}", fontName=self.font, fontSize=8))
        if not rows:
            drawing.add(String(0, top - 16, CHART_TEXTS[self.lang]["none"], fontName=self.font, fontSize=8))
        return drawing

    def columns(self, title: str, points: list[tuple[str, float]]) -> Drawing:
        """Bars over time (months), each with its value above it."""
        height, bottom = 150, 16
        drawing = Drawing(WIDTH, height)
        drawing.add(String(0, height - 10, title, fontName=self.bold, fontSize=9.5))
        peak = max((v for _, v in points), default=0) or 1
        step = WIDTH / max(1, len(points))
        drawing.add(Line(0, bottom, WIDTH, bottom, strokeColor=INK, strokeWidth=0.6))
        small = len(points) > 24
        for index, (label, value) in enumerate(points):
            bar = (height - bottom - 34) * value / peak
            x = index * step + step * 0.15
            drawing.add(Rect(x, bottom, step * 0.7, bar, fillColor=BAR, strokeColor=INK, strokeWidth=0.4))
            if not small or index % 3 == 0:
                drawing.add(String(x + step * 0.35, bottom + bar + 2, number(value), fontName=self.font,
                                   fontSize=6 if small else 7, textAnchor="middle"))
                drawing.add(String(x + step * 0.35, 5, label[2:], fontName=self.font, fontSize=6 if small else 7,
                                   textAnchor="middle"))
        return drawing


def report_pdf(report: dict[str, Any], *, municipality: str, category_names: dict[str, str],
               factors: list[dict[str, Any]], lang: str = "sv") -> bytes:
    """The report document; `factors` carry each used factor's readable category, source and boundary."""
    doc = _Doc(lang)
    w = doc.words
    period = f"{report['from_month']} – {report['to_month']}"
    scope = w["network"] if report["scope"] == "network" else municipality
    story: list[Any] = [doc.p(f"{w['title']}: {scope}", doc.h1), doc.p(f"{w['period']}: {period}")]
    sums, before = report["totals"], report["previous"]
    story += [Spacer(1, 6), doc.table([w["figure"], w["this_period"], w["previous"], w["change"]], [
        [w["co2e"], number(sums["co2e_kg"]), number(before["totals"]["co2e_kg"]), change(before["change"]["co2e_kg"])],
        [w["saved"], kronor(sums["saved_ore"], lang), kronor(before["totals"]["saved_ore"], lang),
         change(before["change"]["saved_ore"])],
        [w["reuses"], number(sums["reuses"]), number(before["totals"]["reuses"]), change(before["change"]["reuses"])],
        [w["pieces"], number(sums["pieces"]), number(before["totals"]["pieces"]), ""],
        [w["waste"], number(sums["waste_kg"]), number(before["totals"]["waste_kg"]), ""],
    ], [WIDTH * 0.4, WIDTH * 0.2, WIDTH * 0.2, WIDTH * 0.2])]
    story.append(doc.p(w["previous_note"].format(period=f"{before['from_month']} – {before['to_month']}"),
                       doc.small))
    story += _charts(doc, report, category_names)
    story += _tables(doc, report, category_names)
    story += _work(doc, report.get("work"))
    story.append(doc.p(w["factors"], doc.h2))
    for f in factors:
        kind = w["own"] if f["own"] else w["national"]
        story.append(KeepTogether([
            doc.p(f"{f['category']} ({w['version']} {f['version']}, {kind})", ParagraphStyle(
                "fh", parent=doc.body, fontName=doc.bold)),
            doc.p(f"{w['source']}: {f['source']}", doc.small),
            doc.p(f"{w['boundary']}: {f['boundary']}", doc.small), Spacer(1, 4)]))
    if not factors:
        story.append(doc.p(w["no_factors"]))
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4, leftMargin=18 * mm, rightMargin=18 * mm, topMargin=16 * mm,
                      bottomMargin=16 * mm, title=f"{w['title']}: {scope}, {period}", author="Delbar",
                      lang="sv-SE" if lang == "sv" else "en-GB").build(story)
    return out.getvalue()


def _charts(doc: _Doc, report: dict[str, Any], names: dict[str, str]) -> list[Any]:
    texts = CHART_TEXTS[doc.lang]
    outcomes = ("reused", "bought_used", "bought_new", "undecided")
    parts: list[Any] = [doc.p(doc.words["charts"], doc.h2),
                        doc.columns(texts["trend"], [(m["month"], m["co2e_kg"]) for m in report["months"]]),
                        Spacer(1, 8),
                        doc.bars(texts["categories"], "kg", [(names.get(r["key"], r["key"]), r["co2e_kg"])
                                                             for r in report["by_category"][:10]]),
                        Spacer(1, 8),
                        doc.bars(texts["checks"], texts["pieces"], [(texts[k], report["checks"][k]) for k in outcomes])]
    if report["scope"] == "network":
        parts += [Spacer(1, 8), doc.bars(texts["municipalities"], "kg",
                                         [(r["municipality"], r["co2e_kg"]) for r in report["municipalities"]])]
    return parts


def _tables(doc: _Doc, report: dict[str, Any], names: dict[str, str]) -> list[Any]:
    w, lang = doc.words, doc.lang
    head = [w["co2e_short"], w["saved_short"], w["reuses"]]

    def rows(items: list[dict[str, Any]], name: Any) -> list[list[str]]:
        return [[name(r), number(r["co2e_kg"]), kronor(r["saved_ore"], lang), number(r["reuses"])] for r in items]

    widths = [WIDTH * 0.46, WIDTH * 0.18, WIDTH * 0.2, WIDTH * 0.16]
    parts: list[Any] = [doc.p(w["per_month"], doc.h2),
                        doc.table([w["month"], *head], rows(report["months"], lambda r: r["month"]), widths)]
    if report["scope"] == "municipality":
        parts += [doc.p(w["per_unit"], doc.h2),
                  doc.table([w["unit"], *head], rows(report["by_unit"], lambda r: r["label"]), widths)]
    else:
        parts += [doc.p(w["per_municipality"], doc.h2),
                  doc.table([w["municipality"], *head], rows(report["municipalities"], lambda r: r["municipality"]),
                            widths)]
    parts += [doc.p(w["per_category"], doc.h2),
              doc.table([w["category"], *head], rows(report["by_category"], lambda r: names.get(r["key"], r["key"])),
                        widths)]
    checks = report["checks"]
    parts.append(Spacer(1, 8))
    parts.append(doc.p(w["checks_line"].format(
        checks=checks["checks"], share=round(checks["reuse_share"] * 100), saved=kronor(checks["saved_ore"], lang))))
    return parts


def _work(doc: _Doc, work: dict[str, Any] | None) -> list[Any]:
    """The AME's work hours: per month, per kind of task and per municipality."""
    if work is None:
        return []
    w = doc.words
    parts: list[Any] = [doc.p(w["work"], doc.h2),
                        doc.p(w["work_total"].format(hours=hours(work["total_minutes"], doc.lang),
                                                     tasks=work["tasks"]))]
    if not work["tasks"]:
        return parts
    half = [WIDTH * 0.5, WIDTH * 0.25, WIDTH * 0.25]
    parts += [doc.table([w["month"], w["hours"], w["tasks"]],
                        [[r["key"], hours(r["minutes"], doc.lang), number(r["tasks"])] for r in work["by_month"]],
                        half),
              Spacer(1, 6),
              doc.table([w["task_kind"], w["hours"], w["tasks"]],
                        [[w[f"kind_{r['key']}"], hours(r["minutes"], doc.lang), number(r["tasks"])]
                         for r in work["by_kind"]],
                        half),
              Spacer(1, 6),
              doc.table([w["municipality"], w["hours"], w["tasks"]],
                        [[r["label"], hours(r["minutes"], doc.lang), number(r["tasks"])]
                         for r in work["by_municipality"]],
                        half)]
    return parts
