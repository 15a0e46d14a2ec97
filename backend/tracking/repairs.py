"""Repair before reuse: intake sends an item to repair with what it needs, the AME records the work
on it (who, how long, what was done, which parts) and finishes it, and the repaired item is listed
in one step.

Sending and finishing are steps in the item's history (scan events the server writes, actions
`repair` and `repaired`); they leave the item's state and place as they are. The minutes are the
AME's work records of kind "repair", so the impact report counts the hours and tasks.
"""

from __future__ import annotations

from uuid import UUID, uuid4

from backend import clock
from backend.catalog.listings import ListingService
from backend.catalog.repository import ItemRepository
from backend.codes.repository import CodeRepository
from backend.db import Database
from backend.errors import Conflict, NotFound
from backend.impact.schemas import WorkDone
from backend.impact.work import record_work
from backend.tenancy import Actor
from backend.tracking import schemas
from backend.tracking.machine import ItemPosition, Refusal, decide
from backend.tracking.repair_repository import RepairRepository
from backend.tracking.repository import Row, TrackingRepository
from backend.tracking.stocktake_repository import StocktakeRepository

REPAIRERS = ("warehouse", "coordinator")


class RepairService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.repo = RepairRepository(actor.municipality_id)

    async def list(self, status: str | None, item_id: UUID | None, limit: int) -> list[Row]:
        """The repair queue (open ones oldest first) or the repairs of one item."""
        self.actor.require(*REPAIRERS)
        async with self.db.read():
            return [await self._read(i) for i in await self.repo.list(status=status, item_id=item_id, limit=limit)]

    async def get(self, repair_id: UUID) -> Row:
        self.actor.require(*REPAIRERS)
        async with self.db.read():
            return await self._read(repair_id)

    async def create(self, data: schemas.RepairCreate) -> tuple[Row, bool]:
        """Send an item to repair; a step in its history. Sent again with the same id, the same repair answers."""
        self.actor.require(*REPAIRERS)
        async with self.db.write():
            return await self.create_in_write(data)

    async def create_in_write(self, data: schemas.RepairCreate) -> tuple[Row, bool]:
        """The same, inside a write transaction the caller holds (an intake that sends its item to repair)."""
        self.actor.require(*REPAIRERS)
        if await self.repo.exists_anywhere(data.id):
            found = await self.repo.get(data.id)
            if found is None or found["item"] != data.item_id:
                raise Conflict("That id is already in use.", error="id_reused")
            return await self._read(data.id), False
        item = await ItemRepository(self.actor.municipality_id).get(data.item_id)
        if item is None:
            raise NotFound("No such item.")
        if await self.repo.open_for_item(item["id"]) is not None:
            raise Conflict("The item is already waiting for repair.", error="repair_open")
        now = clock.now()
        await self._history(item, "repair", data.needs, now)
        await self.repo.insert({"id": data.id, "item": item["id"], "needs": data.needs.strip(), "status": "open",
                                "created_by": self.actor.user_id, "created_at": now})
        return await self._read(data.id), True

    async def record(self, repair_id: UUID, data: schemas.RepairWorkCreate) -> Row:
        """Record work on an open repair (and finish it when asked); the same work sent again counts once."""
        self.actor.require(*REPAIRERS)
        async with self.db.write():
            repair = await self._get(repair_id)
            known = await self.repo.work_exists_anywhere(data.id)
            if known is not None:
                if known["repair"] != repair_id or known["municipality"] != self.actor.municipality_id:
                    raise Conflict("That id was used for other work.", error="id_reused")
                return await self._read(repair_id)
            if repair["status"] != "open":
                raise Conflict("The repair is already done.", error="repair_done")
            now = clock.now()
            await record_work(self.actor, "repair", data.id, [WorkDone(
                id=data.id, participant_id=data.participant_id, myself=data.myself, minutes=data.minutes)])
            await self.repo.insert_work({"id": data.id, "repair": repair_id, "done": data.done.strip(),
                                         "parts": data.parts.strip(), "recorded_by": self.actor.user_id}, now)
            if data.finish:
                await self._finish(repair, now)
            return await self._read(repair_id)

    async def finish(self, repair_id: UUID) -> Row:
        """Mark the repair done; finishing a done one again changes nothing."""
        self.actor.require(*REPAIRERS)
        async with self.db.write():
            repair = await self._get(repair_id)
            if repair["status"] == "open":
                await self._finish(repair, clock.now())
            return await self._read(repair_id)

    async def list_item(self, repair_id: UUID, data: schemas.RepairListingCreate) -> tuple[Row, Row, bool]:
        """List the repaired item in one step through the catalogue's own use case; returns repair and listing."""
        self.actor.require(*REPAIRERS)
        async with self.db.write():
            repair = await self._get(repair_id)
            if repair["status"] != "done":
                raise Conflict("Finish the repair before listing the item.", error="repair_open")
            listing_id = repair["listing"] or data.id or uuid4()
            catalogue = ListingService(self.db, self.actor)
            listing, made = await catalogue.list_item(repair["item"], data.listing(listing_id))
            if repair["listing"] is None:
                await self.repo.update(repair_id, {"listing": listing["id"]})
            return await self._read(repair_id), listing, made

    async def _finish(self, repair: Row, now) -> None:
        item = await ItemRepository(self.actor.municipality_id).get(repair["item"])
        await self._history(item, "repaired", repair["needs"], now)
        await self.repo.update(repair["id"], {"status": "done", "finished_by": self.actor.user_id,
                                              "finished_at": now})

    async def _get(self, repair_id: UUID) -> Row:
        repair = await self.repo.get(repair_id)
        if repair is None:
            raise NotFound("No such repair.")
        return repair

    async def _history(self, item: Row, action: str, note: str, now) -> None:
        """A step in the item's history that the server writes; an item that is gone cannot be repaired."""
        try:
            decide(action, ItemPosition(item["state"], item["location"], item["holder_unit"]), None)
        except Refusal as refusal:
            raise Conflict(refusal.message, error="item_not_repairable") from refusal
        code = (await CodeRepository(self.actor.municipality_id).linked_to_items([item["id"]])).get(item["id"])
        await TrackingRepository(self.actor.municipality_id).insert_events([{
            "id": uuid4(), "code_text": code["text"] if code else "", "code": code["id"] if code else None,
            "item": item["id"], "action": action, "location": item["location"], "actor": self.actor.user_id,
            "device_time": now, "server_time": now, "event_time": now, "time_source": "server", "seq": 0,
            "outcome": "applied", "state_before": item["state"], "state_after": item["state"],
            "location_before": item["location"], "location_after": item["location"], "note": note.strip()[:200],
            "reason": None, "message": ""}])

    async def _read(self, repair_id: UUID) -> Row:
        repair = await self._get(repair_id)
        item = (await StocktakeRepository(self.actor.municipality_id).item_details([repair["item"]]))[repair["item"]]
        work = await self.repo.work(repair_id)
        return {**repair, "item_title": item["title"], "item_state": item["state"],
                "location_name": item["location_name"], "photo_id": item["photo_id"], "work": work,
                "minutes": sum(w["minutes"] for w in work)}
