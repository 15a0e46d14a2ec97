"""Money hooks: approvals of rentals and sales create immutable charges between cost centres."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from backend.bookings.charges import rent_units
from backend.bookings.tables import Charge
from backend.vocabulary import STOCKHOLM
from tests.backend.bookings.helpers import days, make_listing, make_window, today

pytestmark = pytest.mark.anyio


class TestRentUnits:
    @pytest.mark.parametrize(("length", "period", "units"), [(1, "day", 1), (8, "week", 2), (7, "week", 1),
                                                             (31, "month", 2), (3, "", 3)])
    def test_started_periods_are_charged(self, length, period, units):
        start = date(2027, 1, 1)
        assert rent_units(start, date.fromordinal(start.toordinal() + length), period) == units


class TestCharges:
    async def test_approved_rental_charges_the_requesting_unit(self, as_requester, as_owner, ystad, world):
        listing, _ = await make_listing(ystad, deal="rent", price_ore=20000, rent_period="week")
        booking = (await as_requester.post("/api/bookings", json={"listing_id": str(listing), "start": days(1),
                                                                  "end": days(9)})).json()
        assert await Charge.count() == 0
        await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
        charges = (await as_owner.get(f"/api/bookings/{booking['id']}/charges")).json()
        assert [(c["kind"], c["amount_ore"]) for c in charges] == [("rent", 40000)]
        assert charges[0]["payer_unit"]["id"] == str(world.requester.ame_unit)
        assert charges[0]["payee_unit"]["id"] == str(ystad.ame_unit)
        row = await Charge.select().first()
        assert (row["payer_municipality"], row["payee_municipality"]) == (world.requester.id, ystad.id)

    async def test_a_charge_names_the_thing_and_how_long_in_swedish(self, as_requester, as_owner, ystad, world):
        listing, _ = await make_listing(ystad, deal="rent", price_ore=20000, rent_period="week", title="Projektor")
        booking = (await as_requester.post("/api/bookings", json={"listing_id": str(listing), "start": days(1),
                                                                  "end": days(9)})).json()
        await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
        await as_requester.post(f"/api/bookings/{booking['id']}/cancel", json={"reason": "Behövs inte"})
        charges = (await as_owner.get(f"/api/bookings/{booking['id']}/charges")).json()
        assert [c["description"] for c in charges] == ["Hyra: Projektor, 2 veckor", "Återföring, avbokad: Projektor"]

    async def test_a_service_rented_per_hour_charges_the_hours_of_its_window(self, as_requester, as_owner, ystad,
                                                                              world):
        listing, _ = await make_listing(ystad, kind="service", deal="rent", price_ore=45000, rent_period="hour",
                                        items=0)
        starts = datetime.combine(today() + timedelta(days=2), time(8), STOCKHOLM)
        window = await make_window(ystad, listing, starts, hours=4, capacity=2)
        booking = (await as_requester.post("/api/bookings", json={"listing_id": str(listing),
                                                                  "window_id": str(window)})).json()
        await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
        charges = (await as_owner.get(f"/api/bookings/{booking['id']}/charges")).json()
        assert [(c["kind"], c["amount_ore"]) for c in charges] == [("rent", 4 * 45000)]

    async def test_sale_charges_price_times_quantity(self, as_requester, as_owner, ystad, world):
        listing, _ = await make_listing(ystad, deal="sell", price_ore=15000, items=3)
        booking = (await as_requester.post("/api/bookings", json={"listing_id": str(listing), "quantity": 2})).json()
        await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
        assert await Charge.select(Charge.kind, Charge.amount_ore) == [{"kind": "sale", "amount_ore": 30000}]

    async def test_free_loan_creates_no_charge(self, as_requester, as_owner, world):
        booking = (await as_requester.post("/api/bookings", json={"listing_id": str(world.listing), "start": days(1),
                                                                  "end": days(3)})).json()
        await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
        assert await Charge.count() == 0

    async def test_declined_request_creates_no_charge(self, as_requester, as_owner, ystad, world):
        listing, _ = await make_listing(ystad, deal="sell", price_ore=100)
        booking = (await as_requester.post("/api/bookings", json={"listing_id": str(listing)})).json()
        await as_owner.post(f"/api/bookings/{booking['id']}/decline", json={"reason": "Nej"})
        assert await Charge.count() == 0
