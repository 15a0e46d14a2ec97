"""Events of other contexts that reach phones: each through the real API, read back decrypted."""

from __future__ import annotations

import pytest

from tests.backend.push.conftest import add_device
from tests.factories import login, make_unit, make_user

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
        assert payload["kind"] == "want_matched" and payload["url"] == f"/annonser/{listing['id']}"
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
