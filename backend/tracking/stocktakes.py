"""Stocktake use cases: start one at a place, read its result, apply it, cancel it.

Counting is scanning: a phone's scans with action `stocktake` and the stocktake's id go through the
same offline outbox and batch as every scan (service.py) and change nothing. The result is computed
from them: found (expected here and counted), missing (expected here, not counted) and unexpected
(counted, expected elsewhere). Applying it writes one scan event per change into each item's history
(`found`: moved here, or back in storage; `missing`: flagged missing, its place kept) and freezes the
verdicts, in one write transaction; applying again answers the same result and changes nothing.
"""

from __future__ import annotations

from uuid import UUID, uuid4

from backend import clock
from backend.codes.repository import CodeRepository
from backend.db import Database
from backend.errors import Conflict, Invalid, NotFound
from backend.tenancy import Actor
from backend.tracking import schemas
from backend.tracking.machine import ItemPosition, Place, Refusal, decide
from backend.tracking.repository import Row, TrackingRepository
from backend.tracking.service import STOCKTAKERS
from backend.tracking.stocktake_repository import StocktakeRepository


class StocktakeService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.repo = StocktakeRepository(actor.municipality_id)
        self.tracking = TrackingRepository(actor.municipality_id)

    async def start(self, data: schemas.StocktakeCreate) -> tuple[Row, bool]:
        """Start a stocktake of a site, room or shelf; the same id again answers the one it made."""
        self.actor.require(*STOCKTAKERS)
        async with self.db.write():
            existing = await self.repo.get(data.id)
            if existing is None and await self.repo.exists_anywhere(data.id):
                raise Conflict("That id is already in use.")
            if existing is None:
                place = (await self.tracking.locations([data.location_id])).get(data.location_id)
                if place is None:
                    raise Invalid("No such place in your municipality.", error="unknown_location")
                if place["kind"] == "vehicle":
                    raise Invalid("A stocktake counts a site, a room or a shelf, not a vehicle.",
                                  error="location_is_vehicle")
                await self.repo.insert_made({"id": data.id, "location": data.location_id, "status": "open",
                                             "started_by": self.actor.user_id}, clock.now())
            elif existing["location"] != data.location_id:
                raise Conflict("That stocktake counts another place.", error="stocktake_place_mismatch")
            return await self._read(data.id), existing is None

    async def list(self, status: str | None, limit: int = 50) -> list[Row]:
        self.actor.require(*STOCKTAKERS)
        async with self.db.read():
            return [await self._read(row["id"], limit=0) for row in await self.repo.list(status, limit)]

    async def get(self, stocktake_id: UUID, limit: int = 500) -> Row:
        self.actor.require(*STOCKTAKERS)
        async with self.db.read():
            return await self._read(stocktake_id, limit=limit)

    async def cancel(self, stocktake_id: UUID) -> Row:
        """Stop counting without changing any item; cancelling again is the same; an applied one stays applied."""
        self.actor.require(*STOCKTAKERS)
        async with self.db.write():
            stocktake = await self._locked(stocktake_id)
            if stocktake["status"] == "applied":
                raise Conflict("This stocktake is applied already.", error="stocktake_applied")
            if stocktake["status"] == "open":
                await self.repo.finish(stocktake_id, {"status": "cancelled", "finished_by": self.actor.user_id,
                                                      "finished_at": clock.now()})
            return await self._read(stocktake_id)

    async def apply(self, stocktake_id: UUID, limit: int = 500) -> Row:
        """Move the unexpected items here, flag the missing ones, each a step in the item's history."""
        self.actor.require(*STOCKTAKERS)
        async with self.db.write():
            stocktake = await self._locked(stocktake_id)
            if stocktake["status"] == "cancelled":
                raise Conflict("This stocktake was cancelled.", error="stocktake_cancelled")
            if stocktake["status"] == "open":
                await self._apply(stocktake)
            return await self._read(stocktake_id, limit=limit)

    async def _locked(self, stocktake_id: UUID) -> Row:
        stocktake = await self.repo.get(stocktake_id, lock=True)
        if stocktake is None:
            raise NotFound("No such stocktake.")
        return stocktake

    async def _apply(self, stocktake: Row) -> None:
        now, place = clock.now(), Place(stocktake["location"], stocktake["location_kind"])
        expected = await self.repo.expected(place.id, lock=True)
        counted = await self.repo.counted(stocktake["id"])
        items = {**await self.tracking.items(counted - expected.keys()), **expected}
        codes = await CodeRepository(self.actor.municipality_id).linked_to_items(items)
        verdicts, events, moves = [], [], {}
        for item_id in sorted(items, key=lambda i: (items[i]["title"], str(i))):
            item = items[item_id]
            if item_id in expected:
                verdict = "found" if item_id in counted else "missing"
                action = "missing" if verdict == "missing" else ("found" if item["state"] == "missing" else None)
                target = None
            else:
                verdict, action, target = "unexpected", "found", place
            reason = None
            if action:
                before = ItemPosition(item["state"], item["location"], item["holder_unit"])
                row = self._event(stocktake, item, codes.get(item_id), action, len(events), now)
                try:
                    after = decide(action, before, target)
                    row.update(outcome="applied", state_after=after.state, location_after=after.location)
                    if after != before:
                        moves.setdefault((after.state, after.location, after.holder_unit), []).append(item_id)
                except Refusal as refusal:
                    reason = refusal.reason
                    row.update(outcome="rejected", reason=refusal.reason, message=refusal.message[:300])
                events.append(row)
            verdicts.append((item_id, verdict, reason))
        await self.tracking.insert_events(events)
        for (state, location, holder), item_ids in moves.items():
            await self.tracking.move_items(item_ids, {"state": state, "location": location, "holder_unit": holder})
        await self.repo.insert_verdicts(stocktake["id"], verdicts)
        totals = {v: sum(1 for _, verdict, _ in verdicts if verdict == v) for v in ("found", "missing", "unexpected")}
        await self.repo.finish(stocktake["id"], {"status": "applied", "finished_by": self.actor.user_id,
                                                 "finished_at": now, **totals})

    def _event(self, stocktake: Row, item: Row, code: Row | None, action: str, seq: int, now) -> Row:
        """A scan event the server writes for the stocktake (its time is the server's)."""
        return {"id": uuid4(), "code_text": code["text"] if code else "", "code": code["id"] if code else None,
                "item": item["id"], "action": action, "location": stocktake["location"], "actor": self.actor.user_id,
                "device_time": now, "server_time": now, "event_time": now, "time_source": "server", "seq": seq,
                "state_before": item["state"], "state_after": item["state"], "location_before": item["location"],
                "location_after": item["location"], "stocktake": stocktake["id"], "reason": None, "message": ""}

    async def _read(self, stocktake_id: UUID, limit: int = 500) -> Row:
        """The stocktake and its result: live while open or cancelled, the frozen verdicts once applied."""
        stocktake = await self.repo.get(stocktake_id)
        if stocktake is None:
            raise NotFound("No such stocktake.")
        counted = await self.repo.counted(stocktake_id)
        if stocktake["status"] == "applied":
            lists: dict[str, list[tuple[UUID, str | None]]] = {"found": [], "missing": [], "unexpected": []}
            for row in await self.repo.verdicts(stocktake_id):
                lists[row["verdict"]].append((row["item"], row["reason"]))
        else:
            expected = await self.repo.expected(stocktake["location"])
            lists = {"found": [(i, None) for i in expected if i in counted],
                     "missing": [(i, None) for i in expected if i not in counted],
                     "unexpected": [(i, None) for i in counted if i not in expected]}
        shown = {name: entries[:limit] for name, entries in lists.items()}
        details = await self.repo.item_details(i for entries in shown.values() for i, _ in entries) if limit else {}
        codes = await CodeRepository(self.actor.municipality_id).linked_to_items(details) if details else {}
        result = {**stocktake, "location_path": await self.repo.path(stocktake["location"]), "counted": len(counted),
                  **{f"{name}_count": len(entries) for name, entries in lists.items()}}
        for name, entries in shown.items():
            rows = [{**details[i], "code": codes[i]["text"] if i in codes else None, "reason": reason}
                    for i, reason in entries if i in details]
            result[name] = sorted(rows, key=lambda r: (r["title"], str(r["id"])))
        return result
