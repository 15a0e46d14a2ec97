"""The report's aggregates, computed in SQL (GROUP BY) so a year of entries never reaches Python."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from piccolo.query.functions.aggregate import Count, Sum

from backend.accounts.tables import Municipality, NetworkMembership
from backend.impact.tables import ImpactEntry, ImpactFactor, PurchaseCheck

Row = dict[str, Any]
_SUMS = (
    Count(alias="reuses"), Sum(ImpactEntry.quantity, alias="pieces"), Sum(ImpactEntry.co2e_g, alias="co2e_g"),
    Sum(ImpactEntry.saved_ore, alias="saved_ore"), Sum(ImpactEntry.waste_g, alias="waste_g"),
)


class ReportRepository:
    """Aggregates over the given municipalities (the caller decides who may see which)."""

    def __init__(self, municipality_ids: list[UUID], from_month: str, to_month: str, unit_id: UUID | None) -> None:
        self.ids, self.from_month, self.to_month, self.unit_id = municipality_ids, from_month, to_month, unit_id

    def _entries(self, *columns: Any) -> Any:
        query = ImpactEntry.select(*columns).where(
            ImpactEntry.municipality.is_in(self.ids), ImpactEntry.month >= self.from_month,
            ImpactEntry.month <= self.to_month)
        return query.where(ImpactEntry.unit == self.unit_id) if self.unit_id else query

    async def cube(self) -> list[Row]:
        """Sums per municipality, month, deal, category and factor: one pass over the covering index.

        A year of a network is a few thousand groups, whatever the number of entries; the report's
        other totals are roll-ups of these rows.
        """
        keys = (ImpactEntry.municipality, ImpactEntry.month, ImpactEntry.deal, ImpactEntry.category_slug,
                ImpactEntry.factor, ImpactEntry.unit)
        return await self._entries(*keys, *_SUMS).group_by(*keys)

    async def period_totals(self) -> Row:
        """The sums of the whole period in one row (the previous period of a comparison)."""
        rows = await self._entries(*_SUMS)
        return rows[0] if rows else {}

    async def factors(self, ids: list[UUID]) -> list[Row]:
        if not ids:
            return []
        return await ImpactFactor.select(
            ImpactFactor.id, ImpactFactor.category_slug, ImpactFactor.version,
            ImpactFactor.municipality.as_alias("override_of"), ImpactFactor.source, ImpactFactor.boundary,
        ).where(ImpactFactor.id.is_in(ids))

    def _checks(self, *columns: Any) -> Any:
        query = PurchaseCheck.select(*columns).where(
            PurchaseCheck.municipality.is_in(self.ids), PurchaseCheck.month >= self.from_month,
            PurchaseCheck.month <= self.to_month)
        return query.where(PurchaseCheck.unit == self.unit_id) if self.unit_id else query

    async def check_outcomes(self) -> list[Row]:
        """Checks per unit and decision (the report adds them up, and shows each unit's share)."""
        return await self._checks(
            PurchaseCheck.unit, PurchaseCheck.decision, Count(alias="checks"),
            Sum(PurchaseCheck.spent_ore, alias="spent_ore"),
        ).group_by(PurchaseCheck.unit, PurchaseCheck.decision)

    async def check_savings(self) -> Row:
        """What checks saved: entries they booked (bought used) plus the bookings of listings they reused.

        Looked up by check and listing ids (both indexed), not by scanning the period's entries.
        """
        checks = await self._checks(PurchaseCheck.id, PurchaseCheck.decision, PurchaseCheck.listing_id).where(
            PurchaseCheck.decision.is_in(["reused", "bought_used"]))
        used = [r["id"] for r in checks if r["decision"] == "bought_used"]
        reused = [r["listing_id"] for r in checks if r["decision"] == "reused" and r["listing_id"]]
        parts = []
        if used:
            parts += await ImpactEntry.select(*_SUMS).where(ImpactEntry.purchase_check_id.is_in(used))
        if reused:
            parts += await ImpactEntry.select(*_SUMS).where(
                ImpactEntry.listing_id.is_in(reused), ImpactEntry.municipality.is_in(self.ids))
        return {key: sum(p[key] or 0 for p in parts) for key in ("reuses", "pieces", "co2e_g", "saved_ore", "waste_g")}


async def network_members(municipality_id: UUID) -> list[Row]:
    """Active members of every network this municipality is an active member of, itself included."""
    mine = await NetworkMembership.select(NetworkMembership.network).where(
        NetworkMembership.municipality == municipality_id, NetworkMembership.status == "active")
    ids = {municipality_id}
    if mine:
        ids |= {r["municipality"] for r in await NetworkMembership.select(NetworkMembership.municipality).where(
            NetworkMembership.network.is_in([r["network"] for r in mine]), NetworkMembership.status == "active")}
    return await Municipality.select(Municipality.id, Municipality.name).where(Municipality.id.is_in(list(ids)))
