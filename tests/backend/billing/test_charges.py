"""Charges from bookings become invoice lines once, traceable to the booking; late ones are corrections."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID, uuid4

import pytest

from backend import clock
from backend.billing.tables import InvoiceLine
from backend.bookings.tables import Booking, Charge
from backend.catalog.tables import Listing
from tests.backend.billing.conftest import MONTH

pytestmark = pytest.mark.anyio
JUNE = datetime(2025, 6, 12, 10, tzinfo=UTC)


async def _booking(owner, requester) -> UUID:
    listing_id, booking_id, now = uuid4(), uuid4(), clock.now()
    await Listing.insert(Listing(id=listing_id, municipality=owner.id, owner_unit=owner.ame_unit, kind="furniture",
                                 deal="rent", title="Konferensbord", status="published", created_at=now,
                                 updated_at=now))
    await Booking.insert(Booking(id=booking_id, listing=listing_id, deal="rent", status="completed",
                                 requester=requester.employee, requester_unit=requester.admin_unit,
                                 requester_municipality=requester.id, owner_unit=owner.ame_unit,
                                 owner_municipality=owner.id, quantity=1, period_start=date(2025, 6, 1),
                                 created_at=now, updated_at=now))
    return booking_id


async def _charge(booking: UUID, payee, payer, amount_ore: int, at: datetime) -> UUID:
    charge_id = uuid4()
    await Charge.insert(Charge(id=charge_id, booking=booking, kind="rent", payer_unit=payer.admin_unit,
                               payee_unit=payee.ame_unit, payer_municipality=payer.id, payee_municipality=payee.id,
                               amount_ore=amount_ore, quantity=1, period_start=date(2025, 6, 1),
                               period_end=date(2025, 6, 14), description="Hyra av konferensbord", created_at=at))
    return charge_id


class TestChargesBecomeLines:
    async def test_a_charge_becomes_a_line_that_names_its_booking(self, coordinator, ystad, skurup):
        booking = await _booking(ystad, skurup)
        await _charge(booking, ystad, skurup, 60_000, JUNE)
        lines = (await coordinator.get(f"/api/billing/periods/{MONTH}")).json()["lines"]
        assert [(line["booking_id"], line["amount_ore"], line["payer_municipality"]) for line in lines] == [
            (str(booking), 60_000, "Skurup")]
        await coordinator.post(f"/api/billing/periods/{MONTH}/export")
        csv = (await coordinator.get(f"/api/billing/periods/{MONTH}/basis.csv")).content.decode("utf-8-sig")
        assert f";{booking};" in csv and ";600,00;" in csv

    async def test_a_charge_is_copied_once(self, coordinator, ystad, skurup):
        await _charge(await _booking(ystad, skurup), ystad, skurup, 60_000, JUNE)
        await coordinator.get("/api/billing/periods")
        await coordinator.get("/api/billing/periods")
        assert await InvoiceLine.count() == 1

    async def test_a_charge_payable_to_another_municipality_is_not_ours(self, coordinator, ystad, skurup):
        await _charge(await _booking(skurup, ystad), skurup, ystad, 60_000, JUNE)
        # Only the running month, empty: the other municipality's charge made no line here.
        assert [p["line_count"] for p in (await coordinator.get("/api/billing/periods")).json()] == [0]

    async def test_a_late_cancellation_of_a_locked_month_is_a_correction_in_the_next(self, coordinator, ystad, skurup):
        booking = await _booking(ystad, skurup)
        await _charge(booking, ystad, skurup, 60_000, JUNE)
        await coordinator.post(f"/api/billing/periods/{MONTH}/export")
        before = (await coordinator.get(f"/api/billing/periods/{MONTH}/basis.csv")).content
        await _charge(booking, ystad, skurup, -60_000, JUNE)  # the reversal is dated in the locked month
        july = (await coordinator.get("/api/billing/periods/2025-07")).json()["lines"]
        assert [(line["amount_ore"], line["correction"], line["booking_id"]) for line in july] == [
            (-60_000, True, str(booking))]
        assert (await coordinator.get(f"/api/billing/periods/{MONTH}/basis.csv")).content == before
        assert (await coordinator.post(f"/api/billing/periods/{MONTH}/export")).status_code == 200
