"""HTTP for printing: labels of a batch, chosen items or locations, in any stock; calibration."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from litestar import Controller, Request, Response, get, post
from litestar.params import FromQuery, JSONBody, Parameter
from litestar.status_codes import HTTP_200_OK

from backend.codes import schemas
from backend.codes.printing import MAX_LABELS, Layout, PrintService, Rendered, Selection, calibration
from backend.codes.service import CodeService
from backend.deps import ActorDep, DbDep, SettingsDep
from backend.errors import Conflict, NotFound
from backend.openapi import MEDIA_TYPES

# PDF sheets and rolls, PNG previews, Zebra ZPL text (see backend/codes/printing.py).
LABEL_MEDIA_TYPES = ("application/pdf", "image/png", "text/plain")

Start = Annotated[int, Parameter(ge=1, le=80)]
OffsetMm = Annotated[float, Parameter(ge=-10, le=10)]
Targets = Annotated[list[UUID] | None, Parameter(max_items=MAX_LABELS)]


def public_host(settings, request: Request) -> str:
    """The host printed on labels: configured, or the one this request came to."""
    return settings.public_host or request.headers.get("host", "") or "localhost"


def file_response(rendered: Rendered, download: bool) -> Response[bytes | str]:
    disposition = "attachment" if download else "inline"
    return Response(rendered.body, media_type=rendered.media_type,
                    headers={"Content-Disposition": f'{disposition}; filename="{rendered.filename}"',
                             "Cache-Control": "no-store"})


class LabelController(Controller):
    path = "/api/labels"
    tags = ["codes"]

    @get("/", opt={MEDIA_TYPES: LABEL_MEDIA_TYPES}, raises=[Conflict])
    async def render_labels(
        self, request: Request, db: DbDep, actor: ActorDep, settings: SettingsDep,
        stock: FromQuery[schemas.Stock],
        batch: FromQuery[UUID | None] = None,
        item: FromQuery[Targets] = None,
        location: FromQuery[Targets] = None,
        output: FromQuery[schemas.Output] = "document",
        start: FromQuery[Start] = 1,
        offset_x: FromQuery[OffsetMm] = 0.0,
        offset_y: FromQuery[OffsetMm] = 0.0,
        download: FromQuery[bool] = False,
    ) -> Response[bytes | str]:
        """A batch, items or locations as a sheet/roll PDF, Zebra ZPL, or a PNG preview."""
        selection = Selection(batch=batch, items=tuple(item or ()), locations=tuple(location or ()))
        layout = Layout(stock=stock, output=output, start=start, offset_mm=(offset_x, offset_y))
        rendered = await PrintService(db, actor, public_host(settings, request)).render(selection, layout)
        return file_response(rendered, download)

    @post("/selection", opt={MEDIA_TYPES: LABEL_MEDIA_TYPES}, status_code=HTTP_200_OK, raises=[NotFound])
    async def print_selection(
        self, request: Request, db: DbDep, actor: ActorDep, settings: SettingsDep,
        data: JSONBody[schemas.LabelSelection],
    ) -> Response[bytes | str]:
        """One document of labels for chosen items (up to 200), each with its title, in the order given.

        Items without a label in use get a fresh code linked first, as a place does when its label is printed.
        """
        items = tuple(dict.fromkeys(data.item_ids))
        await CodeService(db, actor).codes_for_items(list(items))
        layout = Layout(stock=data.stock, start=data.start, offset_mm=(data.offset_x, data.offset_y))
        rendered = await PrintService(db, actor, public_host(settings, request)).render(Selection(items=items), layout)
        return file_response(rendered, download=False)

    @get("/calibration", media_type="application/pdf")
    async def calibration_page(
        self, actor: ActorDep, stock: FromQuery[schemas.Stock],
        offset_x: FromQuery[OffsetMm] = 0.0, offset_y: FromQuery[OffsetMm] = 0.0,
    ) -> Response[bytes | str]:
        """A page of cell outlines and rulers, to measure a printer's x/y offset."""
        return file_response(calibration(stock, (offset_x, offset_y)), download=False)
