"""The report's aggregates, computed in SQL (GROUP BY) so a year of entries never reaches Python."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from piccolo.query.functions.aggregate import Count, Sum

from backend.accounts.tables import Municipality, NetworkMembership
from backend.impact.tables import ImpactEntry, PurchaseCheck

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

    async def totals(self) -> Row:
        return (await self._entries(*_SUMS))[0]

    async def by(self, name: str) -> list[Row]:
        """Totals grouped by one entry column: month, deal or category_slug."""
        column = {"month": ImpactEntry.month, "deal": ImpactEntry.deal, "category_slug": ImpactEntry.category_slug}[name]
        return await self._entries(column.as_alias("key"), *_SUMS).group_by(column)

    async def by_municipality(self) -> list[Row]:
        return await self._entries(
            ImpactEntry.municipality.as_alias("municipality_id"),
            ImpactEntry.municipality.name.as_alias("municipality"), *_SUMS,
        ).group_by(ImpactEntry.municipality, ImpactEntry.municipality.name)

    async def factors_used(self) -> list[Row]:
        factor = ImpactEntry.factor
        return await self._entries(
            factor.category_slug.as_alias("category_slug"), factor.version.as_alias("version"),
            factor.municipality.as_alias("override_of"), factor.source.as_alias("source"),
            factor.boundary.as_alias("boundary"), Count(alias="entries"),
        ).group_by(factor.category_slug, factor.version, factor.municipality, factor.source, factor.boundary)

    def _checks(self, *columns: Any) -> Any:
        query = PurchaseCheck.select(*columns).where(
            PurchaseCheck.municipality.is_in(self.ids), PurchaseCheck.month >= self.from_month,
            PurchaseCheck.month <= self.to_month)
        return query.where(PurchaseCheck.unit == self.unit_id) if self.unit_id else query

    async def check_outcomes(self) -> list[Row]:
        return await self._checks(
            PurchaseCheck.decision, Count(alias="checks"), Sum(PurchaseCheck.spent_ore, alias="spent_ore"),
        ).group_by(PurchaseCheck.decision)

    async def check_savings(self) -> Row:
        """What checks saved: entries they booked (bought used) plus the bookings of listings they reused."""
        reused = [r["listing_id"] for r in await self._checks(PurchaseCheck.listing_id).where(
            PurchaseCheck.decision == "reused", PurchaseCheck.listing_id.is_not_null())]
        linked = ImpactEntry.purchase_check_id.is_not_null()
        condition = (linked | ImpactEntry.listing_id.is_in(reused)) if reused else linked
        return (await self._entries(*_SUMS).where(condition))[0]


async def network_members(municipality_id: UUID) -> list[Row]:
    """Active members of every network this municipality is an active member of, itself included."""
    mine = await NetworkMembership.select(NetworkMembership.network).where(
        NetworkMembership.municipality == municipality_id, NetworkMembership.status == "active")
    ids = {municipality_id}
    if mine:
        ids |= {r["municipality"] for r in await NetworkMembership.select(NetworkMembership.municipality).where(
            NetworkMembership.network.is_in([r["network"] for r in mine]), NetworkMembership.status == "active")}
    return await Municipality.select(Municipality.id, Municipality.name).where(Municipality.id.is_in(list(ids)))
