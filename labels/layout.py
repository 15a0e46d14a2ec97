"""One label's layout: QR on the left, municipality, title and code beside it, then drawing."""

from dataclasses import dataclass

from PIL import Image, ImageDraw

from labels.errors import LabelDoesNotFit
from labels.payload import payload_for
from labels.qr import Modules, QrFit, fit_qr, qr_image, qr_modules
from labels.text import font, line_height, wrap_lines

# Type sizes in points, so a label reads the same at any dpi.
MUNICIPALITY_PT = 6.5
TITLE_PT = 8.5
CODE_PT = 14.0
MIN_CODE_PT = 7.0
TITLE_MAX_LINES = 3
QR_MAX_SHARE = 0.62  # of the content width, so a wide label still has room for text


@dataclass(frozen=True)
class LabelContent:
    """What one label shows: its code and where it points, a short title, the municipality."""

    code: str
    title: str
    municipality: str
    host: str


@dataclass(frozen=True)
class TextLine:
    """One line of text placed in label pixels; y is the top of the line box."""

    x: int
    y: int
    text: str
    role: str
    size_px: int

    def bbox(self) -> tuple[int, int, int, int]:
        """Return the inked box of the line in label pixels (left, top, right, bottom)."""
        left, top, right, bottom = font(self.role, self.size_px).getbbox(self.text, anchor="la")
        return self.x + left, self.y + top, self.x + right, self.y + bottom


@dataclass(frozen=True)
class LabelPlan:
    """Everything needed to draw one label, as data, so layout can be checked without pixels."""

    width_px: int
    height_px: int
    modules: Modules
    qr: QrFit
    qr_origin: tuple[int, int]
    lines: tuple[TextLine, ...]


def display_code(code: str) -> str:
    """Return the code grouped 4-4 for reading aloud and typing; parsing accepts the hyphen."""
    return f"{code[:4]}-{code[4:]}"


def plan_label(
    content: LabelContent, width_px: int, height_px: int, dpi: float, inset_px: int
) -> LabelPlan:
    """Lay out one label in a width x height pixel box, keeping inset_px clear at the edges."""
    modules = qr_modules(payload_for(content.host, content.code))
    inner_w, inner_h = width_px - 2 * inset_px, height_px - 2 * inset_px
    if inner_w <= 0 or inner_h <= 0:
        raise LabelDoesNotFit(f"A {width_px}x{height_px} px label has no room inside its inset")
    fit = fit_qr(len(modules), min(inner_h, int(inner_w * QR_MAX_SHARE)))
    qr_origin = (inset_px, inset_px + (inner_h - fit.side_px) // 2)
    column = (inset_px + fit.side_px, inset_px, inner_w - fit.side_px, inner_h)
    lines = _text_lines(content, column, dpi)
    return LabelPlan(width_px, height_px, modules, fit, qr_origin, lines)


def _text_lines(
    content: LabelContent, column: tuple[int, int, int, int], dpi: float
) -> tuple[TextLine, ...]:
    """Place municipality at the top, the code at the bottom and the title between them."""
    x, y, width, height = column
    code_line = _code_line(content.code, x, width, dpi)
    code_top = y + height - line_height(font("code", code_line.size_px))
    code_line = TextLine(x, code_top, code_line.text, "code", code_line.size_px)
    lines, top = [], y
    for text, role, points, max_lines in (
        (content.municipality, "regular", MUNICIPALITY_PT, 1),
        (content.title, "bold", TITLE_PT, TITLE_MAX_LINES),
    ):
        face = font(role, _px(points, dpi))
        room = (code_top - top) // line_height(face)
        text = " ".join(text.split())
        if text and room < 1:
            raise LabelDoesNotFit(f"No room for {text!r} on a {height} px high text column")
        for wrapped in wrap_lines(text, face, width, min(room, max_lines)):
            lines.append(TextLine(x, top, wrapped, role, face.size))
            top += line_height(face)
    return (*lines, code_line)


def _code_line(code: str, x: int, width: int, dpi: float) -> TextLine:
    """Return the code line at the biggest size up to CODE_PT that fits the column width."""
    text, points = display_code(code), CODE_PT
    while points >= MIN_CODE_PT:
        size = _px(points, dpi)
        if font("code", size).getlength(text) <= width:
            return TextLine(x, 0, text, "code", size)
        points -= 0.5
    raise LabelDoesNotFit(f"The code {text} does not fit a {width} px wide text column")


def _px(points: float, dpi: float) -> int:
    """Convert a type size in points to whole pixels at dpi."""
    return round(points * dpi / 72)


def draw_label(plan: LabelPlan) -> Image.Image:
    """Draw a planned label as a mode "1" image: black on white, no greys to blur or compress."""
    image = Image.new("1", (plan.width_px, plan.height_px), 255)
    quiet = plan.qr.quiet_modules * plan.qr.module_px
    x, y = plan.qr_origin
    image.paste(qr_image(plan.modules, plan.qr.module_px), (x + quiet, y + quiet))
    draw = ImageDraw.Draw(image)
    draw.fontmode = "1"
    for line in plan.lines:
        draw.text(
            (line.x, line.y), line.text, fill=0, font=font(line.role, line.size_px), anchor="la"
        )
    return image


def render_label_image(
    content: LabelContent, width_px: int, height_px: int, dpi: float, inset_px: int
) -> Image.Image:
    """Plan and draw one label; raises LabelDoesNotFit rather than drawing a partial one."""
    return draw_label(plan_label(content, width_px, height_px, dpi, inset_px))
