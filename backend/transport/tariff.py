"""The transport tariff: one fee per delivered job, paid to the unit that drives (the AME).

A coordinator or admin sets it for their municipality; every edit carries the version it
started from. The bookings context charges it when a job is done (bookings.charges).
"""

from __future__ import annotations

from uuid import UUID

from backend import clock
from backend.accounts.repository import UnitRepository
from backend.audit.service import record
from backend.db import Database
from backend.errors import Conflict, Invalid
from backend.tenancy import Actor
from backend.transport.repository import Row, TariffRepository

SETTERS = ("admin", "coordinator")


def _audited(tariff: Row) -> dict:
    return {k: tariff[k] for k in ("fee_ore", "payee_unit_id") if k in tariff}


class TariffService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor

    async def get(self) -> Row | None:
        """The actor's municipality's tariff, or None while transport is free."""
        async with self.db.read():
            return await TariffRepository().of(self.actor.municipality_id)

    async def set(self, fee_ore: int, payee_unit_id: UUID, version: int | None) -> Row:
        """Create the tariff (version None) or change it from `version`; 409 when someone was first."""
        self.actor.require(*SETTERS)
        municipality = self.actor.municipality_id
        async with self.db.write():
            if await UnitRepository(municipality).get(payee_unit_id) is None:
                raise Invalid("No such unit in your municipality.", error="unknown_unit")
            repo, now = TariffRepository(), clock.now()
            before = await repo.of(municipality)
            values = {"fee_ore": fee_ore, "payee_unit": payee_unit_id, "updated_by": self.actor.user_id}
            if version is None:
                saved = await repo.insert(municipality, values, now)
            else:
                saved = await repo.update(municipality, version, values, now)
            if not saved:
                raise Conflict("The tariff was changed by someone else; reload it.", error="stale_version")
            after = await repo.of(municipality)
            await record(self.actor, "tariff.changed", "transport_tariff", municipality,
                         before=_audited(before) if before else None, after=_audited(after))
            return after

