"""The ledger entry point: known reuses give known totals, once per booking, with the factor used."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from backend.catalog.categories import category_id
from backend.impact.factors import seed_id
from backend.impact.ledger import book_reuse, estimate
from backend.impact.tables import ImpactEntry, ImpactFactor

pytestmark = pytest.mark.anyio
WHEN = datetime(2026, 3, 14, 10, 0, tzinfo=UTC)


async def _book(db, tenant, slug: str | None, *, booking=None, quantity=1, paid_ore=0, weight_g=None, when=WHEN):
    async with db.write():
        await book_reuse(
            municipality_id=tenant.id, unit_id=tenant.ame_unit, booking_id=booking or uuid4(), listing_id=None,
            category_id=category_id(slug) if slug else None, deal="give", quantity=quantity, paid_ore=paid_ore,
            weight_g=weight_g, completed_at=when,
        )


@pytest.fixture
def db(app):
    return app.state.db


class TestBookReuse:
    async def test_office_chairs_use_the_fira_figure_per_piece(self, db, ystad, seeded):
        await _book(db, ystad, "kontorsstolar", quantity=3, paid_ore=30_000)
        entry = await ImpactEntry.select().first()
        # 3 × 72 kg; 3 × 4 500 kr new − 300 kr paid; 3 × 17 kg typical weight
        assert (entry["co2e_g"], entry["saved_ore"], entry["waste_g"]) == (216_000, 1_320_000, 51_000)
        assert entry["factor"] == seed_id("kontorsstolar") and entry["factor_version"] == 1
        assert entry["month"] == "2026-03"

    async def test_a_category_without_a_figure_uses_weight_times_material(self, db, ystad, seeded):
        await _book(db, ystad, "bord", quantity=2, weight_g=25_000)
        entry = await ImpactEntry.select().first()
        # 2 × 25 kg × 2 kg CO2e/kg = 100 kg; 2 × 1 500 kr; 50 kg waste
        assert (entry["co2e_g"], entry["saved_ore"], entry["waste_g"]) == (100_000, 300_000, 50_000)
        assert entry["category_slug"] == "bord" and entry["factor"] == seed_id("*")

    async def test_paying_more_than_new_saves_nothing_rather_than_a_negative(self, db, ystad, seeded):
        await _book(db, ystad, "soffor", paid_ore=1_000_000)
        assert (await ImpactEntry.select(ImpactEntry.saved_ore).first())["saved_ore"] == 0

    async def test_the_same_booking_is_booked_once(self, db, ystad, seeded):
        booking = uuid4()
        await _book(db, ystad, "skrivbord", booking=booking)
        await _book(db, ystad, "skrivbord", booking=booking)
        assert await ImpactEntry.count() == 1

    async def test_a_municipality_override_wins_from_its_valid_date(self, db, ystad, seeded):
        await ImpactFactor.insert(ImpactFactor(
            municipality=ystad.id, category_slug="kontorsstolar", version=2, co2e_g=60_000, new_price_ore=400_000,
            typical_weight_g=15_000, valid_from=datetime(2026, 3, 1, tzinfo=UTC), created_at=WHEN,
        ))
        await _book(db, ystad, "kontorsstolar", when=datetime(2026, 2, 1, tzinfo=UTC))
        await _book(db, ystad, "kontorsstolar")
        rows = await ImpactEntry.select().order_by(ImpactEntry.completed_at)
        assert [(r["co2e_g"], r["factor_version"]) for r in rows] == [(72_000, 1), (60_000, 2)]

    async def test_another_municipalitys_override_is_not_used(self, db, ystad, skurup, seeded):
        await ImpactFactor.insert(ImpactFactor(
            municipality=skurup.id, category_slug="kontorsstolar", version=2, co2e_g=1_000, new_price_ore=0,
            valid_from=datetime(2025, 1, 1, tzinfo=UTC), created_at=WHEN,
        ))
        await _book(db, ystad, "kontorsstolar")
        assert (await ImpactEntry.select(ImpactEntry.co2e_g).first())["co2e_g"] == 72_000


class TestEstimate:
    async def test_an_estimate_uses_the_ledger_s_factor_and_books_nothing(self, db, ystad, seeded):
        async with db.read():
            co2e, saved, waste, factor = await estimate(ystad.id, category_id("kontorsstolar"), quantity=2,
                                                        weight_g=None, at=WHEN)
        # 2 × 72 kg; 2 × 4 500 kr new, nothing paid; 2 × 17 kg typical weight
        assert (co2e, saved, waste, factor["id"]) == (144_000, 900_000, 34_000, seed_id("kontorsstolar"))
        assert await ImpactEntry.count() == 0

    async def test_an_estimate_without_a_category_falls_back_to_weight(self, db, ystad, seeded):
        async with db.read():
            co2e, _, waste, factor = await estimate(ystad.id, None, quantity=1, weight_g=30_000, at=WHEN)
        assert (co2e, waste, factor["id"]) == (60_000, 30_000, seed_id("*"))
