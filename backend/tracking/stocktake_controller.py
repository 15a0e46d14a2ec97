"""HTTP for stocktakes (inventering): start, list, read the result, apply, cancel.

The counting itself is scans (`POST /api/scans/batch` with action `stocktake` and `stocktake_id`).
"""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend.deps import ActorDep, DbDep
from backend.errors import Conflict
from backend.openapi import retried
from backend.params import bounded
from backend.tracking import schemas
from backend.tracking.repository import Row
from backend.tracking.stocktakes import StocktakeService

ListLimit = bounded(0, 2000, "At most this many items of each verdict (the counts are always complete).")
StocktakeLimit = bounded(1, 100, "How many stocktakes at most.")


def item_read(row: Row) -> schemas.StocktakeItemRead:
    return schemas.StocktakeItemRead(
        id=row["id"], title=row["title"], state=row["state"], code=row["code"], location_id=row["location"],
        location_name=row["location_name"], reason=row["reason"],
        thumbnail_url=f"/api/photos/{row['photo_id']}/thumb" if row["photo_id"] else None)


def stocktake_read(row: Row) -> schemas.StocktakeRead:
    return schemas.StocktakeRead(
        id=row["id"], location_id=row["location"], location_name=row["location_name"],
        location_path=row["location_path"], status=row["status"], started_at=row["started_at"],
        started_by_name=row["started_by_name"], finished_at=row["finished_at"],
        finished_by_name=row["finished_by_name"], counted=row["counted"], found_count=row["found_count"],
        missing_count=row["missing_count"], unexpected_count=row["unexpected_count"],
        found=[item_read(r) for r in row.get("found", [])], missing=[item_read(r) for r in row.get("missing", [])],
        unexpected=[item_read(r) for r in row.get("unexpected", [])])


class StocktakeController(Controller):
    path = "/api/stocktakes"
    tags = ["tracking"]

    @get("/")
    async def list_stocktakes(
        self, db: DbDep, actor: ActorDep, status: FromQuery[schemas.StocktakeStatus | None] = None,
        limit: FromQuery[StocktakeLimit] = 50,
    ) -> list[schemas.StocktakeRead]:
        """The municipality's stocktakes, newest first, with their counts (no item lists)."""
        return [stocktake_read(r) for r in await StocktakeService(db, actor).list(status, limit)]

    @post("/", responses=retried(schemas.StocktakeRead))
    async def create_stocktake(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.StocktakeCreate]
    ) -> Response[schemas.StocktakeRead]:
        """Start counting a site, room or shelf; what is expected there is listed as missing until counted."""
        row, created = await StocktakeService(db, actor).start(data)
        return Response(stocktake_read(row), status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @get("/{stocktake_id:uuid}")
    async def get_stocktake(
        self, db: DbDep, actor: ActorDep, stocktake_id: FromPath[UUID], limit: FromQuery[ListLimit] = 500,
    ) -> schemas.StocktakeRead:
        """Found, missing and unexpected items: live while open, as applied once applied."""
        return stocktake_read(await StocktakeService(db, actor).get(stocktake_id, limit))

    @post("/{stocktake_id:uuid}/apply", status_code=HTTP_200_OK, raises=[Conflict])
    async def apply_stocktake(
        self, db: DbDep, actor: ActorDep, stocktake_id: FromPath[UUID], limit: FromQuery[ListLimit] = 500,
    ) -> schemas.StocktakeRead:
        """Move the unexpected items to the place and flag the missing ones (state missing), each a step in
        the item's history. Applying again answers the same result and changes nothing; a cancelled one is 409."""
        return stocktake_read(await StocktakeService(db, actor).apply(stocktake_id, limit))

    @post("/{stocktake_id:uuid}/cancel", status_code=HTTP_200_OK, raises=[Conflict])
    async def cancel_stocktake(self, db: DbDep, actor: ActorDep, stocktake_id: FromPath[UUID]) -> schemas.StocktakeRead:
        """Stop counting and change nothing; an applied stocktake is 409."""
        return stocktake_read(await StocktakeService(db, actor).cancel(stocktake_id))
