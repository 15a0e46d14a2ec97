"""Every step of a booking, who may take it, and what it leaves behind."""

from __future__ import annotations

from uuid import UUID

import pytest

from backend.bookings.tables import BookingEvent, BookingItem, Charge
from backend.push.tables import Notification
from backend.transport.tables import TransportJob
from tests.backend.bookings.helpers import days, make_listing
from tests.factories import login

pytestmark = pytest.mark.anyio


async def request(client, listing, start=3, end=6, **extra):
    response = await client.post("/api/bookings", json={"listing_id": str(listing), "start": days(start),
                                                        "end": days(end), **extra})
    assert response.status_code == 201, response.text
    return response.json()


async def step(client, booking, action, **body):
    return await client.post(f"/api/bookings/{booking['id']}/{action}", json=body)


class TestApprove:
    async def test_owner_unit_approves_and_the_requester_is_told(self, as_requester, as_owner, world):
        booking = await request(as_requester, world.listing)
        response = await step(as_owner, booking, "approve")
        assert response.status_code == 200 and response.json()["status"] == "approved"
        assert response.json()["events"][-1]["actor"]["name"] == "Anna"
        kinds = await Notification.select(Notification.kind).where(Notification.user == booking["requester"]["id"])
        assert {"kind": "booking_approved"} in kinds

    async def test_request_tells_the_owner_side(self, as_requester, world):
        await request(as_requester, world.listing)
        rows = await Notification.select(Notification.user).where(Notification.kind == "booking_requested")
        users = {r["user"] for r in rows}
        assert world.approver.employee in users and world.requester.employee not in users

    async def test_double_approve_is_idempotent(self, as_requester, as_owner, world):
        booking = await request(as_requester, world.listing, delivery_address="Skolgatan 3, Skurup")
        first, second = await step(as_owner, booking, "approve"), await step(as_owner, booking, "approve")
        assert (first.status_code, second.status_code) == (200, 200)
        assert second.json()["version"] == first.json()["version"]
        assert await BookingEvent.count().where(BookingEvent.action == "approve") == 1
        # One delivery, and for the loan one return trip: no more for the second approval.
        assert await TransportJob.count().where(TransportJob.leg == "delivery") == 1
        assert await TransportJob.count().where(TransportJob.leg == "return") == 1

    async def test_requester_cannot_approve_their_own_request(self, as_requester, world):
        booking = await request(as_requester, world.listing)
        response = await step(as_requester, booking, "approve")
        assert response.status_code == 403 and response.json()["error"] == "forbidden"

    async def test_someone_outside_the_owning_unit_cannot_approve(self, as_requester, new_client, world):
        booking = await request(as_requester, world.listing)
        other = await new_client()
        await login(other, world.approver.admin_email)
        assert (await step(other, booking, "approve")).status_code == 403

    async def test_coordinator_of_the_owner_municipality_approves(self, as_requester, new_client, world):
        booking = await request(as_requester, world.listing)
        coordinator = await new_client()
        await login(coordinator, world.coordinator_email)
        assert (await step(coordinator, booking, "approve")).json()["status"] == "approved"

    async def test_approving_a_declined_booking_is_a_conflict(self, as_requester, as_owner, world):
        booking = await request(as_requester, world.listing)
        assert (await step(as_owner, booking, "decline", reason="Behövs själva")).status_code == 200
        response = await step(as_owner, booking, "approve")
        assert response.status_code == 409 and response.json()["error"] == "wrong_status"

    async def test_internal_give_is_approved_by_policy(self, client, ystad, world):
        admin_listing, _ = await make_listing(ystad, deal="give")
        await login(client, ystad.admin_email)
        policy = await client.put(f"/api/booking-policies/{ystad.ame_unit}", json={"internal_deals": ["give"]})
        assert policy.status_code == 200, policy.text
        response = await client.post("/api/bookings", json={"listing_id": str(admin_listing)})
        assert response.json()["status"] == "approved"
        assert response.json()["events"][-1]["action"] == "auto_approve"


