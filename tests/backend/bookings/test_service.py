"""Requests: every deal, held at once, and every refusal leaves nothing behind."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from uuid import uuid4

import pytest

from backend.bookings.tables import Booking, BookingItem
from backend.vocabulary import STOCKHOLM
from tests.backend.bookings.helpers import days, make_listing, make_window, today
from tests.factories import login

pytestmark = pytest.mark.anyio


def loan(world, start=3, end=6, **extra):
    return {"listing_id": str(world.listing), "start": days(start), "end": days(end), **extra}


async def nothing_written() -> bool:
    return await Booking.count() == 0 and await BookingItem.count() == 0


class TestRequest:
    async def test_loan_request_holds_the_item_and_waits_for_approval(self, as_requester, world):
        response = await as_requester.post("/api/bookings", json=loan(world))
        assert response.status_code == 201, response.text
        body = response.json()
        assert body["status"] == "requested" and body["next_step"] == "await_approval"
        assert body["item_ids"] == [str(world.items[0])]
        assert body["owner_municipality"]["id"] == str(world.approver.id)
        events = (await as_requester.get(f"/api/bookings/{body['id']}")).json()["events"]
        assert [e["action"] for e in events] == ["request"]

    async def test_the_return_day_reads_back_as_entered_and_is_free_from_that_day(self, as_requester, world):
        booking = (await as_requester.post("/api/bookings", json=loan(world, 3, 6))).json()
        read = (await as_requester.get(f"/api/bookings/{booking['id']}")).json()
        assert (read["start"], read["end"]) == (days(3), days(6))
        # The one item comes back on day 6, so a loan from day 6 gets it and one from day 5 does not.
        assert (await as_requester.post("/api/bookings", json=loan(world, 5, 8))).status_code == 409
        assert (await as_requester.post("/api/bookings", json=loan(world, 6, 8))).status_code == 201

    async def test_replayed_request_returns_the_same_booking(self, as_requester, world):
        booking_id = str(uuid4())
        first = await as_requester.post("/api/bookings", json=loan(world, id=booking_id))
        again = await as_requester.post("/api/bookings", json=loan(world, id=booking_id))
        assert (first.status_code, again.status_code) == (201, 200)
        assert again.json()["id"] == booking_id and await Booking.count() == 1

    async def test_give_takes_a_quantity_and_has_no_end(self, as_requester, ystad, world):
        listing, _ = await make_listing(ystad, deal="give", items=3)
        response = await as_requester.post("/api/bookings", json={"listing_id": str(listing), "quantity": 2})
        assert response.status_code == 201, response.text
        assert response.json()["end"] is None and len(response.json()["item_ids"]) == 2
        assert response.json()["start"] == today().isoformat()

    async def test_service_window_takes_seats(self, as_requester, ystad, world):
        listing, _ = await make_listing(ystad, kind="service", deal="lend", items=0)
        starts = datetime.combine(today() + timedelta(days=2), time(9), STOCKHOLM)
        window = await make_window(ystad, listing, starts, capacity=2)
        body = {"listing_id": str(listing), "window_id": str(window), "quantity": 2}
        response = await as_requester.post("/api/bookings", json=body)
        assert response.status_code == 201, response.text
        assert response.json()["window"]["id"] == str(window)

    async def test_service_window_past_capacity_is_refused(self, as_requester, ystad, world):
        listing, _ = await make_listing(ystad, kind="staffing", deal="lend", items=0)
        window = await make_window(ystad, listing, datetime.combine(today() + timedelta(days=2), time(9), STOCKHOLM),
                                   capacity=1)
        body = {"listing_id": str(listing), "window_id": str(window)}
        assert (await as_requester.post("/api/bookings", json=body)).status_code == 201
        response = await as_requester.post("/api/bookings", json=body)
        assert response.status_code == 409 and response.json()["error"] == "window_full"
        assert await Booking.count() == 1

    async def test_second_overlapping_booking_is_refused(self, as_requester, new_client, world):
        assert (await as_requester.post("/api/bookings", json=loan(world, 3, 6))).status_code == 201
        other = await new_client()
        await login(other, world.approver.admin_email)
        response = await other.post("/api/bookings", json=loan(world, 5, 8))
        assert response.status_code == 409 and response.json()["error"] == "not_available"
        assert "overlapping" in response.json()["detail"]

    async def test_back_to_back_periods_do_not_overlap(self, as_requester, new_client, world):
        assert (await as_requester.post("/api/bookings", json=loan(world, 3, 6))).status_code == 201
        other = await new_client()
        await login(other, world.approver.admin_email)
        assert (await other.post("/api/bookings", json=loan(world, 6, 9))).status_code == 201

    async def test_overlapping_your_own_booking_is_refused(self, as_requester, ystad, world):
        listing, _ = await make_listing(ystad, items=2)
        body = {"listing_id": str(listing), "start": days(3), "end": days(6)}
        assert (await as_requester.post("/api/bookings", json=body)).status_code == 201
        response = await as_requester.post("/api/bookings", json={**body, "start": days(4)})
        assert response.status_code == 409 and response.json()["error"] == "own_overlap"


class TestDeliveryDetails:
    @pytest.mark.parametrize(("extra", "error"), [
        ({"recipient_name": "Robin"}, "address_required"),
        ({"delivery_room": "Rum 2", "delivery_window": "08-12"}, "address_required"),
        ({"delivery_address": "Skolgatan 3", "wanted_date": days(2)}, "delivery_before_start"),
        ({"delivery_address": "Skolgatan 3", "wanted_date": days(6)}, "delivery_after_end"),
        ({"delivery_address": "Skolgatan 3", "recipient_phone": "ring mig"}, "invalid_request"),
        ({"delivery_address": "Skolgatan 3", "delivery_window": "07-09"}, "invalid_request"),
        ({"delivery_address": "Skolgatan 3", "recipient_name": "x" * 101}, "invalid_request"),
    ])
    async def test_wrong_delivery_details_are_refused_and_nothing_is_written(self, as_requester, world, extra, error):
        response = await as_requester.post("/api/bookings", json=loan(world, 3, 6, **extra))
        assert response.status_code == 400, response.text
        assert response.json()["error"] == error
        assert await nothing_written()

    async def test_delivery_details_read_back_as_entered(self, as_requester, world):
        booking = (await as_requester.post("/api/bookings", json=loan(
            world, 3, 6, delivery_address=" Skolgatan 3 ", wanted_date=days(5), delivery_window="12-16",
            recipient_name=" Robin Lånar ", recipient_phone="+46 411 55 50 00", delivery_room="Hus B"))).json()
        read = (await as_requester.get(f"/api/bookings/{booking['id']}")).json()
        assert (read["delivery_address"], read["wanted_date"], read["delivery_window"], read["recipient_name"],
                read["recipient_phone"], read["delivery_room"]) == (
            "Skolgatan 3", days(5), "12-16", "Robin Lånar", "+46 411 55 50 00", "Hus B")


class TestRefusals:
    @pytest.mark.parametrize(("start", "end", "error"), [
        (5, 3, "end_before_start"), (5, 5, "end_before_start"), (-2, 3, "in_the_past"), (1, 400, "too_long"),
    ])
    async def test_bad_period_is_refused_and_nothing_is_written(self, as_requester, world, start, end, error):
        response = await as_requester.post("/api/bookings", json=loan(world, start, end))
        assert response.status_code == 400 and response.json()["error"] == error
        assert await nothing_written()

    async def test_loan_without_dates_is_refused(self, as_requester, world):
        response = await as_requester.post("/api/bookings", json={"listing_id": str(world.listing)})
        assert response.status_code == 400 and response.json()["error"] == "period_required"

    async def test_listing_not_visible_to_you_is_not_found(self, as_requester, ystad, world):
        listing, _ = await make_listing(ystad, visibility="municipality")
        response = await as_requester.post("/api/bookings", json={**loan(world), "listing_id": str(listing)})
        assert response.status_code == 404 and await nothing_written()

    async def test_draft_listing_is_not_found(self, as_requester, ystad, world):
        listing, _ = await make_listing(ystad, status="draft")
        response = await as_requester.post("/api/bookings", json={**loan(world), "listing_id": str(listing)})
        assert response.status_code == 404

    async def test_control_characters_in_the_note_are_refused(self, as_requester, world):
        response = await as_requester.post("/api/bookings", json=loan(world, note="a\x00b"))
        assert response.status_code == 400 and await nothing_written()

    async def test_someone_elses_booking_is_not_found(self, as_requester, new_client, world, skurup):
        booking = (await as_requester.post("/api/bookings", json=loan(world))).json()
        from tests.factories import make_user

        await make_user(skurup.id, skurup.admin_unit, "annan@skurup.test", "employee")
        other = await new_client()
        await login(other, "annan@skurup.test")
        assert (await other.get(f"/api/bookings/{booking['id']}")).status_code == 404

    async def test_your_own_units_draft_is_not_open_for_booking(self, as_owner, ystad, world):
        listing, _ = await make_listing(ystad, status="draft")
        response = await as_owner.post("/api/bookings", json={**loan(world), "listing_id": str(listing)})
        assert response.status_code == 409 and response.json()["error"] == "not_bookable"
        assert await nothing_written()


class TestPurchaseCheckLink:
    async def check(self, client) -> dict:
        made = await client.post("/api/purchase-checks", json={"need": "Projektor till aulan",
                                                               "search_query": "projektor"})
        assert made.status_code == 201, made.text
        return made.json()

    async def test_a_booking_made_from_a_check_decides_it_as_reused(self, as_requester, world):
        check = await self.check(as_requester)
        assert check["decision"] == "" and check["booking_id"] is None
        booking = await as_requester.post("/api/bookings", json=loan(world, purchase_check_id=check["id"]))
        assert booking.status_code == 201, booking.text
        assert booking.json()["displaces_purchase"] is True
        [after] = [c for c in (await as_requester.get("/api/purchase-checks")).json() if c["id"] == check["id"]]
        assert (after["decision"], after["booking_id"], after["listing_id"]) == (
            "reused", booking.json()["id"], str(world.listing))

    async def test_a_decided_check_is_refused_and_nothing_is_booked(self, as_requester, world):
        check = await self.check(as_requester)
        decided = await as_requester.patch(f"/api/purchase-checks/{check['id']}", json={
            "decision": "bought_new", "reason": "Behövdes samma dag", "version": check["version"]})
        assert decided.status_code == 200, decided.text
        refused = await as_requester.post("/api/bookings", json=loan(world, purchase_check_id=check["id"]))
        assert refused.status_code == 409 and refused.json()["error"] == "already_decided"
        assert await nothing_written()

    async def test_another_units_check_cannot_be_claimed(self, as_requester, as_owner, world):
        check = await self.check(as_owner)
        refused = await as_requester.post("/api/bookings", json=loan(world, purchase_check_id=check["id"]))
        assert refused.status_code == 404 and await nothing_written()
