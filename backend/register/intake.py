"""Intake in one pass: a new item, its register card, its label, its shelf and (if it needs it) a repair.

The phone sends the whole intake as one request, made offline or online, with the new item's id
chosen on the phone. Everything is written in one transaction or nothing is: a label already on
another item, an unknown shelf or a taken inventory number refuses the intake whole, and the phone
keeps it for the person to correct. The label is linked and the item put on the shelf as the scans
a person would make (the same history steps, dated when the intake was made); a fresh label can be
given instead of a pre-printed one, to print afterwards. The same intake sent again (its answer
lost) changes nothing and answers what it made.
"""

from __future__ import annotations

from uuid import NAMESPACE_URL, UUID, uuid5

from backend import clock
from backend.codes.service import CodeService
from backend.db import Database
from backend.errors import Conflict, Invalid, NotFound
from backend.register import schemas
from backend.register.repository import IntakeRepository, RegisterRepository, Row
from backend.tenancy import Actor
from backend.tracking.repairs import RepairService
from backend.tracking.schemas import RepairCreate, ScanEventIn
from backend.tracking.service import ScanService

INTAKERS = ("warehouse", "coordinator")
_CARD = ("width_cm", "depth_cm", "height_cm", "weight_g", "condition")


def step_id(intake_id: UUID, step: str) -> UUID:
    """The id of one of the intake's own steps (its link scan, its put-away, its repair): the same every time."""
    return uuid5(NAMESPACE_URL, f"delbar:intake:{intake_id}:{step}")


class IntakeService:
    def __init__(self, db: Database, actor: Actor) -> None:
        actor.require(*INTAKERS)
        self.db, self.actor = db, actor
        self.repo = IntakeRepository(actor.municipality_id)

    async def take_in(self, data: schemas.IntakeIn) -> tuple[Row, bool]:
        """Register the item in one transaction; (what it made, True) or, sent again, (the same, False)."""
        if bool(data.label) == data.new_label:
            raise Invalid("Give the pre-printed label's code, or ask for a new label, one of the two.",
                          error="label_choice")
        async with self.db.write():
            owner = await self.repo.municipality_of_item(data.id)
            if owner is not None:
                if owner != self.actor.municipality_id:
                    raise Conflict("That id is already in use.", error="id_reused")
                return await self._read(data.id), False
            if data.category_id and not await self.repo.category_exists(data.category_id):
                raise Invalid("No such category.", error="unknown_category")
            number = data.inventory_number.strip()
            cards = RegisterRepository(self.actor.municipality_id)
            if number and await cards.inventory_number_owner(number) is not None:
                raise Conflict(f"Inventory number {number} is already another item's.", error="inventory_number_taken")
            now = clock.now()
            await self.repo.insert_item({"id": data.id, "owner_unit": self.actor.unit_id, "title": data.title.strip(),
                                         "category": data.category_id, "listing": None}, now)
            card = {name: getattr(data, name) for name in _CARD} | {"condition": data.condition or ""}
            await cards.insert_card(data.id, {**card, "inventory_number": number or None,
                                              "updated_by": self.actor.user_id, "updated_at": now})
            await self._label_and_shelve(data)
            if data.repair:
                await RepairService(self.db, self.actor).create_in_write(
                    RepairCreate(id=step_id(data.id, "repair"), item_id=data.id, needs=data.repair))
            return await self._read(data.id), True

    async def _label_and_shelve(self, data: schemas.IntakeIn) -> None:
        if data.new_label:
            code = await CodeService(self.db, self.actor).link_fresh_code(data.id)
            events = []
        else:
            code = data.label or ""
            events = [ScanEventIn(id=step_id(data.id, "link"), code=code, action="link", item_id=data.id,
                                  device_time=data.device_time)]
        if data.shelf:
            events.append(ScanEventIn(id=step_id(data.id, "shelf"), code=code, action="intake",
                                      location_code=data.shelf, device_time=data.device_time))
        results = await ScanService(self.db, self.actor).record_in_write(events)
        refused = next((r for r in results if r.status == "rejected"), None)
        if refused is not None:
            # Raising rolls back the whole transaction: nothing of the intake stays.
            step = "label" if refused.id == step_id(data.id, "link") else "shelf"
            raise Conflict(f"The {step} was refused: {refused.message or refused.reason}.",
                           error=f"{step}_{refused.reason}")

    async def _read(self, item_id: UUID) -> Row:
        found = await self.repo.intake(item_id)
        if found is None:
            raise NotFound("No such item.")
        return found
