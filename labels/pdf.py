"""PDF documents of label pages: one lossless bilevel image per page at exact paper size."""

import io
from collections.abc import Sequence

from PIL import Image, features

from labels.layout import LabelContent
from labels.pages import Offset, calibration_page_image, roll_label_images, sheet_page_images
from labels.sheets import MM_PER_INCH, Roll, Sheet


def render_sheet_pdf(
    contents: Sequence[LabelContent],
    sheet: Sheet,
    *,
    dpi: int = 300,
    start_position: int = 1,
    offset_mm: Offset = (0.0, 0.0),
) -> bytes:
    """Return a PDF of sheet pages for contents, as many pages as the labels need."""
    pages = sheet_page_images(
        contents, sheet, dpi=dpi, start_position=start_position, offset_mm=offset_mm
    )
    return _pdf(pages, (sheet.page_width_mm, sheet.page_height_mm))


def render_calibration_pdf(
    sheet: Sheet, *, dpi: int = 300, offset_mm: Offset = (0.0, 0.0)
) -> bytes:
    """Return a one-page PDF with cell outlines and rulers for measuring printer offsets."""
    page = calibration_page_image(sheet, dpi=dpi, offset_mm=offset_mm)
    return _pdf([page], (sheet.page_width_mm, sheet.page_height_mm))


def render_roll_pdf(contents: Sequence[LabelContent], roll: Roll) -> bytes:
    """Return a PDF with one label-sized page per label, for a thermal printer's driver."""
    return _pdf(roll_label_images(contents, roll), (roll.label_width_mm, roll.label_height_mm))


def _pdf(pages: Sequence[Image.Image], page_mm: tuple[float, float]) -> bytes:
    """Write mode "1" pages to PDF with the page box exactly page_mm, whatever the rounding."""
    if not features.check("libtiff"):
        # Without libtiff Pillow silently stores bilevel pages as JPEG, which blurs QR modules.
        raise RuntimeError("Pillow is built without libtiff; label PDFs would be lossy")
    width_px, height_px = pages[0].size
    # Pixel sizes are whole, paper is not: stretch the resolution by the rounding (< 0.02 %).
    dpi = (width_px * MM_PER_INCH / page_mm[0], height_px * MM_PER_INCH / page_mm[1])
    buffer = io.BytesIO()
    pages[0].save(buffer, "PDF", save_all=True, append_images=list(pages[1:]), dpi=dpi)
    return buffer.getvalue()
