"""The impact ledger's entry point: other contexts book a completed reuse here.

`book_reuse` runs inside the caller's `db.write()` transaction and only inserts. It is
idempotent per booking (a unique index backs the check), so a retried completion books once.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from uuid import UUID

from backend import clock
from backend.catalog.repository import CategoryRepository
from backend.impact.repository import LedgerRepository
from backend.impact.tables import FALLBACK_KEY
from backend.vocabulary import month_of


async def _slug_chain(category_id: UUID | None) -> list[str]:
    """The category's slug, then its ancestors' slugs, then the fallback key."""
    chain: list[str] = []
    current = category_id
    while current is not None and len(chain) < 5:
        row = await CategoryRepository().get(current)
        if row is None:
            break
        chain.append(row["slug"])
        current = row["parent"]
    return [*chain, FALLBACK_KEY]


async def factor_in_force(municipality_id: UUID, slugs: list[str], at: datetime) -> dict:
    """The newest factor valid at `at` for the first slug that has one; overrides win."""
    rows = await LedgerRepository().factors_valid_at(municipality_id, slugs, at)
    for slug in slugs:
        for own in (True, False):
            candidates = [r for r in rows if r["category_slug"] == slug and (r["municipality"] is not None) == own]
            if candidates:
                return max(candidates, key=lambda r: (r["valid_from"], r["version"]))
    raise LookupError("No impact factor is seeded; run the impact migrations.")


def compute(factor: dict, *, quantity: int, paid_ore: int, weight_g: int | None) -> tuple[int, int, int]:
    """(g CO2e, öre saved, g waste) of `quantity` pieces with this factor; never negative."""
    piece_g = weight_g if weight_g and weight_g > 0 else (factor["typical_weight_g"] or 0)
    if factor["co2e_g"] is not None:
        co2e = factor["co2e_g"] * quantity
    else:
        co2e = (factor["co2e_g_per_kg"] or 0) * piece_g * quantity // 1000
    saved = max(0, factor["new_price_ore"] * quantity - max(0, paid_ore))
    return co2e, saved, piece_g * quantity


async def book_reuse(
    *,
    municipality_id: UUID,
    unit_id: UUID,
    booking_id: UUID | None,
    listing_id: UUID | None,
    category_id: UUID | None,
    deal: str,
    quantity: int,
    paid_ore: int,
    weight_g: int | None,
    completed_at: datetime,
    purchase_check_id: UUID | None = None,
) -> None:
    """Record what a completed reuse avoided; a second call for the same booking does nothing.

    `weight_g` is per piece (the listing's weight); `paid_ore` is the total paid for all pieces.
    """
    ledger = LedgerRepository()
    if booking_id is not None and await ledger.booked(booking_id):
        return
    quantity = max(1, quantity)
    chain = await _slug_chain(category_id)
    factor = await factor_in_force(municipality_id, chain, completed_at)
    co2e, saved, waste = compute(factor, quantity=quantity, paid_ore=paid_ore, weight_g=weight_g)
    await ledger.insert({
        "id": uuid.uuid4(), "municipality": municipality_id, "unit": unit_id, "booking_id": booking_id,
        "listing_id": listing_id, "purchase_check_id": purchase_check_id, "category_slug": chain[0], "deal": deal,
        "quantity": quantity, "paid_ore": paid_ore, "co2e_g": co2e, "saved_ore": saved, "waste_g": waste,
        "factor": factor["id"], "factor_version": factor["version"], "month": month_of(completed_at),
        "completed_at": completed_at, "created_at": clock.now(),
    })


async def estimate(municipality_id: UUID, category_id: UUID | None, *, quantity: int, weight_g: int | None,
                   at: datetime) -> tuple[int, int, int, dict]:
    """(g CO2e, öre saved, g waste, factor) a reuse of these pieces avoids, with the factor in force at `at`.

    The same factors and arithmetic as a booked reuse, for figures not (yet) in the ledger.
    """
    factor = await factor_in_force(municipality_id, await _slug_chain(category_id), at)
    co2e, saved, waste = compute(factor, quantity=max(1, quantity), paid_ore=0, weight_g=weight_g)
    return co2e, saved, waste, factor
