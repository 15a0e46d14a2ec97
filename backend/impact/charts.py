"""Server-rendered SVG charts that read in black and white: every bar is labelled with its value,
and series differ by fill pattern, not by colour alone. The page shows the same data as a table.
"""

from __future__ import annotations

from html import escape
from typing import Any

WIDTH = 640
_PATTERNS = """<defs>
<pattern id="p-solid" width="6" height="6" patternUnits="userSpaceOnUse"><rect width="6" height="6" fill="#1d4d3a"/></pattern>
<pattern id="p-hatch" width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
<rect width="6" height="6" fill="#fff"/><rect width="3" height="6" fill="#1d4d3a"/></pattern>
<pattern id="p-dots" width="6" height="6" patternUnits="userSpaceOnUse">
<rect width="6" height="6" fill="#fff"/><circle cx="3" cy="3" r="1.6" fill="#1d4d3a"/></pattern>
<pattern id="p-grid" width="6" height="6" patternUnits="userSpaceOnUse">
<rect width="6" height="6" fill="#fff"/><path d="M0 0H6M0 0V6" stroke="#6b6b6b" stroke-width="1.5"/></pattern>
</defs>"""  # noqa: E501 - the SVG as sent, one pattern a line
PATTERNS = ("p-solid", "p-hatch", "p-dots", "p-grid")
# What the charts say, per language; the bars' own names come from the report.
TEXTS = {
    "sv": {"trend": "Undvikna utsläpp per månad (kg CO2e)", "categories": "Undvikna utsläpp per kategori (kg CO2e)",
           "checks": "Inköpskontroller per utfall", "municipalities": "Undvikna utsläpp per kommun (kg CO2e)",
           "pieces": "st", "none": "Inga uppgifter för perioden", "reused": "Återbrukat från Delbar",
           "bought_used": "Köpt begagnat", "bought_new": "Köpt nytt", "undecided": "Inte beslutat"},
    "en": {"trend": "Emissions avoided per month (kg CO2e)", "categories": "Emissions avoided per category (kg CO2e)",
           "checks": "Purchase checks by outcome", "municipalities": "Emissions avoided per municipality (kg CO2e)",
           "pieces": "pcs", "none": "No figures for the period", "reused": "Reused from Delbar",
           "bought_used": "Bought second-hand", "bought_new": "Bought new", "undecided": "Not decided"},
}


def _svg(title: str, desc: str, height: int, body: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" width="{WIDTH}" height="{height}" '
        f'role="img" aria-labelledby="t d" font-family="DejaVu Sans, sans-serif" font-size="12">'
        f'<title id="t">{escape(title)}</title><desc id="d">{escape(desc)}</desc>{_PATTERNS}'
        f'<rect width="{WIDTH}" height="{height}" fill="#fff"/>{body}</svg>'
    )


def _number(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u202f")


def columns(title: str, unit: str, points: list[tuple[str, float]]) -> str:
    """Vertical bars over time (months), each with its value above it."""
    height, top, bottom, left = 260, 30, 40, 10
    peak = max((v for _, v in points), default=0) or 1
    step = (WIDTH - 2 * left) / max(1, len(points))
    parts = [f'<line x1="{left}" y1="{height - bottom}" x2="{WIDTH - left}" y2="{height - bottom}" stroke="#111"/>']
    for index, (label, value) in enumerate(points):
        bar = (height - top - bottom) * value / peak
        x = left + index * step + step * 0.15
        y = height - bottom - bar
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.7:.1f}" height="{bar:.1f}" '
                     f'fill="url(#p-solid)" stroke="#111"/>')
        parts.append(f'<text x="{x + step * 0.35:.1f}" y="{y - 4:.1f}" text-anchor="middle" font-size="10">'
                     f'{_number(value)}</text>')
        parts.append(f'<text x="{x + step * 0.35:.1f}" y="{height - bottom + 14}" text-anchor="middle" '
                     f'font-size="10">{escape(label[2:])}</text>')
    desc = "; ".join(f"{label}: {_number(v)} {unit}" for label, v in points)
    return _svg(title, desc, height, "".join(parts))


def bars(title: str, unit: str, rows: list[tuple[str, float]], patterned: bool = False, none: str = "") -> str:
    """Horizontal bars, one per row, labelled with name and value; patterns alternate when asked."""
    row_height, label_width = 28, 200
    height = max(1, len(rows)) * row_height + 10
    peak = max((v for _, v in rows), default=0) or 1
    parts = []
    for index, (label, value) in enumerate(rows):
        y = 5 + index * row_height
        width = (WIDTH - label_width - 110) * value / peak
        fill = PATTERNS[index % len(PATTERNS)] if patterned else "p-solid"
        parts.append(f'<text x="{label_width - 6}" y="{y + 17}" text-anchor="end">{escape(label[:30])}</text>')
        parts.append(f'<rect x="{label_width}" y="{y + 4}" width="{width:.1f}" height="{row_height - 8}" '
                     f'fill="url(#{fill})" stroke="#111"/>')
        parts.append(f'<text x="{label_width + width + 6:.1f}" y="{y + 17}">{_number(value)} {escape(unit)}</text>')
    if not rows:
        parts.append(f'<text x="10" y="20">{escape(none)}</text>')
    desc = "; ".join(f"{label}: {_number(v)} {unit}" for label, v in rows) or none
    return _svg(title, desc, height, "".join(parts))


def render(name: str, report: dict[str, Any], category_names: dict[str, str], lang: str = "sv") -> str:
    """One of the report's charts by name (trend, categories, checks or municipalities), in Swedish or English.

    Each outcome of the purchase checks has its own pattern, so "not decided" never looks like "reused".
    """
    words = TEXTS[lang]
    if name == "trend":
        return columns(words["trend"], "kg CO2e", [(m["month"], m["co2e_kg"]) for m in report["months"]])
    if name == "categories":
        return bars(words["categories"], "kg", [(category_names.get(r["key"], r["key"]), r["co2e_kg"])
                                                for r in report["by_category"][:10]], none=words["none"])
    if name == "checks":
        outcomes = ("reused", "bought_used", "bought_new", "undecided")
        return bars(words["checks"], words["pieces"], [(words[k], report["checks"][k]) for k in outcomes],
                    patterned=True, none=words["none"])
    if name == "municipalities":
        return bars(words["municipalities"], "kg", [(r["municipality"], r["co2e_kg"])
                                                   for r in report["municipalities"]], patterned=True,
                    none=words["none"])
    raise KeyError(name)