class TestDeclineAndCancel:
    async def test_decline_needs_a_reason_and_frees_the_item(self, as_requester, as_owner, world):
        booking = await request(as_requester, world.listing)
        assert (await step(as_owner, booking, "decline")).status_code == 400
        response = await step(as_owner, booking, "decline", reason="Trasig")
        assert response.json()["status"] == "declined" and response.json()["events"][-1]["reason"] == "Trasig"
        assert await BookingItem.count().where(BookingItem.holds.eq(True)) == 0
        assert (await as_requester.post("/api/bookings", json={"listing_id": str(world.listing), "start": days(3),
                                                               "end": days(6)})).status_code == 201

    async def test_requester_cancels_an_approved_rental_and_the_charge_is_reversed(self, as_requester, as_owner,
                                                                                    ystad, world):
        listing, _ = await make_listing(ystad, deal="rent", price_ore=5000, rent_period="day")
        booking = await request(as_requester, listing, 3, 6, delivery_address="Skolgatan 3")
        await step(as_owner, booking, "approve")
        response = await step(as_requester, booking, "cancel", reason="Behövs inte")
        assert response.json()["status"] == "cancelled"
        amounts = await Charge.select(Charge.amount_ore).order_by(Charge.created_at).output(as_list=True)
        assert sorted(amounts) == [-15000, 15000]
        assert (await TransportJob.select(TransportJob.status).first())["status"] == "cancelled"

    async def test_fulfilled_booking_cannot_be_cancelled(self, as_requester, as_owner, world):
        booking = await request(as_requester, world.listing)
        await step(as_owner, booking, "approve")
        await step(as_owner, booking, "fulfil")
        response = await step(as_requester, booking, "cancel", reason="Ångrar")
        assert response.status_code == 409 and "fulfilled" in response.json()["detail"]


class TestLoanLifecycle:
    async def test_loan_goes_fulfilled_returned_completed(self, as_requester, as_owner, world):
        booking = await request(as_requester, world.listing)
        await step(as_owner, booking, "approve")
        fulfilled = await step(as_owner, booking, "fulfil")
        assert fulfilled.json()["next_step"] == "return_by_end"
        assert (await step(as_owner, booking, "complete")).status_code == 409
        assert (await step(as_owner, booking, "return")).json()["status"] == "returned"
        assert await BookingItem.count().where(BookingItem.holds.eq(True)) == 0
        done = await step(as_owner, booking, "complete")
        assert done.json()["status"] == "completed" and done.json()["actions"] == []
        assert [e["to_status"] for e in done.json()["events"]] == [
            "requested", "approved", "fulfilled", "returned", "completed"]

    async def test_give_completes_without_return_and_keeps_the_item(self, as_requester, as_owner, ystad, world):
        listing, _ = await make_listing(ystad, deal="give")
        booking = (await as_requester.post("/api/bookings", json={"listing_id": str(listing)})).json()
        await step(as_owner, booking, "approve")
        await step(as_owner, booking, "fulfil")
        assert (await step(as_owner, booking, "return")).status_code == 409
        assert (await step(as_owner, booking, "complete")).json()["status"] == "completed"
        assert await BookingItem.count().where(BookingItem.holds.eq(True)) == 1

    async def test_requester_cannot_mark_fulfilled(self, as_requester, as_owner, world):
        booking = await request(as_requester, world.listing)
        await step(as_owner, booking, "approve")
        assert (await step(as_requester, booking, "fulfil")).status_code == 403


