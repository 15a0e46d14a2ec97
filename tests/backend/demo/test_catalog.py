"""The demo catalogue: listings of the whole network, photos with thumbnails, wants with matches."""

from __future__ import annotations

import pytest

from backend.catalog.tables import AvailabilityWindow, Item, Listing, Photo, Want, WantMatch
from backend.demo.seed import seed
from tests.factories import login

pytestmark = pytest.mark.anyio


async def counts() -> tuple[int, ...]:
    return tuple([await t.count() for t in (Listing, Item, Photo, Want, WantMatch)])


class TestCatalog:
    async def test_skurup_finds_listings_of_the_other_municipalities(self, client, app, settings):
        await seed(app.state.db, settings)
        await login(client, "medarbetare@skurup.exempel.se", "delbar-demo")
        found = (await client.get("/api/listings", params={"q": "kontorsstol", "per_page": 50})).json()
        towns = {card["municipality_name"] for card in found["results"]}
        assert {"Ystad", "Trelleborg"} <= towns and found["total"] >= 10

    async def test_photos_have_a_thumbnail_that_is_served(self, client, app, settings):
        await seed(app.state.db, settings)
        await login(client, "medarbetare@ystad.exempel.se", "delbar-demo")
        # A listing with photos that this employee may see (the table also holds other units' drafts).
        cards = (await client.get("/api/listings", params={"per_page": 50})).json()["results"]
        shown = next(card for card in cards if card["thumb_url"])
        detail = (await client.get(f"/api/listings/{shown['id']}")).json()
        thumb = await client.get(detail["photos"][0]["thumb_url"])
        assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/webp"

    async def test_every_want_has_matches(self, client, app, settings):
        await seed(app.state.db, settings)
        await login(client, "medarbetare@ystad.exempel.se", "delbar-demo")
        matches = (await client.get("/api/wants/matches")).json()
        assert len(matches) >= 3

    async def test_running_twice_adds_nothing(self, client, app, settings):
        await seed(app.state.db, settings)
        first = await counts()
        await seed(app.state.db, settings)
        assert await counts() == first and first[0] > 150

    async def test_a_newcomer_can_book_a_demo_service(self, client, app, settings):
        await seed(app.state.db, settings)
        windows = await AvailabilityWindow.count()
        await seed(app.state.db, settings)
        assert await AvailabilityWindow.count() == windows > 0
        await login(client, "medarbetare@skurup.exempel.se", "delbar-demo")
        service = await Listing.select(Listing.id).where(
            Listing.kind == "service", Listing.visibility == "network").first()
        free = (await client.get(f"/api/listings/{service['id']}/availability")).json()
        assert free["windows"] and free["windows"][0]["remaining"] > 0
        booked = await client.post("/api/bookings", json={"listing_id": str(service["id"]),
                                                          "window_id": free["windows"][0]["id"]})
        assert booked.status_code == 201, booked.text

