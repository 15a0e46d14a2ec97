"""Scan use cases: record events (one or a batch, idempotently) and read item and location history.

A batch runs in ONE write transaction with set-based lookups: the codes, items, places and
already-stored events of the whole batch are loaded in a handful of queries, the events are
decided in memory in order, then written. Events are independent: one refusal never blocks
the others; a refused event is stored with its reason and leaves the item alone.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial
from uuid import UUID

from backend import clock
from backend.catalog.repository import ItemRepository
from backend.codes.repository import CodeRepository
from backend.codes.service import CodeTextError, code_from_text
from backend.db import Database
from backend.errors import Invalid, NotFound
from backend.tenancy import Actor
from backend.tracking import hooks, schemas
from backend.tracking.batch import Batch, Prepared
from backend.tracking.machine import ACTIONS, Refusal
from backend.tracking.repository import Row, TrackingRepository
from backend.tracking.writer import writer_for
from backend.vocabulary import MAX_HOPS

WRITERS = ("warehouse", "driver", "coordinator", "admin")
STOCKTAKERS = ("warehouse", "coordinator", "admin")
READERS = (*WRITERS, "reporter")


class ScanService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.repo = TrackingRepository(actor.municipality_id)
        self.codes = CodeRepository(actor.municipality_id)

    async def record(self, events: list[schemas.ScanEventIn], *, relabel: bool = True) -> list[schemas.ScanResult]:
        """Apply events in order; answer each with applied, duplicate or rejected.

        relabel=False refuses a link to an item that has a label in use (links the server makes itself).
        """
        self.actor.require(*WRITERS)
        may_count = self.actor.has_any(*STOCKTAKERS)
        driver = self.actor.has_any("driver")
        prepared = [replace(_prepare(event, self.actor.user_id, may_count), driver=driver) for event in events]
        apply = self._apply if relabel else partial(self._apply, relabel=False)
        if self.db.writes_queue:
            # Requests of the same municipality and kind waiting for the write lock are applied as one batch.
            results = await writer_for(self.db).run((self.actor.municipality_id, relabel), apply, prepared)
        else:
            async with self.db.write():
                results = await apply(prepared)
        hooks.scans_decided([(r.status, r.reason) for r in results])
        return results

    async def record_in_write(self, events: list[schemas.ScanEventIn]) -> list[schemas.ScanResult]:
        """Apply events inside a write transaction the caller holds (an intake's link and put-away)."""
        self.actor.require(*WRITERS)
        may_count = self.actor.has_any(*STOCKTAKERS)
        return await self.apply_in_write([_prepare(event, self.actor.user_id, may_count) for event in events])

    async def apply_in_write(self, prepared: list[Prepared]) -> list[schemas.ScanResult]:
        """Decide and store events inside a write transaction the caller holds (a coordinator's decision)."""
        results = await self._apply(prepared)
        hooks.scans_decided([(r.status, r.reason) for r in results])
        return results

    async def _apply(self, prepared: list[Prepared], relabel: bool = True) -> list[schemas.ScanResult]:
        """Decide and store a request's events; runs inside a write transaction."""
        batch = await self._load(prepared)
        batch.relabel = relabel
        results = [batch.apply(p, seq) for seq, p in enumerate(prepared)]
        await self._store(batch)
        return results

    async def _load(self, prepared: list[Prepared]) -> Batch:
        """Everything the batch's events mention, in a few queries (items locked on PostgreSQL)."""
        ids = [p.event.id for p in prepared]
        await self.repo.hold_new_stocktakes(p.event.stocktake_id for p in prepared
                                            if p.event.stocktake_id and p.event.stocktake_location_id)
        stored = await self.repo.events_by_ids(ids)
        codes = await self.codes.by_texts([t for p in prepared for t in (p.code, p.location_code) if t])
        await self._load_replacements(codes)
        item_ids = {c["item"] for c in codes.values() if c["item"]}
        item_ids |= ({p.event.item_id for p in prepared if p.event.item_id}
                     | {s["item"] for s in stored.values() if s["item"]})
        items = await self.repo.items(item_ids)
        if self.repo.lock_rows and items:
            stored = await self.repo.events_by_ids(ids)  # re-read under the item locks: a racing twin is seen
        linked = await self.codes.linked_to_items([p.event.item_id for p in prepared if p.event.item_id])
        for code in linked.values():
            codes.setdefault(code["text"], code)
        location_ids = ([c["location"] for c in codes.values()] + [i["location"] for i in items.values()]
                        + [p.event.stocktake_location_id for p in prepared if p.event.stocktake_location_id])
        places = await self.repo.locations(location_ids)
        stocktakes = await self.repo.stocktakes_by_ids({p.event.stocktake_id for p in prepared
                                                         if p.event.stocktake_id and p.event.action == "stocktake"})
        return Batch(self.actor.municipality_id, now=clock.now(), stored=stored, codes=codes, items=items,
                     places=places, stocktakes=stocktakes, jobs=await _drivers_jobs(prepared))

    async def _load_replacements(self, codes: dict[str, Row]) -> None:
        """Add the codes that retired codes were replaced by, so relabelled items still resolve."""
        for _ in range(MAX_HOPS):
            known = {c["id"] for c in codes.values()}
            wanted = {c["replaced_by"] for c in codes.values() if c["replaced_by"] and c["replaced_by"] not in known}
            if not wanted:
                return
            for code in (await self.codes.by_ids(wanted)).values():
                codes[code["text"]] = code

    async def _store(self, batch: Batch) -> None:
        await self.repo.insert_stocktakes(batch.new_stocktakes)
        await self.repo.insert_events(batch.rows)
        # One UPDATE per distinct new position: a van loaded with 500 items is one statement.
        positions: dict[tuple, list[UUID]] = {}
        for item_id in batch.changed:
            item = batch.items[item_id]
            positions.setdefault((item["state"], item["location"], item["holder_unit"]), []).append(item_id)
        for (state, location, holder), item_ids in positions.items():
            moved = await self.repo.move_items(item_ids, {"state": state, "location": location, "holder_unit": holder})
            if moved != len(item_ids):
                raise RuntimeError("items changed under a locked batch")
        for change, code_id, other_id in batch.code_changes:
            if change == "retire":
                await self.codes.retire(code_id, other_id)
            else:
                await self.codes.link(code_id, item=other_id, location=None, now=batch.now)
        await hooks.items_moved(batch.movements)

    async def item_history(self, item_id: UUID) -> list[Row]:
        self.actor.require(*READERS)
        async with self.db.read():
            if not await self.repo.item_exists(item_id):
                raise NotFound("No such item.")
            return await self.repo.history(item_id=item_id)

    async def item_position(self, item_id: UUID) -> tuple[Row, Row | None, str | None]:
        """The item, its place and the code on it now: the head of its page in the app."""
        async with self.db.read():
            item = await ItemRepository(self.actor.municipality_id).get(item_id)
            if item is None:
                raise NotFound("No such item.")
            place = (await self.repo.locations([item["location"]])).get(item["location"])
            code = (await self.codes.linked_to_items([item_id])).get(item_id)
        return item, place, code["text"] if code else None

    async def place_of_label(self, text: str) -> UUID:
        """The place a label names: its own (a place's label) or where its item is (404 for an unknown label,
        400 `near_no_place` for an item with no place)."""
        self.actor.require(*WRITERS)
        async with self.db.read():
            return await self._place_of_label(text)

    async def _place_of_label(self, text: str) -> UUID:
        canonical = code_from_text(text)
        code = (await self.codes.by_texts([canonical])).get(canonical)
        if code is None or code["status"] != "linked":
            raise NotFound("No label in use with that code in your municipality.")
        if code["location"]:
            return code["location"]
        item = (await self.repo.items([code["item"]])).get(code["item"]) if code["item"] else None
        if item is None or item["location"] is None:
            raise Invalid("The item with that label has no place to look at; scan a shelf's label instead.",
                          error="near_no_place")
        return item["location"]

    async def location_history(self, location_id: UUID) -> list[Row]:
        self.actor.require(*READERS)
        async with self.db.read():
            if not await self.repo.location_exists(location_id):
                raise NotFound("No such location.")
            return await self.repo.history(location_id=location_id)


async def _drivers_jobs(prepared: list[Prepared]) -> dict[UUID, set[UUID]] | None:
    """The items on the open jobs of the drivers whose pickups are in the batch."""
    return await hooks.drivers_jobs({p.actor_id for p in prepared if p.driver and p.event.action == "pickup"})


def _prepare(event: schemas.ScanEventIn, actor_id: UUID, may_count: bool = True) -> Prepared:
    """Check what needs no database: the code texts, the action, who may count (never the device clock)."""
    try:
        code = code_from_text(event.code)
        location_code = code_from_text(event.location_code) if event.location_code else None
    except CodeTextError as error:
        return Prepared(event, actor_id, None, None, Refusal(error.error, error.detail))
    if event.action not in ACTIONS:
        return Prepared(event, actor_id, code, location_code,
                        Refusal("unknown_action", f"'{event.action}' is not a scan action."))
    if event.action == "stocktake" and not may_count:
        return Prepared(event, actor_id, code, location_code,
                        Refusal("stocktake_not_allowed", "Stocktakes are counted by warehouse staff."))
    return Prepared(event, actor_id, code, location_code, None)
