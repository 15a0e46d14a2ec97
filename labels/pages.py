"""Raster pages and single labels at device size: exactly what goes into a PDF or PNG."""

from collections.abc import Sequence

from PIL import Image, ImageDraw

from labels.layout import LabelContent, render_label_image
from labels.sheets import Roll, Sheet, cell_origins, mm_to_px
from labels.text import font

Offset = tuple[float, float]


def sheet_page_images(
    contents: Sequence[LabelContent],
    sheet: Sheet,
    *,
    dpi: int = 300,
    start_position: int = 1,
    offset_mm: Offset = (0.0, 0.0),
) -> list[Image.Image]:
    """Return the pages for contents, starting at a 1-based position on a part-used sheet."""
    if not contents:
        raise ValueError("There are no labels to print")
    if not 1 <= start_position <= sheet.cells:
        raise ValueError(
            f"Start position must be 1 to {sheet.cells} on {sheet.name}, got {start_position}"
        )
    origins = cell_origins(sheet)
    pages: list[Image.Image] = []
    for index, content in enumerate(contents, start=start_position - 1):
        page, cell = divmod(index, sheet.cells)
        if page == len(pages):
            pages.append(_blank_page(sheet, dpi))
        x_mm, y_mm = origins[cell]
        corner = (mm_to_px(x_mm + offset_mm[0], dpi), mm_to_px(y_mm + offset_mm[1], dpi))
        pages[page].paste(sheet_cell_image(content, sheet, dpi), corner)
    return pages


def sheet_cell_image(content: LabelContent, sheet: Sheet, dpi: int = 300) -> Image.Image:
    """Return one sheet label's cell at dpi, for pages, previews and single-label output."""
    size = (mm_to_px(sheet.label_width_mm, dpi), mm_to_px(sheet.label_height_mm, dpi))
    return render_label_image(content, *size, dpi, mm_to_px(sheet.inset_mm, dpi))


def _blank_page(sheet: Sheet, dpi: int) -> Image.Image:
    """Return a white mode "1" page the size of the sheet at dpi."""
    size = (mm_to_px(sheet.page_width_mm, dpi), mm_to_px(sheet.page_height_mm, dpi))
    return Image.new("1", size, 255)


def calibration_page_image(
    sheet: Sheet, *, dpi: int = 300, offset_mm: Offset = (0.0, 0.0)
) -> Image.Image:
    """Return cell outlines, centre crosses and mm rulers for measuring a printer's offset."""
    page = _blank_page(sheet, dpi)
    draw = ImageDraw.Draw(page)
    draw.fontmode = "1"
    ox, oy = offset_mm
    for x, y in cell_origins(sheet):
        left, top = x + ox, y + oy
        right, bottom = left + sheet.label_width_mm, top + sheet.label_height_mm
        _line_mm(
            draw, dpi, [(left, top), (right, top), (right, bottom), (left, bottom), (left, top)]
        )
        cx, cy = (left + right) / 2, (top + bottom) / 2
        _line_mm(draw, dpi, [(cx - 3, cy), (cx + 3, cy)])
        _line_mm(draw, dpi, [(cx, cy - 3), (cx, cy + 3)])
    _draw_rulers(draw, sheet, dpi, offset_mm)
    _draw_instructions(draw, sheet, dpi, offset_mm)
    return page


def _line_mm(draw: ImageDraw.ImageDraw, dpi: int, points_mm: list[tuple[float, float]]) -> None:
    """Draw a 0.2 mm polyline through points given in mm."""
    points = [(mm_to_px(x, dpi), mm_to_px(y, dpi)) for x, y in points_mm]
    draw.line(points, fill=0, width=max(1, mm_to_px(0.2, dpi)))


def _draw_rulers(draw: ImageDraw.ImageDraw, sheet: Sheet, dpi: int, offset_mm: Offset) -> None:
    """Draw mm rulers through the page centre, numbered in mm from the paper's top left."""
    ox, oy = offset_mm
    numbers = font("regular", mm_to_px(2.2, dpi))
    mid_x, mid_y = sheet.page_width_mm / 2 + ox, sheet.page_height_mm / 2 + oy
    for mm in range(int(max(sheet.page_width_mm, sheet.page_height_mm)) + 1):
        tick = 4.0 if mm % 10 == 0 else 2.5 if mm % 5 == 0 else 1.5
        if mm <= sheet.page_width_mm:
            _line_mm(draw, dpi, [(mm + ox, mid_y), (mm + ox, mid_y + tick)])
        if mm <= sheet.page_height_mm:
            _line_mm(draw, dpi, [(mid_x, mm + oy), (mid_x + tick, mm + oy)])
        if mm % 10:
            continue
        if mm <= sheet.page_width_mm:
            at = (mm_to_px(mm + ox, dpi), mm_to_px(mid_y + 4.5, dpi))
            draw.text(at, str(mm), fill=0, font=numbers, anchor="ma")
        if mm <= sheet.page_height_mm:
            at = (mm_to_px(mid_x + 4.5, dpi), mm_to_px(mm + oy, dpi))
            draw.text(at, str(mm), fill=0, font=numbers, anchor="lm")


def _draw_instructions(
    draw: ImageDraw.ImageDraw, sheet: Sheet, dpi: int, offset_mm: Offset
) -> None:
    """Write how to read the page inside the first cell, where it hides no ruler."""
    x, y = cell_origins(sheet)[0]
    left, top = mm_to_px(x + offset_mm[0] + 2, dpi), mm_to_px(y + offset_mm[1] + 2, dpi)
    face = font("regular", mm_to_px(2.2, dpi))
    lines = (
        f"Calibration: {sheet.name}",
        f"Offset now x {offset_mm[0]:+.1f} mm, y {offset_mm[1]:+.1f} mm",
        "Measure from the paper edge to a ruler",
        "mark: if 100 is at 101.5 mm, add -1.5 mm.",
        "Hold over a label sheet to check outlines.",
    )
    for number, text in enumerate(lines):
        draw.text((left, top + number * mm_to_px(3, dpi)), text, fill=0, font=face, anchor="la")


def roll_label_images(contents: Sequence[LabelContent], roll: Roll) -> list[Image.Image]:
    """Return one full-size image per label, content confined to the printable area."""
    if not contents:
        raise ValueError("There are no labels to print")
    size = (mm_to_px(roll.label_width_mm, roll.dpi), mm_to_px(roll.label_height_mm, roll.dpi))
    corner = ((size[0] - roll.printable_width_px) // 2, (size[1] - roll.printable_height_px) // 2)
    images = []
    for content in contents:
        image = Image.new("1", size, 255)
        image.paste(roll_printable_image(content, roll), corner)
        images.append(image)
    return images


def roll_printable_image(content: LabelContent, roll: Roll) -> Image.Image:
    """Return one label's printable area at the roll's dpi, as a raster printer takes it."""
    inset_px = mm_to_px(roll.inset_mm, roll.dpi)
    size = (roll.printable_width_px, roll.printable_height_px)
    return render_label_image(content, *size, roll.dpi, inset_px)
