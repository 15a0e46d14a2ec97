"""Every billing query, scoped to the municipality that issues the invoice basis."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from piccolo.query.functions.aggregate import Count, Sum

from backend.accounts.tables import Municipality, Unit
from backend.billing.tables import ExportMapping, InvoiceDocument, InvoiceLine, InvoicePeriod

Row = dict[str, Any]
_LINE_COLUMNS = (
    InvoiceLine.id, InvoiceLine.month, InvoiceLine.booking_id, InvoiceLine.kind, InvoiceLine.payer_municipality,
    InvoiceLine.payer_municipality.name.as_alias("payer_municipality_name"),
    InvoiceLine.payer_unit.name.as_alias("payer_unit_name"), InvoiceLine.payer_cost_centre,
    InvoiceLine.payee_cost_centre, InvoiceLine.amount_ore, InvoiceLine.quantity, InvoiceLine.period_start,
    InvoiceLine.period_end, InvoiceLine.description, InvoiceLine.correction, InvoiceLine.charged_at,
)


class BillingRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def municipality(self, municipality_id: UUID | None = None) -> Row | None:
        return await Municipality.select(Municipality.id, Municipality.name, Municipality.org_number).where(
            Municipality.id == (municipality_id or self.municipality_id)).first()

    async def month_totals(self) -> list[Row]:
        return await InvoiceLine.select(
            InvoiceLine.month, Count(alias="line_count"), Sum(InvoiceLine.amount_ore, alias="total_ore")
        ).where(InvoiceLine.municipality == self.municipality_id).group_by(InvoiceLine.month)

    async def lines(self, month: str) -> list[Row]:
        return await InvoiceLine.select(*_LINE_COLUMNS).where(
            InvoiceLine.municipality == self.municipality_id, InvoiceLine.month == month)

    async def periods(self) -> list[Row]:
        return await InvoicePeriod.select(
            InvoicePeriod.id, InvoicePeriod.month, InvoicePeriod.line_count, InvoicePeriod.total_ore,
            InvoicePeriod.exported_at,
        ).where(InvoicePeriod.municipality == self.municipality_id)

    async def period(self, month: str) -> Row | None:
        return await InvoicePeriod.select().where(
            InvoicePeriod.municipality == self.municipality_id, InvoicePeriod.month == month).first()

    async def insert_period(self, values: Row) -> UUID:
        period_id = uuid4()
        await InvoicePeriod.insert(InvoicePeriod(id=period_id, municipality=self.municipality_id, **values))
        return period_id

    async def insert_document(self, period_id: UUID, values: Row, now: datetime) -> None:
        await InvoiceDocument.insert(InvoiceDocument(id=uuid4(), period=period_id, created_at=now, **values))

    async def documents(self, period_id: UUID) -> list[Row]:
        return await InvoiceDocument.select(
            InvoiceDocument.counterpart, InvoiceDocument.counterpart.name.as_alias("counterpart_name"),
            InvoiceDocument.number, InvoiceDocument.document_type, InvoiceDocument.total_ore,
        ).where(InvoiceDocument.period == period_id).order_by(InvoiceDocument.number)

    async def document(self, period_id: UUID, counterpart: UUID) -> Row | None:
        return await InvoiceDocument.select(InvoiceDocument.number, InvoiceDocument.xml).where(
            InvoiceDocument.period == period_id, InvoiceDocument.counterpart == counterpart).first()


class ChargeCopyRepository:
    """What copying charges into invoice lines reads and writes, for the municipality that is paid."""

    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def copied_charge_ids(self) -> set[UUID]:
        return {r["charge_id"] for r in await InvoiceLine.select(InvoiceLine.charge_id).where(
            InvoiceLine.municipality == self.municipality_id, InvoiceLine.charge_id.is_not_null())}

    async def locked_months(self) -> set[str]:
        return {r["month"] for r in await InvoicePeriod.select(InvoicePeriod.month).where(
            InvoicePeriod.municipality == self.municipality_id)}

    async def cost_centres(self, unit_ids: list[UUID]) -> dict[UUID, str]:
        """The cost centre of each unit, the paying side's too (another municipality's units)."""
        return {u["id"]: u["cost_centre"] for u in await Unit.select(Unit.id, Unit.cost_centre).where(
            Unit.id.is_in(unit_ids))}

    async def insert_lines(self, lines: list[Row]) -> None:
        for start in range(0, len(lines), 500):
            await InvoiceLine.insert(*[InvoiceLine(**line) for line in lines[start:start + 500]])


class MappingRepository:
    """The municipality's export column mapping (one row, or none while it uses Delbar's layout)."""

    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def get(self) -> Row | None:
        return await ExportMapping.select().where(ExportMapping.municipality == self.municipality_id).first()

    async def insert(self, values: Row, now: datetime) -> bool:
        """False when another request saved the first mapping at the same moment."""
        if await self.get() is not None:
            return False
        await ExportMapping.insert(ExportMapping(id=uuid4(), municipality=self.municipality_id, version=1,
                                                 updated_at=now, **values))
        return True

    async def update(self, version: int, values: Row, now: datetime) -> bool:
        rows = await ExportMapping.update({**values, "version": version + 1, "updated_at": now}).where(
            ExportMapping.municipality == self.municipality_id, ExportMapping.version == version,
        ).returning(ExportMapping.id)
        return bool(rows)
