"""A driver's pickup outside their jobs, held until a coordinator decides.

"accept": the driver was right to take it; the pickup is applied now, dated when it was scanned, as
the driver's own pickup onto the vehicle they scanned (jobs of the item follow it as usual).
"return": the item should not have left; the pickup is never applied, the item stays where the
register has it, and the driver brings it back. Either way the decision is kept on the held scan,
and the driver is told (a notification in their language, with the item's title).
"""

from __future__ import annotations

from typing import Literal
from uuid import UUID, uuid4

from backend import clock
from backend.codes.repository import CodeRepository
from backend.codes.service import code_from_text
from backend.db import Database
from backend.errors import Conflict, NotFound
from backend.push.outbox import notify_message
from backend.tenancy import Actor
from backend.tracking import schemas
from backend.tracking.batch import Prepared
from backend.tracking.repository import TrackingRepository
from backend.tracking.service import ScanService

COORDINATORS = ("coordinator", "admin")
RESOLVED = {"accept": "accepted", "return": "returned"}


class HeldPickups:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.repo = TrackingRepository(actor.municipality_id)

    async def resolve(self, event_id: UUID, decision: Literal["accept", "return"]) -> schemas.HeldResolved:
        """Accept or return a held pickup; 409 when it was decided already or can no longer be applied."""
        self.actor.require(*COORDINATORS)
        now = clock.now()
        async with self.db.write():
            held = await self.repo.held(event_id)
            if held is None:
                raise NotFound("No such held pickup.")
            if held["resolution"] or not await self.repo.resolve(event_id, RESOLVED[decision], self.actor.user_id, now):
                raise Conflict("This pickup was decided already.")
            if decision == "return":
                await self._tell_driver(held, "pickup_returned")
                return schemas.HeldResolved(id=event_id, resolution="returned", pickup=None)
            (result,) = await ScanService(self.db, self.actor).apply_in_write([await self._pickup(held)])
            if result.status != "applied":
                # Undone with the transaction: the held scan stays waiting for another decision.
                raise Conflict(f"The pickup cannot be applied now: {result.message}")
            await self._tell_driver(held, "pickup_accepted")
        return schemas.HeldResolved(id=event_id, resolution="accepted", pickup=result)

    async def _tell_driver(self, held: dict, message: str) -> None:
        """The driver who scanned it hears the decision on their phone (inside the decision's transaction)."""
        if held["actor"] is None:
            return
        item = (await self.repo.items([held["item"]])).get(held["item"]) if held["item"] else None
        await notify_message([held["actor"]], "job_changed", message, {"item": item["title"] if item else ""},
                             "/dagen", tag=f"held-{held['id']}")

    async def _pickup(self, held: dict) -> Prepared:
        """The held scan again as a new event: same label, vehicle, driver and time; no jobs check."""
        vehicle = None
        if held["location"]:
            vehicle = (await CodeRepository(self.actor.municipality_id).linked_to_locations([held["location"]])).get(
                held["location"])
        event = schemas.ScanEventIn(id=uuid4(), code=held["code_text"], action="pickup",
                                    device_time=held["event_time"] or held["server_time"],
                                    location_code=vehicle["text"] if vehicle else None)
        return Prepared(event, held["actor"] or self.actor.user_id, code_from_text(held["code_text"]),
                        vehicle["text"] if vehicle else None, None)
