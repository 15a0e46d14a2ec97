"""The one reader of the bookings context's charges: copies new charges into invoice lines.

Charges are read-only here. A charge is copied once (unique charge_id); it lands in the month
it arose in, or, when that month is already locked, in the next open month as a correction.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from backend import clock
from backend.accounts.tables import Unit
from backend.billing.money import month_of, next_month
from backend.billing.tables import InvoiceLine, InvoicePeriod


def charge_table() -> Any:
    """The bookings context's Charge table, or None while that context is not installed."""
    from backend.piccolo_conf import APP_REGISTRY

    config = APP_REGISTRY.app_configs.get("bookings")
    return next((t for t in config.table_classes if t.__name__ == "Charge"), None) if config else None


def placed_month(arose: str, locked: set[str]) -> tuple[str, bool]:
    """(month the line belongs to, whether it is a correction of a locked month)."""
    month = arose
    while month in locked:
        month = next_month(month)
    return month, month != arose


async def copy_new_charges(municipality_id: UUID) -> int:
    """Copy charges payable to this municipality that have no line yet; returns how many."""
    charge = charge_table()
    if charge is None:
        return 0
    copied = {r["charge_id"] for r in await InvoiceLine.select(InvoiceLine.charge_id).where(
        InvoiceLine.municipality == municipality_id, InvoiceLine.charge_id.is_not_null())}
    rows = [r for r in await charge.select().where(charge.payee_municipality == municipality_id)
            if r["id"] not in copied]
    if not rows:
        return 0
    locked = {r["month"] for r in await InvoicePeriod.select(InvoicePeriod.month).where(
        InvoicePeriod.municipality == municipality_id)}
    unit_ids = {r["payer_unit"] for r in rows} | {r["payee_unit"] for r in rows}
    centres = {u["id"]: u["cost_centre"] for u in await Unit.select(Unit.id, Unit.cost_centre).where(
        Unit.id.is_in(list(unit_ids)))}
    now = clock.now()
    lines = []
    for r in rows:
        month, correction = placed_month(month_of(r["created_at"]), locked)
        lines.append(InvoiceLine(
            id=uuid4(), municipality=municipality_id, month=month, charge_id=r["id"], booking_id=r["booking"],
            kind=r["kind"], payer_municipality=r["payer_municipality"], payer_unit=r["payer_unit"],
            payer_cost_centre=centres.get(r["payer_unit"], ""), payee_unit=r["payee_unit"],
            payee_cost_centre=centres.get(r["payee_unit"], ""), amount_ore=r["amount_ore"],
            quantity=r["quantity"] or 1, period_start=r["period_start"], period_end=r["period_end"],
            description=(r["description"] or "")[:300], correction=correction, charged_at=r["created_at"],
            created_at=now,
        ))
    for start in range(0, len(lines), 500):
        await InvoiceLine.insert(*lines[start:start + 500])
    return len(lines)
