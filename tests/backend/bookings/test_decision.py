"""What the owner side sees to decide on a request (price, transport fee, photo) and one way to say no."""

from __future__ import annotations

from uuid import uuid4

import pytest

from backend import clock
from backend.catalog.tables import Photo
from tests.backend.bookings.helpers import make_listing
from tests.backend.bookings.test_transitions import request, step
from tests.factories import login

pytestmark = pytest.mark.anyio


@pytest.fixture
async def as_coordinator(new_client, world):
    coordinator = await new_client()
    await login(coordinator, world.coordinator_email)
    return coordinator


async def set_fee(client, world, fee_ore: int) -> None:
    response = await client.put("/api/transport-tariff", json={"fee_ore": fee_ore,
                                                               "payee_unit_id": str(world.approver.ame_unit)})
    assert response.status_code == 200, response.text


class TestQuote:
    async def test_a_delivered_rental_is_quoted_with_its_price_and_both_trips(
            self, as_requester, as_coordinator, world):
        listing, _ = await make_listing(world.approver, deal="rent", price_ore=10_000, rent_period="day")
        await set_fee(as_coordinator, world, 25_000)
        booking = await request(as_requester, listing, start=3, end=6, delivery_address="Skolgatan 3, Skurup")
        queued = (await as_coordinator.get("/api/bookings?view=queue&status=open")).json()
        quote = next(b for b in queued if b["id"] == booking["id"])["quote"]
        assert quote == {"price_ore": 30_000, "transport_ore": 50_000, "trips": 2, "photo_url": None}
        alone = (await as_coordinator.get(f"/api/bookings/{booking['id']}")).json()["quote"]
        assert alone == quote

    async def test_a_pickup_costs_no_transport_and_shows_the_first_photo(self, as_requester, as_coordinator, world):
        await set_fee(as_coordinator, world, 25_000)
        photo = uuid4()
        await Photo.insert(Photo(id=photo, municipality=world.approver.id, listing=world.listing, position=0,
                                 display_key="d", thumb_key="t", created_at=clock.now()))
        booking = await request(as_requester, world.listing)
        quote = (await as_coordinator.get(f"/api/bookings/{booking['id']}")).json()["quote"]
        assert quote == {"price_ore": 0, "transport_ore": 0, "trips": 0, "photo_url": f"/api/photos/{photo}/thumb"}

    async def test_an_empty_queue_is_an_empty_list(self, as_coordinator, world):
        response = await as_coordinator.get("/api/bookings?view=queue&status=open")
        assert response.status_code == 200 and response.json() == []

    async def test_the_requesters_own_list_carries_no_quote(self, as_requester, world):
        await request(as_requester, world.listing)
        assert [b["quote"] for b in (await as_requester.get("/api/bookings?view=mine")).json()] == [None]

    async def test_the_requester_reads_their_booking_without_a_quote(self, as_requester, world):
        booking = await request(as_requester, world.listing)
        assert (await as_requester.get(f"/api/bookings/{booking['id']}")).json()["quote"] is None


class TestSayingNo:
    async def test_the_owner_side_is_offered_decline_not_cancel(self, as_requester, as_coordinator, world):
        booking = await request(as_requester, world.listing)
        actions = (await as_coordinator.get(f"/api/bookings/{booking['id']}")).json()["actions"]
        assert actions == ["approve", "decline"]
        assert (await as_requester.get(f"/api/bookings/{booking['id']}")).json()["actions"] == ["cancel"]

    async def test_an_approved_booking_is_cancelled_not_declined(self, as_requester, as_coordinator, world):
        booking = await request(as_requester, world.listing)
        approved = (await step(as_coordinator, booking, "approve")).json()
        assert "cancel" in approved["actions"] and "decline" not in approved["actions"]

    @pytest.mark.parametrize("reason", ["", "   "])
    async def test_a_decline_without_a_reason_is_refused_and_says_why(self, as_requester, as_coordinator, world,
                                                                      reason):
        booking = await request(as_requester, world.listing)
        response = await step(as_coordinator, booking, "decline", reason=reason)
        assert response.status_code == 400 and "reason" in response.json()["detail"]
        assert (await as_coordinator.get(f"/api/bookings/{booking['id']}")).json()["status"] == "requested"

