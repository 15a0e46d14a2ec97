"""Auto-approve policies: a unit may let internal requests of some deals approve themselves."""

from __future__ import annotations

from uuid import UUID

from backend import clock
from backend.accounts.repository import UnitRepository
from backend.bookings.repository import PolicyRepository, Row
from backend.db import Database
from backend.errors import Conflict, NotFound
from backend.tenancy import Actor


class PolicyService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor

    async def _unit(self, unit_id: UUID) -> None:
        if await UnitRepository(self.actor.municipality_id).get(unit_id) is None:
            raise NotFound("No such unit.")

    async def get(self, unit_id: UUID) -> Row:
        async with self.db.read():
            await self._unit(unit_id)
            policy = await PolicyRepository().of_unit(unit_id)
        return policy or {"unit": unit_id, "internal_deals": "", "version": 0}

    async def save(self, unit_id: UUID, deals: list[str], version: int | None) -> Row:
        """Admins and coordinators set a unit's policy; the first save sends no version."""
        self.actor.require("admin", "coordinator")
        async with self.db.write():
            await self._unit(unit_id)
            exists = await PolicyRepository().of_unit(unit_id) is not None
            if exists != (version is not None) or not await PolicyRepository().save(
                    self.actor.municipality_id, unit_id, ",".join(sorted(set(deals))), version, clock.now()):
                raise Conflict("The policy was changed by someone else; reload it.", error="stale_version")
        return await self.get(unit_id)
