"""The transport tariff: one fee per delivered job, paid to the unit that drives (the AME).

A coordinator or admin sets it for their municipality; every edit carries the version it
started from. The bookings context charges it when a job is done (bookings.charges).
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4

from backend import clock
from backend.accounts.repository import UnitRepository
from backend.db import Database
from backend.errors import Conflict, Invalid
from backend.logistics.jobs_repository import Row
from backend.logistics.jobs_tables import TransportTariff
from backend.tenancy import Actor

SETTERS = ("admin", "coordinator")
_COLUMNS = (TransportTariff.id, TransportTariff.municipality, TransportTariff.fee_ore,
            TransportTariff.payee_unit.id.as_alias("payee_unit_id"),
            TransportTariff.payee_unit.name.as_alias("payee_unit_name"), TransportTariff.version,
            TransportTariff.updated_at)


class TariffRepository:
    """Tariffs, read for one municipality or for the municipalities of finished jobs."""

    async def of(self, municipality_id: UUID) -> Row | None:
        return await TransportTariff.select(*_COLUMNS).where(TransportTariff.municipality == municipality_id).first()

    async def of_many(self, municipality_ids: list[UUID]) -> dict[UUID, Row]:
        rows = await TransportTariff.select(*_COLUMNS).where(TransportTariff.municipality.is_in(municipality_ids))
        return {row["municipality"]: row for row in rows}

    async def insert(self, municipality_id: UUID, values: Row, now: datetime) -> bool:
        """Create the municipality's tariff; False when another request created it first."""
        rows = await TransportTariff.insert(TransportTariff(
            id=uuid4(), municipality=municipality_id, updated_at=now, **values,
        )).on_conflict(action="DO NOTHING").returning(TransportTariff.id)
        return bool(rows)

    async def update(self, municipality_id: UUID, version: int, values: Row, now: datetime) -> bool:
        rows = await TransportTariff.update({**values, TransportTariff.version: version + 1,
                                             TransportTariff.updated_at: now}).where(
            TransportTariff.municipality == municipality_id, TransportTariff.version == version,
        ).returning(TransportTariff.id)
        return bool(rows)


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
            values = {"fee_ore": fee_ore, "payee_unit": payee_unit_id, "updated_by": self.actor.user_id}
            if version is None:
                saved = await repo.insert(municipality, values, now)
            else:
                saved = await repo.update(municipality, version, values, now)
            if not saved:
                raise Conflict("The tariff was changed by someone else; reload it.", error="stale_version")
            return await repo.of(municipality)

