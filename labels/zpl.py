"""ZPL II for Zebra printers: the same layout as the raster labels, as printer commands."""

from collections.abc import Sequence

from labels.layout import LabelContent, LabelPlan, plan_label
from labels.payload import payload_for
from labels.sheets import mm_to_px

ZEBRA_DPIS = (203, 300)  # 8 and 12 dots per mm print heads
MAX_MAGNIFICATION = 10  # the largest ^BQ accepts
INSET_MM = 1.0
# ^FH marks hex escapes with "_"; "^" and "~" would otherwise start a command mid-text.
_ESCAPES = str.maketrans({"_": "_5F", "^": "_5E", "~": "_7E"})


def render_zpl(
    contents: Sequence[LabelContent], width_mm: float, height_mm: float, dpi: int
) -> str:
    """Return one ^XA…^XZ format per label, sized width_mm x height_mm at the head's dpi."""
    if dpi not in ZEBRA_DPIS:
        raise ValueError(f"Zebra heads print at {ZEBRA_DPIS} dpi, not {dpi}")
    if not contents:
        raise ValueError("There are no labels to print")
    width, height = mm_to_px(width_mm, dpi), mm_to_px(height_mm, dpi)
    inset = mm_to_px(INSET_MM, dpi)
    return "".join(
        _label_zpl(content, plan_label(content, width, height, dpi, inset)) for content in contents
    )


def _label_zpl(content: LabelContent, plan: LabelPlan) -> str:
    """Return the ZPL format for one planned label."""
    magnification = min(plan.qr.module_px, MAX_MAGNIFICATION)
    quiet = plan.qr.quiet_modules * plan.qr.module_px
    qr_x, qr_y = plan.qr_origin[0] + quiet, plan.qr_origin[1] + quiet
    # "QM,A": error level Q, manual input, alphanumeric: pins the symbol to the mode (and so
    # the size) the layout measured, which automatic mode would only probably choose.
    qr_data = f"QM,A{payload_for(content.host, content.code)}"
    commands = [
        "^XA",
        "^CI28",
        f"^PW{plan.width_px}",
        f"^LL{plan.height_px}",
        "^LH0,0",
        f"^FO{qr_x},{qr_y}^BQN,2,{magnification}^FD{qr_data}^FS",
    ]
    for line in plan.lines:
        text = line.text.translate(_ESCAPES)
        commands.append(f"^FO{line.x},{line.y}^A0N,{line.size_px},{line.size_px}^FH_^FD{text}^FS")
    commands.append("^XZ")
    return "\n".join(commands) + "\n"
