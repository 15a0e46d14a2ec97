"""Events of other contexts that reach phones: each through the real API, read back decrypted."""

from __future__ import annotations

from datetime import date

import pytest

from backend.messages import day_text
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


class TestLanguage:
    """Each reader gets the whole text in the language kept on their account, on the phone and in the list."""

    async def approved_loan(self, client, new_client, ystad, skurup, emulator, language: str | None):
        await make_network("Sydkust", ystad.id, skurup.id)
        listing, _ = await make_listing(ystad, title="Partytält 4 × 8 m")
        owner = await new_client()
        await login(owner, ystad.employee_email)
        await login(client, skurup.employee_email)
        if language:
            changed = await client.put("/api/session/language", json={"language": language})
            assert changed.status_code == 200 and changed.json()["language"] == language
        phone = await add_device(client, emulator)
        booking = (await client.post("/api/bookings", json={"listing_id": str(listing), "start": days(3),
                                                            "end": days(6)})).json()
        assert (await owner.post(f"/api/bookings/{booking['id']}/approve", json={})).status_code == 200
        return phone

    async def test_an_english_reader_gets_the_approval_in_english(self, client, new_client, ystad, skurup, emulator,
                                                                   worker):
        phone = await self.approved_loan(client, new_client, ystad, skurup, emulator, "en")
        await worker.run_until_idle()
        [payload] = phone.payloads()
        first, returned = (day_text(date.fromisoformat(days(n)), "en") for n in (3, 6))
        assert payload["title"] == "Your booking is approved"
        assert payload["body"] == f"Partytält 4 × 8 m, {first}, returned {returned}."
        [entry] = (await client.get("/api/notifications")).json()["items"]
        assert (entry["title"], entry["body"]) == (payload["title"], payload["body"])

    async def test_a_swedish_reader_gets_it_in_swedish_without_codes(self, client, new_client, ystad, skurup, emulator,
                                                                      worker):
        phone = await self.approved_loan(client, new_client, ystad, skurup, emulator, None)
        await worker.run_until_idle()
        [payload] = phone.payloads()
        assert payload["title"] == "Din bokning är godkänd"
        assert f"återlämnas {day_text(date.fromisoformat(days(6)), 'sv')}" in payload["body"]
        assert "approved" not in payload["body"]

    async def test_the_list_follows_a_later_change_of_language(self, client, new_client, ystad, skurup, emulator):
        await self.approved_loan(client, new_client, ystad, skurup, emulator, None)
        assert (await client.put("/api/session/language", json={"language": "en"})).status_code == 200
        [entry] = (await client.get("/api/notifications")).json()["items"]
        assert entry["title"] == "Your booking is approved"
        assert (await client.get("/api/session")).json()["user"]["language"] == "en"

    async def test_an_unknown_language_is_refused(self, client, ystad):
        await login(client, ystad.employee_email)
        answer = await client.put("/api/session/language", json={"language": "de"})
        assert answer.status_code == 400 and "language" in answer.text
