"""Label stock as data: A4 sheet grids and thermal rolls, in millimetres, with their sources."""

from dataclasses import dataclass

MM_PER_INCH = 25.4
A4_MM = (210.0, 297.0)


@dataclass(frozen=True)
class Sheet:
    """A printer sheet of die-cut labels in a regular grid; positions from the page's top left."""

    name: str
    label_width_mm: float
    label_height_mm: float
    columns: int
    rows: int
    left_mm: float
    top_mm: float
    pitch_x_mm: float
    pitch_y_mm: float
    source: str
    page_width_mm: float = A4_MM[0]
    page_height_mm: float = A4_MM[1]
    # Sheet printers drift by about a millimetre; keep ink this far inside each label's edge.
    inset_mm: float = 1.5

    @property
    def cells(self) -> int:
        """Number of labels on one sheet."""
        return self.columns * self.rows


@dataclass(frozen=True)
class Roll:
    """Thermal label stock printed one label per page; width and height as the label is read."""

    name: str
    label_width_mm: float
    label_height_mm: float
    dpi: int
    printable_width_px: int
    printable_height_px: int
    source: str
    # Thermal heads register to the dot; this only keeps ink off a die-cut edge.
    inset_mm: float = 1.0


def cell_origins(sheet: Sheet) -> list[tuple[float, float]]:
    """Return each label's top-left corner in mm, row by row, as the user counts positions."""
    return [
        (sheet.left_mm + column * sheet.pitch_x_mm, sheet.top_mm + row * sheet.pitch_y_mm)
        for row in range(sheet.rows)
        for column in range(sheet.columns)
    ]


def mm_to_px(mm: float, dpi: float) -> int:
    """Convert a length in mm to whole device pixels at dpi."""
    return round(mm * dpi / MM_PER_INCH)


AVERY_L7160 = Sheet(
    name="Avery L7160",
    label_width_mm=63.5,
    label_height_mm=38.1,
    columns=3,
    rows=7,
    left_mm=7.25,
    top_mm=15.15,
    pitch_x_mm=66.04,
    pitch_y_mm=38.1,
    source=(
        "Avery UK template specification for L7160 (A4, 21 per sheet, 63.5 x 38.1 mm): "
        "top margin 15.15, side margin 7.25, horizontal pitch 66.04, vertical pitch 38.1 mm. "
        "Checked: 15.15 + 7 x 38.1 + 15.15 = 297; the grid centred would start at 7.21 mm, "
        "0.04 mm from Avery's figure, well inside the sheet's die-cut tolerance."
    ),
)

AVERY_L7163 = Sheet(
    name="Avery L7163",
    label_width_mm=99.1,
    label_height_mm=38.1,
    columns=2,
    rows=7,
    left_mm=4.65,
    top_mm=15.15,
    pitch_x_mm=101.6,
    pitch_y_mm=38.1,
    source=(
        "Avery UK template specification for L7163 (A4, 14 per sheet, 99.1 x 38.1 mm): "
        "top margin 15.15, side margin 4.65, horizontal pitch 101.6, vertical pitch 38.1 mm. "
        "Checked: 4.65 + 101.6 + 99.1 + 4.65 = 210 and 15.15 + 7 x 38.1 + 15.15 = 297."
    ),
)

AVERY_L7162 = Sheet(
    name="Avery L7162",
    label_width_mm=99.1,
    label_height_mm=33.9,
    columns=2,
    rows=8,
    left_mm=4.65,
    top_mm=12.9,
    pitch_x_mm=101.6,
    pitch_y_mm=33.9,
    source=(
        "Avery UK template specification for L7162 (A4, 16 per sheet, 99.1 x 33.9 mm): "
        "top margin 12.9, side margin 4.65, horizontal pitch 101.6, vertical pitch 33.9 mm. "
        "Checked: 4.65 + 101.6 + 99.1 + 4.65 = 210 and 12.9 + 8 x 33.9 + 12.9 = 297."
    ),
)


def brother_continuous(length_mm: float = 29.0) -> Roll:
    """Brother DK-22205 62 mm continuous tape cut to length_mm, so the length is the caller's."""
    return Roll(
        name=f"Brother DK-22205 62 mm continuous, {length_mm:g} mm long",
        label_width_mm=62.0,
        label_height_mm=length_mm,
        dpi=300,
        printable_width_px=696,
        printable_height_px=mm_to_px(length_mm, 300),
        source=(
            "Brother QL raster specification: 62 mm continuous tape (DK-22205) has 696 "
            "printable dots across at 300 dpi; the printer adds its own feed margins "
            "along the tape, so the whole chosen length is drawable."
        ),
        inset_mm=0.0,  # the printable width already stops short of the tape's edges
    )


BROTHER_DK22205 = brother_continuous()

BROTHER_DK11209 = Roll(
    name="Brother DK-11209 62 x 29 mm die-cut",
    label_width_mm=62.0,
    label_height_mm=29.0,
    dpi=300,
    printable_width_px=696,
    printable_height_px=271,
    source=(
        "Brother QL raster specification, media table: DK-11209 62 x 29 mm die-cut labels, "
        "printable area 696 x 271 dots at 300 dpi, centred on the label."
    ),
    inset_mm=0.0,  # the printable area already keeps clear of the die-cut edge
)

DYMO_11355 = Roll(
    name="Dymo 11355 19 x 51 mm",
    label_width_mm=51.0,
    label_height_mm=19.0,
    dpi=300,
    printable_width_px=mm_to_px(51.0, 300),
    printable_height_px=mm_to_px(19.0, 300),
    source=(
        "Dymo LabelWriter label 11355 (multi-purpose, 19 x 51 mm), printed at the "
        "LabelWriter's 300 dpi; laid out landscape as read, the driver turns it to the feed. "
        "Dymo publishes no separate printable area for it, so the whole label is drawable "
        "and the content keeps a 1 mm inset."
    ),
)

# Keyed by the product code printed on the box, which is what a user matches against.
SHEETS = {"L7160": AVERY_L7160, "L7163": AVERY_L7163, "L7162": AVERY_L7162}
ROLLS = {"DK-22205": BROTHER_DK22205, "DK-11209": BROTHER_DK11209, "11355": DYMO_11355}
