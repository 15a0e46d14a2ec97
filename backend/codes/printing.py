"""Printing: which labels to render (a batch, chosen items or locations) and in which format.

The label shows the QR, the code, a short title and the municipality: never a person.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from uuid import UUID

from backend.codes.repository import CodeRepository
from backend.db import Database
from backend.errors import Conflict, Invalid, NotFound
from backend.tenancy import Actor
from labels import (
    ROLLS,
    SHEETS,
    HostNotEncodableError,
    LabelContent,
    LabelDoesNotFit,
    Roll,
    render_calibration_pdf,
    render_label_png,
    render_roll_pdf,
    render_sheet_pdf,
    render_zpl,
)
from labels.pages import sheet_page_images

MAX_LABELS = 1000
ZEBRA_LABEL_MM = (50.8, 25.4)  # 2 x 1 inch, the commonest Zebra desktop label
TITLE_CHARS = 60


@dataclass(frozen=True)
class Selection:
    batch: UUID | None = None
    items: tuple[UUID, ...] = ()
    locations: tuple[UUID, ...] = ()


@dataclass(frozen=True)
class Layout:
    stock: str
    output: str = "document"  # document, label-png or page-png (previews)
    start: int = 1
    offset_mm: tuple[float, float] = (0.0, 0.0)


@dataclass(frozen=True)
class Rendered:
    body: bytes | str
    media_type: str
    filename: str


def zebra_stock(dpi: int) -> Roll:
    """A Zebra label as roll stock, so its preview renders like the printed label."""
    width, height = ZEBRA_LABEL_MM
    return Roll(name=f"Zebra {dpi} dpi {width:g} x {height:g} mm", label_width_mm=width, label_height_mm=height,
                dpi=dpi, printable_width_px=round(width * dpi / 25.4), printable_height_px=round(height * dpi / 25.4),
                source="2 x 1 inch direct-thermal label, the usual stock for Zebra desktop printers.")


class PrintService:
    def __init__(self, db: Database, actor: Actor, host: str) -> None:
        self.db, self.actor, self.host = db, actor, host
        self.codes = CodeRepository(actor.municipality_id)

    async def contents(self, selection: Selection) -> list[LabelContent]:
        """The labels to print, in the order asked for; refuses what has no code yet."""
        async with self.db.read():
            municipality = await self.codes.municipality_name()
            labels: list[tuple[str, str]] = []
            if selection.batch:
                if not await self.codes.batches(selection.batch):
                    raise NotFound("No such print batch.")
                labels += [(row["text"], "") for row in await self.codes.batch_codes(selection.batch)]
            if selection.items:
                labels += await self._linked(selection.items, await self.codes.items(selection.items),
                                             await self.codes.linked_to_items(selection.items), "item")
            if selection.locations:
                locations = await self.codes.locations(selection.locations)
                named = {k: {"title": v["name"]} for k, v in locations.items()}
                labels += await self._linked(selection.locations, named,
                                             await self.codes.linked_to_locations(selection.locations), "location")
        if not labels:
            raise Invalid("Choose a batch, items or locations to print.", error="nothing_to_print")
        if len(labels) > MAX_LABELS:
            raise Invalid(f"At most {MAX_LABELS} labels per print; split the selection.", error="too_many_labels")
        return [LabelContent(code, title[:TITLE_CHARS], municipality, self.host) for code, title in labels]

    async def _linked(self, ids, targets, codes, kind: str) -> list[tuple[str, str]]:
        missing = [i for i in ids if i not in targets]
        if missing:
            raise NotFound(f"No such {kind}: {missing[0]}.")
        unlabelled = [i for i in ids if i not in codes]
        if unlabelled:
            raise Conflict(f"The {kind} {unlabelled[0]} has no label code yet; link one first.", error="no_code")
        return [(codes[i]["text"], targets[i]["title"]) for i in ids]

    async def render(self, selection: Selection, layout: Layout) -> Rendered:
        return render(await self.contents(selection), layout)


def render(contents: list[LabelContent], layout: Layout) -> Rendered:
    """Render contents on the chosen stock; label errors become 400s the user can act on."""
    try:
        return _render(contents, layout)
    except (HostNotEncodableError, LabelDoesNotFit, ValueError) as error:
        raise Invalid(f"{error}.", error="cannot_render") from error


def _render(contents: list[LabelContent], layout: Layout) -> Rendered:
    stock, output = layout.stock, layout.output
    if stock.startswith("zebra-"):
        roll = zebra_stock(int(stock.removeprefix("zebra-")))
        if output == "document":
            width, height = ZEBRA_LABEL_MM
            return Rendered(render_zpl(contents, width, height, roll.dpi), "text/plain", "labels.zpl")
        return Rendered(render_label_png(contents[0], roll), "image/png", "label.png")
    if stock in ROLLS:
        if output == "document":
            return Rendered(render_roll_pdf(contents, ROLLS[stock]), "application/pdf", "labels.pdf")
        return Rendered(render_label_png(contents[0], ROLLS[stock]), "image/png", "label.png")
    sheet = SHEETS[stock]
    if output == "document":
        pdf = render_sheet_pdf(contents, sheet, start_position=layout.start, offset_mm=layout.offset_mm)
        return Rendered(pdf, "application/pdf", "labels.pdf")
    if output == "label-png":
        return Rendered(render_label_png(contents[0], sheet), "image/png", "label.png")
    return Rendered(_page_png(contents, layout), "image/png", "page.png")


def _page_png(contents: list[LabelContent], layout: Layout) -> bytes:
    """The first sheet page at 100 dpi: enough to see where the labels land."""
    sheet = SHEETS[layout.stock]
    first_page = contents[: sheet.cells - layout.start + 1]
    (page,) = sheet_page_images(first_page, sheet, dpi=100, start_position=layout.start, offset_mm=layout.offset_mm)
    buffer = io.BytesIO()
    page.save(buffer, "PNG")
    return buffer.getvalue()


def calibration(stock: str, offset_mm: tuple[float, float]) -> Rendered:
    if stock not in SHEETS:
        raise Invalid("Calibration pages are for A4 sheets (L7160, L7163, L7162).", error="cannot_render")
    return Rendered(render_calibration_pdf(SHEETS[stock], offset_mm=offset_mm), "application/pdf", "calibration.pdf")
