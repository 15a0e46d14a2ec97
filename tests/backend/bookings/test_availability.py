"""Availability before asking: free periods per item, free items per day, seats per window."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

import pytest

from backend.bookings.availability import free_per_day, free_periods
from backend.vocabulary import STOCKHOLM
from tests.backend.bookings.helpers import days, make_listing, make_window, today

pytestmark = pytest.mark.anyio
D = date(2027, 3, 1)


def d(n: int) -> date:
    return D + timedelta(days=n)


class TestFreePeriods:
    def test_gaps_between_busy_ranges(self):
        assert free_periods([(d(2), d(4)), (d(6), d(7))], d(0), d(10)) == [(d(0), d(2)), (d(4), d(6)), (d(7), d(10))]

    def test_open_ended_busy_range_leaves_nothing_after_it(self):
        assert free_periods([(d(3), None)], d(0), d(10)) == [(d(0), d(3))]

    def test_busy_range_starting_before_the_window(self):
        assert free_periods([(d(-5), d(2))], d(0), d(5)) == [(d(2), d(5))]

    def test_free_items_per_day_counts_each_item_once(self):
        items = [{"busy": [(d(1), d(3)), (d(2), d(4))]}, {"busy": []}]
        assert [n for _, n in free_per_day(items, d(0), d(5))] == [2, 1, 1, 1, 2]


class TestAvailabilityEndpoint:
    async def test_booked_period_shows_as_busy_for_everyone(self, as_requester, as_owner, world):
        await as_requester.post("/api/bookings", json={"listing_id": str(world.listing), "start": days(3),
                                                       "end": days(6)})
        response = await as_owner.get(f"/api/listings/{world.listing}/availability",
                                      params={"start": days(0), "end": days(10)})
        assert response.status_code == 200, response.text
        item = response.json()["items"][0]
        assert item["busy"] == [{"start": days(3), "end": days(6)}]
        assert item["free"] == [{"start": days(0), "end": days(3)}, {"start": days(6), "end": days(10)}]
        assert [day["free"] for day in response.json()["days"]][2:7] == [1, 0, 0, 0, 1]

    async def test_window_shows_remaining_seats(self, as_requester, ystad, world):
        listing, _ = await make_listing(ystad, kind="service", items=0)
        window = await make_window(ystad, listing, datetime.combine(today() + timedelta(days=1), time(9), STOCKHOLM),
                                   capacity=3)
        await as_requester.post("/api/bookings", json={"listing_id": str(listing), "window_id": str(window),
                                                       "quantity": 2})
        response = await as_requester.get(f"/api/listings/{listing}/availability")
        assert [(w["capacity"], w["remaining"]) for w in response.json()["windows"]] == [(3, 1)]

    async def test_availability_of_an_invisible_listing_is_not_found(self, as_requester, ystad, world):
        listing, _ = await make_listing(ystad, visibility="unit")
        assert (await as_requester.get(f"/api/listings/{listing}/availability")).status_code == 404

    async def test_backwards_range_is_refused(self, as_requester, world):
        response = await as_requester.get(f"/api/listings/{world.listing}/availability",
                                          params={"start": days(5), "end": days(1)})
        assert response.status_code == 400 and response.json()["error"] == "end_before_start"
