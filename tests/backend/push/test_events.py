"""Events of other contexts that reach phones: each through the real API, read back decrypted."""

from __future__ import annotations

import pytest

from tests.backend.bookings.helpers import days, make_listing
from tests.backend.push.conftest import add_device
from tests.factories import login, make_network, make_unit, make_user

pytestmark = pytest.mark.anyio


class TestWantMatched:
    async def test_publishing_a_listing_tells_the_wanter(self, client, new_client, ystad, emulator, worker):
        seeker = await new_client()
        unit = await make_unit(ystad.id, "Förskolan Solen")
        await make_user(ystad.id, unit, "letare@ystad.test")
        await login(seeker, "letare@ystad.test")
        device = await add_device(seeker, emulator)
        assert (await seeker.post("/api/wants", json={"text": "kontorsstolar"})).status_code == 201
        await login(client, ystad.employee_email)
        listing = (await client.post("/api/listings", json={"kind": "furniture", "deal": "give",
                                                            "title": "Tio kontorsstolar med hjul"})).json()
        published = await client.post(f"/api/listings/{listing['id']}/status",
                                      json={"status": "published", "version": listing["version"]})
        assert published.status_code == 200, published.text
        assert (await worker.run_until_idle())["sent"] == 1
        [payload] = device.payloads()
        assert payload["kind"] == "want_matched" and payload["url"] == f"/annons/{listing['id']}"
        assert "Tio kontorsstolar med hjul" in payload["body"]
        [entry] = (await seeker.get("/api/notifications")).json()["items"]
        assert entry["title"] == payload["title"]

    async def test_a_listing_nobody_wants_sends_nothing(self, client, ystad, emulator, worker):
        await login(client, ystad.employee_email)
        await add_device(client, emulator)
        listing = (await client.post("/api/listings", json={"kind": "furniture", "deal": "give",
                                                            "title": "Soffa"})).json()
        await client.post(f"/api/listings/{listing['id']}/status",
                          json={"status": "published", "version": listing["version"]})
        assert await worker.run_until_idle() == {}


class TestBookings:
    async def test_an_approved_request_reaches_the_requesters_phone(self, client, new_client, ystad, skurup, emulator,
                                                                     worker):
        await make_network("Sydkust", ystad.id, skurup.id)
        listing, _ = await make_listing(ystad, title="Projektor")
        owner = await new_client()
        await login(owner, ystad.employee_email)
        owner_phone = await add_device(owner, emulator)
        await login(client, skurup.employee_email)
        phone = await add_device(client, emulator)
        requested = await client.post("/api/bookings", json={"listing_id": str(listing), "start": days(3),
                                                             "end": days(5)})
        assert requested.status_code == 201, requested.text
        await worker.run_until_idle()
        assert [p["kind"] for p in owner_phone.payloads()] == ["booking_requested"]
        approved = await owner.post(f"/api/bookings/{requested.json()['id']}/approve", json={})
        assert approved.status_code == 200, approved.text
        await worker.run_until_idle()
        [payload] = phone.payloads()
        assert payload["kind"] == "booking_approved" and "Projektor" in payload["body"]
        assert payload["tag"] == f"booking-{requested.json()['id']}"
        assert payload["url"] == owner_phone.payloads()[0]["url"] == f"/bokningar/{requested.json()['id']}"
