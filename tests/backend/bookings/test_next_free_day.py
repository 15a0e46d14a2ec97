"""Search cards count the bookings: a loan that is out today says from which day it is free again."""

from __future__ import annotations

import pytest

from tests.backend.bookings.helpers import days, make_listing
from tests.factories import login

pytestmark = pytest.mark.anyio


async def card(client, listing) -> dict:
    found = (await client.get("/api/listings", params={"per_page": 100})).json()["results"]
    return next(c for c in found if c["id"] == str(listing))


async def booked(requester, owner, listing, start: int, end: int, approve: bool = True) -> dict:
    made = await requester.post("/api/bookings", json={"listing_id": str(listing), "start": days(start),
                                                       "end": days(end)})
    assert made.status_code == 201, made.text
    if approve:
        answer = await owner.post(f"/api/bookings/{made.json()['id']}/approve", json={})
        assert answer.status_code == 200, answer.text
    return made.json()


class TestNextFreeDay:
    async def test_a_free_loan_has_no_day(self, as_requester, world):
        assert (await card(as_requester, world.listing))["free_from"] is None

    async def test_a_loan_out_today_is_free_on_its_return_day(self, as_requester, as_owner, world):
        await booked(as_requester, as_owner, world.listing, 0, 4)
        assert (await card(as_requester, world.listing))["free_from"] == days(4)

    async def test_back_to_back_bookings_push_the_day_to_the_last_return(self, as_requester, as_owner, world):
        await booked(as_requester, as_owner, world.listing, 0, 3)
        await booked(as_requester, as_owner, world.listing, 3, 6)
        assert (await card(as_requester, world.listing))["free_from"] == days(6)

    async def test_a_booking_later_on_leaves_the_loan_free_now(self, as_requester, as_owner, world):
        await booked(as_requester, as_owner, world.listing, 2, 5)
        assert (await card(as_requester, world.listing))["free_from"] is None

    async def test_a_request_not_yet_approved_leaves_the_loan_free_now(self, as_requester, as_owner, world):
        await booked(as_requester, as_owner, world.listing, 0, 4, approve=False)
        assert (await card(as_requester, world.listing))["free_from"] is None

    async def test_one_item_free_of_two_is_free_now(self, as_requester, as_owner, new_client, ystad, world):
        listing, _ = await make_listing(ystad, items=2, title="Stol två")
        await booked(as_requester, as_owner, listing, 0, 4)
        assert (await card(as_requester, listing))["free_from"] is None
        colleague = await new_client()
        await login(colleague, world.requester.admin_email)
        await booked(colleague, as_owner, listing, 0, 2)
        assert (await card(as_requester, listing))["free_from"] == days(2)
