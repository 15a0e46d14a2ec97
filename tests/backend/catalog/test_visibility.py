"""Tiered visibility and share day, seen by users in each tier and outside it (detail, search, photos)."""

from __future__ import annotations

from datetime import timedelta

import pytest

from backend import clock
from backend.catalog import wants
from tests.backend.catalog.helpers import colleague, create, jpeg, publish
from tests.factories import login

pytestmark = pytest.mark.anyio


async def viewers(new_client, ystad, skurup, trelleborg):
    """Clients for: the owner's unit, another Ystad unit, Skurup (network), Trelleborg (outside)."""
    same_unit, other_unit, peer, outsider = [await new_client() for _ in range(4)]
    await colleague(same_unit, ystad, "kollega", unit=ystad.ame_unit)
    await colleague(other_unit, ystad, "grannenhet")
    await colleague(peer, skurup, "skurup")
    await colleague(outsider, trelleborg, "trelleborg")
    return {"unit": same_unit, "municipality": other_unit, "network": peer, "public": outsider}


async def seen_by(clients: dict, listing: dict) -> set[str]:
    """Which viewers see the listing in detail, in search and its photo — all three must agree."""
    seen = set()
    for tier, http in clients.items():
        detail = (await http.get(f"/api/listings/{listing['id']}")).status_code == 200
        results = (await http.get("/api/listings", params={"q": "pall"})).json()["results"]
        found = any(r["id"] == listing["id"] for r in results)
        photo = (await http.get(listing["photos"][0]["thumb_url"])).status_code == 200
        assert detail == found == photo, (tier, detail, found, photo)
        if detail:
            seen.add(tier)
    return seen


async def owned_listing(client, ystad, **fields) -> dict:
    await login(client, ystad.employee_email)
    listing = await create(client, "Pall i ek", **fields)
    await client.post(f"/api/listings/{listing['id']}/photos", files={"photos": ("p.jpg", jpeg(), "image/jpeg")})
    return await publish(client, listing)


class TestTiers:
    @pytest.mark.parametrize("tier,expected", [
        ("unit", {"unit"}),
        ("municipality", {"unit", "municipality"}),
        ("network", {"unit", "municipality", "network"}),
        ("public", {"unit", "municipality", "network", "public"}),
    ])
    async def test_each_tier_reaches_exactly_its_viewers(self, client, new_client, ystad, skurup, trelleborg,
                                                          network, tier, expected):
        listing = await owned_listing(client, ystad, visibility=tier)
        assert await seen_by(await viewers(new_client, ystad, skurup, trelleborg), listing) == expected

    async def test_a_draft_is_seen_only_by_its_unit(self, client, new_client, ystad, skurup, trelleborg, network):
        await login(client, ystad.employee_email)
        listing = await create(client, "Pall i ek", visibility="public")
        await client.post(f"/api/listings/{listing['id']}/photos", files={"photos": ("p.jpg", jpeg(), "image/jpeg")})
        listing = (await client.get(f"/api/listings/{listing['id']}")).json()
        assert await seen_by(await viewers(new_client, ystad, skurup, trelleborg), listing) == {"unit"}

    async def test_a_paused_listing_leaves_other_units(self, client, new_client, ystad, skurup, trelleborg, network):
        listing = await owned_listing(client, ystad, visibility="public")
        paused = await client.post(f"/api/listings/{listing['id']}/status",
                                   json={"status": "paused", "version": listing["version"]})
        assert await seen_by(await viewers(new_client, ystad, skurup, trelleborg), paused.json()) == {"unit"}

    async def test_network_ends_when_the_membership_is_not_active(self, client, new_client, ystad, skurup, trelleborg):
        from tests.factories import make_network

        await make_network("Inbjudna", ystad.id, skurup.id, status="invited")
        listing = await owned_listing(client, ystad, visibility="network")
        assert await seen_by(await viewers(new_client, ystad, skurup, trelleborg), listing) == {"unit", "municipality"}


class TestShareDay:
    async def test_listing_opens_to_the_next_tier_after_its_days(self, client, new_client, ystad, skurup, trelleborg,
                                                                  network, monkeypatch):
        listing = await owned_listing(client, ystad, visibility="unit", widen_to="municipality", share_days=3)
        clients = await viewers(new_client, ystad, skurup, trelleborg)
        assert await seen_by(clients, listing) == {"unit"}
        later = clock.now() + timedelta(days=3, minutes=1)
        monkeypatch.setattr(clock, "now", lambda: later)
        assert await seen_by(clients, listing) == {"unit", "municipality"}

    async def test_share_day_match_is_recorded_when_due(self, client, new_client, app, ystad, network, monkeypatch):
        wanting = await new_client()
        await colleague(wanting, ystad, "letare")
        assert (await wanting.post("/api/wants", json={"text": "pall"})).status_code == 201
        await owned_listing(client, ystad, visibility="unit", widen_to="municipality", share_days=2)
        assert await wants.open_due(app.state.db) == []
        later = clock.now() + timedelta(days=2, minutes=1)
        monkeypatch.setattr(clock, "now", lambda: later)
        assert len(await wants.open_due(app.state.db)) == 1
        assert await wants.open_due(app.state.db) == []
        matches = (await wanting.get("/api/wants/matches")).json()
        assert [m["listing"]["title"] for m in matches] == ["Pall i ek"]

    async def test_a_backlog_of_share_days_is_matched_a_batch_at_a_time_until_none_is_left(
            self, client, new_client, app, ystad, network, monkeypatch):
        wanting = await new_client()
        await colleague(wanting, ystad, "letare")
        assert (await wanting.post("/api/wants", json={"text": "pall"})).status_code == 201
        for _ in range(5):
            await owned_listing(client, ystad, visibility="unit", widen_to="municipality", share_days=2)
        later = clock.now() + timedelta(days=2, minutes=1)
        monkeypatch.setattr(clock, "now", lambda: later)
        monkeypatch.setattr(wants, "SHARE_BATCH", 2)
        assert len(await wants.open_due(app.state.db)) == 5
        assert await wants.open_due(app.state.db) == []
        assert len((await wanting.get("/api/wants/matches")).json()) == 5
