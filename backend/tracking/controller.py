"""HTTP for scans: one event, a batch from the offline outbox, and history per item and location."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response, get, post
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_202_ACCEPTED, HTTP_422_UNPROCESSABLE_ENTITY

from backend.deps import ActorDep, DbDep, MadeByHeader
from backend.tracking import schemas
from backend.tracking.held import HeldPickups
from backend.tracking.repository import Row
from backend.tracking.service import ScanService

STATUS = {"applied": HTTP_201_CREATED, "held": HTTP_202_ACCEPTED, "duplicate": HTTP_200_OK,
          "rejected": HTTP_422_UNPROCESSABLE_ENTITY}


def history_entry(row: Row) -> schemas.HistoryEntry:
    return schemas.HistoryEntry(
        id=row["id"], action=row["action"], outcome=row["outcome"], reason=row["reason"], message=row["message"],
        code=row["code_display"], item_id=row["item"], item_title=row["item_title"], actor_name=row["actor_name"],
        device_time=row["device_time"], server_time=row["server_time"],
        event_time=row["event_time"] or row["device_time"], clock_skew_s=row["clock_skew"],
        time_source=row["time_source"] or "device", state_before=row["state_before"],
        state_after=row["state_after"], scanned_location_id=row["location"], scanned_location_name=row["location_name"],
        location_after_id=row["location_after"], location_after_name=row["location_after_name"], note=row["note"],
    )


class ScanController(Controller):
    path = "/api/scans"
    tags = ["tracking"]

    @post("/", responses={
        HTTP_200_OK: ResponseSpec(schemas.ScanResult, description="A duplicate: this event was applied before."),
        HTTP_202_ACCEPTED: ResponseSpec(schemas.ScanResult, description=(
            "Held: a pickup the driver confirmed outside their jobs, waiting for a coordinator.")),
        HTTP_422_UNPROCESSABLE_ENTITY: ResponseSpec(schemas.ScanResult,
                                                    description="Rejected, and stored with its reason."),
    })
    async def create_scan(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.ScanEventIn]
    ) -> Response[schemas.ScanResult]:
        """One scan: 201 applied, 200 duplicate, 202 held for a coordinator, 422 rejected (stored with its reason)."""
        (result,) = await ScanService(db, actor).record([data])
        return Response(result, status_code=STATUS[result.status])

    @post("/batch", status_code=HTTP_200_OK)
    async def create_scan_batch(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.ScanBatchIn], made_by: MadeByHeader = None
    ) -> schemas.ScanBatchResult:
        """Up to 500 queued scans, applied in order; one result per event, in the same order.

        X-Delbar-User names who queued them; a batch queued by another user is refused whole (409).
        """
        actor.require_maker(made_by)
        return schemas.ScanBatchResult(results=await ScanService(db, actor).record(data.events))


    @post("/{event_id:uuid}/resolution", status_code=HTTP_200_OK)
    async def resolve_held_pickup(
        self, db: DbDep, actor: ActorDep, event_id: FromPath[UUID], data: JSONBody[schemas.HeldDecision]
    ) -> schemas.HeldResolved:
        """A coordinator's decision on a driver's pickup outside their jobs: accept applies it, dated when it was
        scanned; return leaves the item where it was. 409 when decided already or the pickup no longer fits."""
        return await HeldPickups(db, actor).resolve(event_id, data.decision)

class HistoryController(Controller):
    path = "/api"
    tags = ["tracking"]

    @get("/items/{item_id:uuid}/history")
    async def item_history(self, db: DbDep, actor: ActorDep, item_id: FromPath[UUID]) -> list[schemas.HistoryEntry]:
        return [history_entry(r) for r in await ScanService(db, actor).item_history(item_id)]

    @get("/items/{item_id:uuid}/tracking")
    async def item_position(self, db: DbDep, actor: ActorDep, item_id: FromPath[UUID]) -> schemas.ItemPositionRead:
        """State, place and label code of one item (the scan log's view of it)."""
        item, place, code = await ScanService(db, actor).item_position(item_id)
        return schemas.ItemPositionRead(id=item["id"], title=item["title"], state=item["state"],
                                        location_id=item["location"], location_name=place["name"] if place else None,
                                        code=code, listing_id=item["listing"])

    @get("/locations/{location_id:uuid}/history")
    async def location_history(
        self, db: DbDep, actor: ActorDep, location_id: FromPath[UUID]
    ) -> list[schemas.HistoryEntry]:
        return [history_entry(r) for r in await ScanService(db, actor).location_history(location_id)]