class TestImpact:
    @pytest.fixture(autouse=True)
    async def factors(self, client):
        """Emptying the tables removed the factors the impact migration seeded."""
        from backend.catalog import categories
        from backend.impact import factors

        await categories.seed()
        await factors.seed()

    async def test_completed_reuse_that_displaced_a_purchase_books_impact(self, as_requester, as_owner, ystad, world):
        from backend.impact.tables import ImpactEntry

        listing, _ = await make_listing(ystad, deal="give")
        booking = (await as_requester.post("/api/bookings", json={"listing_id": str(listing),
                                                                  "displaces_purchase": True})).json()
        for action in ("approve", "fulfil", "complete"):
            await step(as_owner, booking, action)
        entries = await ImpactEntry.select(ImpactEntry.booking_id, ImpactEntry.unit)
        assert entries == [{"booking_id": UUID(booking["id"]), "unit": world.requester.ame_unit}]

    async def test_completed_reuse_without_a_displaced_purchase_books_nothing(self, as_requester, as_owner, ystad,
                                                                               world):
        from backend.impact.tables import ImpactEntry

        listing, _ = await make_listing(ystad, deal="give")
        booking = (await as_requester.post("/api/bookings", json={"listing_id": str(listing)})).json()
        for action in ("approve", "fulfil", "complete"):
            await step(as_owner, booking, action)
        assert await ImpactEntry.count() == 0


class TestApproveMany:
    async def _two_requests(self, as_requester, ystad):
        first, _ = await make_listing(ystad, title="Cykel")
        second, _ = await make_listing(ystad, title="Cykel")
        return [await request(as_requester, first), await request(as_requester, second)]

    async def test_a_coordinator_approves_several_at_once(self, as_requester, new_client, ystad, world):
        bookings = await self._two_requests(as_requester, ystad)
        coordinator = await new_client()
        await login(coordinator, world.coordinator_email)
        response = await coordinator.post("/api/bookings/approve", json={"ids": [b["id"] for b in bookings]})
        assert response.status_code == 200 and response.json()["done"] == 2
        events = await BookingEvent.select(BookingEvent.booking).where(BookingEvent.action == "approve")
        assert {str(e["booking"]) for e in events} == {b["id"] for b in bookings}

    async def test_one_that_cannot_be_approved_stops_them_all_and_is_named(self, as_requester, new_client, ystad,
                                                                           world, as_owner):
        bookings = await self._two_requests(as_requester, ystad)
        await step(as_owner, bookings[1], "decline", reason="Trasig")
        coordinator = await new_client()
        await login(coordinator, world.coordinator_email)
        response = await coordinator.post("/api/bookings/approve", json={"ids": [b["id"] for b in bookings]})
        assert response.status_code == 409 and bookings[1]["id"] in response.json()["detail"]
        assert await BookingEvent.count().where(BookingEvent.action == "approve") == 0

    async def test_another_municipalitys_booking_is_a_404_and_nothing_changes(self, as_requester, new_client, ystad,
                                                                              skurup, world):
        bookings = await self._two_requests(as_requester, ystad)
        other, _ = await make_listing(skurup)
        theirs = await request(as_requester, other)
        coordinator = await new_client()
        await login(coordinator, world.coordinator_email)
        response = await coordinator.post("/api/bookings/approve",
                                          json={"ids": [bookings[0]["id"], theirs["id"]]})
        assert response.status_code == 404 and theirs["id"] in response.json()["detail"]
        assert await BookingEvent.count().where(BookingEvent.action == "approve") == 0

    @pytest.mark.parametrize("ids", [[], ["00000000-0000-4000-8000-000000000001"] * 2,
                                     [str(UUID(int=n + 1)) for n in range(101)]])
    async def test_an_empty_repeated_or_too_long_list_is_a_400(self, new_client, world, ids):
        coordinator = await new_client()
        await login(coordinator, world.coordinator_email)
        assert (await coordinator.post("/api/bookings/approve", json={"ids": ids})).status_code == 400

    async def test_the_requester_cannot_approve_in_bulk(self, as_requester, ystad, world):
        bookings = await self._two_requests(as_requester, ystad)
        response = await as_requester.post("/api/bookings/approve", json={"ids": [bookings[0]["id"]]})
        assert response.status_code == 403 and bookings[0]["id"] in response.json()["detail"]
        assert await BookingEvent.count().where(BookingEvent.action == "approve") == 0
