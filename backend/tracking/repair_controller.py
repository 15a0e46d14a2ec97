"""HTTP for repairs before reuse: send an item to repair, the repair queue, record work, finish, list the item."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend.catalog.convert import listing_read
from backend.deps import ActorDep, DbDep
from backend.errors import Conflict
from backend.openapi import retried
from backend.params import bounded
from backend.tracking import schemas
from backend.tracking.repairs import RepairService
from backend.tracking.repository import Row

RepairLimit = bounded(1, 500, "How many repairs at most.")


def repair_read(row: Row) -> schemas.RepairRead:
    return schemas.RepairRead(
        id=row["id"], item_id=row["item"], item_title=row["item_title"], item_state=row["item_state"],
        location_name=row["location_name"],
        thumbnail_url=f"/api/photos/{row['photo_id']}/thumb" if row["photo_id"] else None,
        needs=row["needs"], status=row["status"], created_at=row["created_at"],
        created_by_name=row["created_by_name"], finished_at=row["finished_at"],
        finished_by_name=row["finished_by_name"], listing_id=row["listing"], minutes=row["minutes"],
        work=[schemas.RepairWorkRead(id=w["id"], participant_name=w["participant_name"], minutes=w["minutes"],
                                     done=w["done"], parts=w["parts"], recorded_by_name=w["recorded_by_name"],
                                     created_at=w["created_at"]) for w in row["work"]])


class RepairController(Controller):
    path = "/api/repairs"
    tags = ["tracking"]

    @get("/")
    async def list_repairs(
        self, db: DbDep, actor: ActorDep, status: FromQuery[schemas.RepairStatus | None] = None,
        item_id: FromQuery[UUID | None] = None, limit: FromQuery[RepairLimit] = 200,
    ) -> list[schemas.RepairRead]:
        """The repair queue: open repairs oldest first (or done ones newest first), or one item's repairs."""
        return [repair_read(r) for r in await RepairService(db, actor).list(status, item_id, limit)]

    @post("/", responses=retried(schemas.RepairRead), raises=[Conflict])
    async def create_repair(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.RepairCreate]
    ) -> Response[schemas.RepairRead]:
        """Send an item to repair with what it needs; a step in the item's history. One open repair per item."""
        row, created = await RepairService(db, actor).create(data)
        return Response(repair_read(row), status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @get("/{repair_id:uuid}")
    async def get_repair(self, db: DbDep, actor: ActorDep, repair_id: FromPath[UUID]) -> schemas.RepairRead:
        """A repair with its item and the work done on it."""
        return repair_read(await RepairService(db, actor).get(repair_id))

    @post("/{repair_id:uuid}/work", status_code=HTTP_200_OK, raises=[Conflict])
    async def record_repair_work(
        self, db: DbDep, actor: ActorDep, repair_id: FromPath[UUID], data: JSONBody[schemas.RepairWorkCreate]
    ) -> schemas.RepairRead:
        """Record who worked on it, how long, what was done and which parts (and finish it when asked).
        The minutes count in the impact report as AME work of kind repair."""
        return repair_read(await RepairService(db, actor).record(repair_id, data))

    @post("/{repair_id:uuid}/finish", status_code=HTTP_200_OK)
    async def finish_repair(self, db: DbDep, actor: ActorDep, repair_id: FromPath[UUID]) -> schemas.RepairRead:
        """Mark the repair done; a step in the item's history."""
        return repair_read(await RepairService(db, actor).finish(repair_id))

    @post("/{repair_id:uuid}/listing", responses=retried(schemas.RepairListed), raises=[Conflict])
    async def list_repaired_item(
        self, db: DbDep, actor: ActorDep, repair_id: FromPath[UUID], data: JSONBody[schemas.RepairListingCreate]
    ) -> Response[schemas.RepairListed]:
        """List the repaired item in one step: a listing with the item's title and category, the item attached."""
        repair, listing, made = await RepairService(db, actor).list_item(repair_id, data)
        return Response(schemas.RepairListed(repair=repair_read(repair), listing=listing_read(listing)),
                        status_code=HTTP_201_CREATED if made else HTTP_200_OK)
