"""Wants: recorded, seen in their tier, matched when a listing is published to the wanter."""

from __future__ import annotations

import pytest

from backend.catalog.categories import category_id
from tests.backend.catalog.helpers import colleague, create, publish
from tests.factories import login

pytestmark = pytest.mark.anyio


async def wanter(new_client, tenant, name="letare"):
    http = await new_client()
    await colleague(http, tenant, name)
    return http


class TestExistingListings:
    async def test_a_new_want_shows_what_is_already_listed_at_once(self, client, new_client, ystad, skurup,
                                                                    network):
        await login(client, ystad.employee_email)
        for title in ("Höj- och sänkbart skrivbord 160 cm", "Höj- och sänkbart skrivbord 140 cm"):
            await publish(client, await create(client, title, visibility="network"))
        await create(client, "Höj- och sänkbart skrivbord, utkast")
        await publish(client, await create(client, "Skrivbord bara för Ystad", visibility="municipality"))
        await publish(client, await create(client, "Soffa", visibility="network"))
        seeker = await wanter(new_client, skurup)
        want = await seeker.post("/api/wants", json={"text": "höj- och sänkbart skrivbord", "visibility": "network"})
        assert want.status_code == 201, want.text
        catalogue = (await seeker.get("/api/listings", params={"q": "höj- och sänkbart skrivbord"})).json()
        matches = (await seeker.get("/api/wants/matches")).json()
        # Exactly what the catalogue finds for the same words: published, visible to the wanter.
        assert sorted(m["listing"]["title"] for m in matches) == sorted(r["title"] for r in catalogue["results"]) == [
            "Höj- och sänkbart skrivbord 140 cm", "Höj- och sänkbart skrivbord 160 cm"]
        assert {m["want_id"] for m in matches} == {want.json()["id"]}

    async def test_listings_found_at_once_are_not_matched_again_on_a_later_change(self, client, new_client, ystad):
        await login(client, ystad.employee_email)
        listing = await publish(client, await create(client, "Kontorsstol"))
        seeker = await wanter(new_client, ystad)
        await seeker.post("/api/wants", json={"text": "kontorsstol"})
        paused = await client.post(f"/api/listings/{listing['id']}/status",
                                   json={"status": "paused", "version": listing["version"]})
        await publish(client, paused.json())
        assert len((await seeker.get("/api/wants/matches")).json()) == 1


class TestMatching:
    async def test_publishing_a_matching_listing_records_a_match(self, client, new_client, ystad):
        seeker = await wanter(new_client, ystad)
        await seeker.post("/api/wants", json={"text": "kontorsstolar", "quantity": 4})
        await login(client, ystad.employee_email)
        await publish(client, await create(client, "Tio kontorsstolar med hjul"))
        matches = (await seeker.get("/api/wants/matches")).json()
        found = [(m["want_text"], m["listing"]["title"]) for m in matches]
        assert found == [("kontorsstolar", "Tio kontorsstolar med hjul")]

    async def test_a_draft_or_another_word_does_not_match(self, client, new_client, ystad):
        seeker = await wanter(new_client, ystad)
        await seeker.post("/api/wants", json={"text": "soffa"})
        await login(client, ystad.employee_email)
        await create(client, "Soffa i skinn")
        await publish(client, await create(client, "Skrivbord"))
        assert (await seeker.get("/api/wants/matches")).json() == []

    async def test_kind_and_category_narrow_the_match(self, client, new_client, ystad):
        seeker = await wanter(new_client, ystad)
        await seeker.post("/api/wants", json={"text": "stol", "category_id": str(category_id("mobler"))})
        await seeker.post("/api/wants", json={"text": "stol", "kind": "equipment"})
        await login(client, ystad.employee_email)
        await publish(client, await create(client, "Stol", category_id=str(category_id("stolar"))))
        matches = (await seeker.get("/api/wants/matches")).json()
        assert len(matches) == 1

    async def test_a_listing_outside_the_wanters_tier_does_not_match(self, client, new_client, ystad, skurup, network):
        seeker = await wanter(new_client, skurup)
        await seeker.post("/api/wants", json={"text": "bord"})
        await login(client, ystad.employee_email)
        await publish(client, await create(client, "Bord", visibility="municipality"))
        assert (await seeker.get("/api/wants/matches")).json() == []
        await publish(client, await create(client, "Runt bord", visibility="network"))
        assert [m["listing"]["title"] for m in (await seeker.get("/api/wants/matches")).json()] == ["Runt bord"]

    async def test_a_closed_want_no_longer_matches(self, client, new_client, ystad):
        seeker = await wanter(new_client, ystad)
        want = (await seeker.post("/api/wants", json={"text": "lampa"})).json()
        closed = await seeker.post(f"/api/wants/{want['id']}/close", json={"version": want["version"]})
        assert closed.json()["status"] == "closed"
        await login(client, ystad.employee_email)
        await publish(client, await create(client, "Lampa"))
        assert (await seeker.get("/api/wants/matches")).json() == []


class TestOpenWants:
    async def test_open_wants_are_seen_in_their_tier_only(self, client, new_client, ystad, skurup, trelleborg, network):
        seeker = await wanter(new_client, ystad)
        await seeker.post("/api/wants", json={"text": "hemlig", "visibility": "municipality"})
        await seeker.post("/api/wants", json={"text": "delad", "visibility": "network"})
        await login(client, skurup.employee_email)
        assert [w["text"] for w in (await client.get("/api/wants", params={"show": "open"})).json()] == ["delad"]
        outsider = await new_client()
        await login(outsider, trelleborg.employee_email)
        assert (await outsider.get("/api/wants", params={"show": "open"})).json() == []

    async def test_bad_wants_are_refused(self, client, ystad):
        await login(client, ystad.employee_email)
        unknown_category = {"text": "x", "category_id": "00000000-0000-0000-0000-000000000000"}
        for body in ({"text": ""}, {"text": "och"}, {"text": "x", "quantity": 0}, unknown_category):
            assert (await client.post("/api/wants", json=body)).status_code == 400, body
