"""Single labels as PNG: a roll label's printable area, or one sheet cell, at device pixels."""

import io

from labels.layout import LabelContent
from labels.pages import roll_printable_image, sheet_cell_image
from labels.sheets import Roll, Sheet


def render_label_png(content: LabelContent, stock: Roll | Sheet, dpi: int | None = None) -> bytes:
    """Return one label as a bilevel PNG; a roll renders at its printer's own dpi."""
    if isinstance(stock, Roll):
        if dpi not in (None, stock.dpi):
            raise ValueError(f"{stock.name} prints at {stock.dpi} dpi, not {dpi}")
        image, dpi = roll_printable_image(content, stock), stock.dpi
    else:
        dpi = dpi or 300
        image = sheet_cell_image(content, stock, dpi)
    buffer = io.BytesIO()
    image.save(buffer, "PNG", dpi=(dpi, dpi))
    return buffer.getvalue()
