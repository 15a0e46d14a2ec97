"""Every factor and purchase-check query, scoped to one municipality (defaults are shared, read-only)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from piccolo.query.functions.aggregate import Max

from backend.impact.tables import ImpactEntry, ImpactFactor, PurchaseCheck

Row = dict[str, Any]


class FactorRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def visible(self) -> list[Row]:
        """The national defaults and this municipality's overrides, every version."""
        return await ImpactFactor.select().where(
            (ImpactFactor.municipality == self.municipality_id) | ImpactFactor.municipality.is_null()
        ).order_by(ImpactFactor.category_slug).order_by(ImpactFactor.version)

    async def latest_version(self, slug: str) -> int:
        row = await ImpactFactor.select(Max(ImpactFactor.version, alias="v")).where(
            ImpactFactor.category_slug == slug,
            (ImpactFactor.municipality == self.municipality_id) | ImpactFactor.municipality.is_null(),
        ).first()
        return (row or {}).get("v") or 0

    async def insert(self, values: Row) -> Row:
        row = ImpactFactor(municipality=self.municipality_id, **values)
        await ImpactFactor.insert(row)
        return await ImpactFactor.select().where(ImpactFactor.id == row.id).first()


class DefaultFactorRepository:
    """The national defaults (no municipality), seeded by the migrations."""

    async def slugs(self) -> set[str]:
        return {row["category_slug"] for row in await ImpactFactor.select(ImpactFactor.category_slug).where(
            ImpactFactor.municipality.is_null())}

    async def insert(self, values: Row) -> None:
        await ImpactFactor.insert(ImpactFactor(municipality=None, **values))


class LedgerRepository:
    """The ledger's reads and its one write: entries are only ever inserted."""

    async def factors_valid_at(self, municipality_id: UUID, slugs: list[str], at: datetime) -> list[Row]:
        """Every version of these slugs' factors in force at `at`: the municipality's own and the defaults."""
        return await ImpactFactor.select().where(
            ImpactFactor.category_slug.is_in(slugs), ImpactFactor.valid_from <= at,
            (ImpactFactor.municipality == municipality_id) | ImpactFactor.municipality.is_null(),
        )

    async def booked(self, booking_id: UUID) -> bool:
        return await ImpactEntry.exists().where(ImpactEntry.booking_id == booking_id)

    async def insert(self, values: Row) -> None:
        await ImpactEntry.insert(ImpactEntry(**values))


class CheckRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def get(self, check_id: UUID) -> Row | None:
        return await PurchaseCheck.select().where(
            PurchaseCheck.id == check_id, PurchaseCheck.municipality == self.municipality_id).first()

    async def exists_anywhere(self, check_id: UUID) -> bool:
        return await PurchaseCheck.exists().where(PurchaseCheck.id == check_id)

    async def list(self, unit_id: UUID | None, limit: int) -> list[Row]:
        query = PurchaseCheck.select().where(PurchaseCheck.municipality == self.municipality_id)
        if unit_id:
            query = query.where(PurchaseCheck.unit == unit_id)
        return await query.order_by(PurchaseCheck.created_at, ascending=False).limit(limit)

    async def insert(self, values: Row) -> None:
        await PurchaseCheck.insert(PurchaseCheck(municipality=self.municipality_id, **values))

    async def link_booking(self, check_id: UUID, booking_id: UUID, listing_id: UUID, now: datetime) -> bool:
        """Decide an open check as reused through this booking; False when it was decided already."""
        rows = await PurchaseCheck.update({
            PurchaseCheck.decision: "reused", PurchaseCheck.booking_id: booking_id,
            PurchaseCheck.listing_id: listing_id, PurchaseCheck.decided_at: now,
            PurchaseCheck.version: PurchaseCheck.version + 1,
        }).where(
            PurchaseCheck.id == check_id, PurchaseCheck.municipality == self.municipality_id,
            PurchaseCheck.decision == "",
        ).returning(PurchaseCheck.id)
        return bool(rows)

    async def decide(self, check_id: UUID, version: int, values: Row, now: datetime) -> bool:
        rows = await PurchaseCheck.update({**values, PurchaseCheck.decided_at: now,
                                           PurchaseCheck.version: version + 1}).where(
            PurchaseCheck.id == check_id, PurchaseCheck.municipality == self.municipality_id,
            PurchaseCheck.version == version, PurchaseCheck.decision == "",
        ).returning(PurchaseCheck.id)
        return bool(rows)
