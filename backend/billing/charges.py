"""The one reader of the bookings context's charges: copies new charges into invoice lines.

Charges are read-only here. A charge is copied once (unique charge_id); it lands in the month
it arose in, or, when that month is already locked, in the next open month as a correction.
"""

from __future__ import annotations

from uuid import UUID, uuid4

from backend import clock
from backend.billing.repository import ChargeCopyRepository
from backend.bookings.repository import ChargeRepository
from backend.vocabulary import month_of, next_month


def placed_month(arose: str, locked: set[str]) -> tuple[str, bool]:
    """(month the line belongs to, whether it is a correction of a locked month)."""
    month = arose
    while month in locked:
        month = next_month(month)
    return month, month != arose


async def copy_new_charges(municipality_id: UUID) -> int:
    """Copy charges payable to this municipality that have no line yet; returns how many."""
    lines_repo = ChargeCopyRepository(municipality_id)
    copied = await lines_repo.copied_charge_ids()
    rows = [r for r in await ChargeRepository().payable_to(municipality_id) if r["id"] not in copied]
    if not rows:
        return 0
    locked = await lines_repo.locked_months()
    centres = await lines_repo.cost_centres(list({r["payer_unit"] for r in rows} | {r["payee_unit"] for r in rows}))
    now = clock.now()
    lines = []
    for r in rows:
        month, correction = placed_month(month_of(r["created_at"]), locked)
        lines.append(dict(
            id=uuid4(), municipality=municipality_id, month=month, charge_id=r["id"], booking_id=r["booking"],
            kind=r["kind"], payer_municipality=r["payer_municipality"], payer_unit=r["payer_unit"],
            payer_cost_centre=centres.get(r["payer_unit"], ""), payee_unit=r["payee_unit"],
            payee_cost_centre=centres.get(r["payee_unit"], ""), amount_ore=r["amount_ore"],
            quantity=r["quantity"] or 1, period_start=r["period_start"], period_end=r["period_end"],
            description=(r["description"] or "")[:300], correction=correction, charged_at=r["created_at"],
            created_at=now,
        ))
    await lines_repo.insert_lines(lines)
    return len(lines)
