"""HTTP for scans: one event, a batch from the offline outbox, and history per item and location."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from litestar import Controller, Response, get, post
from litestar.openapi import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody, Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_202_ACCEPTED, HTTP_422_UNPROCESSABLE_ENTITY

from backend.deps import ActorDep, DbDep, MadeByHeader
from backend.params import bounded
from backend.tracking import schemas
from backend.tracking.held import HeldPickups
from backend.tracking.repository import Row
from backend.tracking.service import ScanService

ItemSearchText = Annotated[str, Parameter(
    max_length=80, description="Words in the item's title or its place's name; empty: the newest items.")]
NearCode = Annotated[str | None, Parameter(
    max_length=64, description="A label already known (an item's or a place's), as printed or typed: only the"
                               " items at its place.")]
Limit = bounded(1, 50, "How many items at most.")
Offset = bounded(0, 10_000, "How many items to skip (the next page).")
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
                                        code=code)

    @get("/items/unlabelled")
    async def list_unlabelled_items(
        self, db: DbDep, actor: ActorDep, q: FromQuery[ItemSearchText] = "", limit: FromQuery[Limit] = 50,
        offset: FromQuery[Offset] = 0, near: FromQuery[NearCode] = None,
    ) -> list[schemas.UnlabelledItemRead]:
        """Items without a label in use, newest first, for linking a pre-printed label; q searches them.

        Every word of q must be in the item's title or its place's name (or the place above), in any case.
        With `near`, only the items at the place of that label: a shelf's label, or the label of an item
        standing beside the one to link (400 when that item has no place, 404 when the label is unknown).
        """
        rows = await ScanService(db, actor).unlabelled_items(q, limit, offset, near=near)
        return [schemas.UnlabelledItemRead(
            id=r["id"], title=r["title"], state=r["state"], created_at=r["created_at"], location_id=r["location_id"],
            location_name=r["location_name"], location_parent_name=r["parent_name"]) for r in rows]

    @get("/items")
    async def list_items(
        self, db: DbDep, actor: ActorDep, q: FromQuery[ItemSearchText] = "", limit: FromQuery[Limit] = 50,
        offset: FromQuery[Offset] = 0,
    ) -> list[schemas.RegisterItemRead]:
        """The municipality's items still in its hands, newest first, with place and label code; q searches them.

        Every word of q must be in the item's title or its place's name (or the place above), in any case.
        """
        rows = await ScanService(db, actor).register_items(q, limit, offset)
        return [schemas.RegisterItemRead(
            id=r["id"], title=r["title"], state=r["state"], created_at=r["created_at"], location_id=r["location_id"],
            location_name=r["location_name"], location_parent_name=r["parent_name"], code=r["code"]) for r in rows]

    @get("/locations/{location_id:uuid}/history")
    async def location_history(
        self, db: DbDep, actor: ActorDep, location_id: FromPath[UUID]
    ) -> list[schemas.HistoryEntry]:
        return [history_entry(r) for r in await ScanService(db, actor).location_history(location_id)]
