"""Listings: create of every kind and deal, lifecycle with audit, coordinators, replays and bad input."""

from __future__ import annotations

from uuid import uuid4

import pytest

from backend import clock
from backend.catalog.categories import category_id
from backend.locations.tables import Location
from tests.backend.catalog.helpers import colleague, create, listing_body, publish
from tests.factories import login

pytestmark = pytest.mark.anyio


class TestCreate:
    @pytest.mark.parametrize("kind,deal,extra", [
        ("furniture", "give", {}),
        ("equipment", "lend", {"available_from": "2026-01-01", "available_until": "2026-02-01"}),
        ("equipment", "rent", {"price_ore": 15000, "rent_period": "week"}),
        ("furniture", "sell", {"price_ore": 50000}),
        ("service", "rent", {"price_ore": 45000, "rent_period": "day", "tags": "snickeri",
                             "windows": [{"starts_at": "2026-03-01T08:00:00Z", "ends_at": "2026-03-01T16:00:00Z",
                                          "capacity": 2}]}),
        ("staffing", "lend", {"windows": [{"starts_at": "2026-03-01T08:00:00Z", "ends_at": "2026-03-31T16:00:00Z"}]}),
    ])
    async def test_every_kind_and_deal_is_accepted(self, client, ystad, kind, deal, extra):
        await login(client, ystad.employee_email)
        listing = await create(client, "Något att dela", kind=kind, deal=deal, **extra)
        assert (listing["kind"], listing["deal"], listing["status"]) == (kind, deal, "draft")
        assert len(listing["windows"]) == len(extra.get("windows", []))

    async def test_quantity_makes_one_item_each(self, client, ystad):
        await login(client, ystad.employee_email)
        listing = await create(client, quantity=20)
        assert len(listing["items"]) == 20 and {i["state"] for i in listing["items"]} == {"registered"}

    async def test_replayed_create_returns_the_same_listing(self, client, ystad):
        await login(client, ystad.employee_email)
        body = listing_body(id=str(uuid4()))
        first = await client.post("/api/listings", json=body)
        second = await client.post("/api/listings", json=body)
        assert (first.status_code, second.status_code) == (201, 200)
        assert second.json()["id"] == first.json()["id"] and len(second.json()["items"]) == 1

    async def test_coordinator_lists_for_another_unit(self, client, ystad):
        await colleague(client, ystad, "samordnare", "coordinator")
        listing = await create(client, owner_unit_id=str(ystad.admin_unit))
        assert listing["owner_unit_id"] == str(ystad.admin_unit) and listing["can_edit"]

    async def test_employee_cannot_list_for_another_unit(self, client, ystad):
        await login(client, ystad.employee_email)
        response = await client.post("/api/listings", json=listing_body(owner_unit_id=str(ystad.admin_unit)))
        assert response.status_code == 403


class TestBadInput:
    @pytest.mark.parametrize("fields,error", [
        ({"deal": "sell", "price_ore": -1}, None),
        ({"deal": "sell", "price_ore": 10**12}, None),
        ({"deal": "sell"}, "price_required"),
        ({"deal": "give", "price_ore": 100}, "price_not_allowed"),
        ({"deal": "rent", "price_ore": 100}, "rent_period_required"),
        ({"quantity": 0}, None),
        ({"quantity": 10**9}, None),
        ({"available_from": "2026-05-01", "available_until": "2026-04-01"}, "dates_out_of_order"),
        ({"category_id": str(uuid4())}, "unknown_category"),
        ({"visibility": "network", "widen_to": "unit", "share_days": 3}, "widen_not_wider"),
        ({"title": "   "}, None),
        ({"title": "a\x00b"}, None),
        ({"kind": "service", "windows": [{"starts_at": "2026-03-02T08:00:00Z", "ends_at": "2026-03-01T08:00:00Z"}]},
         "dates_out_of_order"),
        ({"deal": "rent", "price_ore": 100, "rent_period": "hour"}, "rent_period_not_for_kind"),
    ])
    async def test_is_refused_with_a_reason_and_nothing_is_written(self, client, ystad, fields, error):
        await login(client, ystad.employee_email)
        response = await client.post("/api/listings", json=listing_body(**fields))
        assert response.status_code == 400, response.text
        assert response.json()["detail"]
        if error:
            assert response.json()["error"] == error
        assert (await client.get("/api/listings/mine")).json() == []

    async def test_html_in_title_is_kept_as_text(self, client, ystad):
        await login(client, ystad.employee_email)
        listing = await create(client, "<script>alert(1)</script> Stol")
        assert listing["title"] == "<script>alert(1)</script> Stol"


class TestLifecycle:
    async def test_publish_pause_and_close_are_audited(self, client, ystad):
        await login(client, ystad.employee_email)
        listing = await publish(client, await create(client))
        paused = await client.post(f"/api/listings/{listing['id']}/status",
                                   json={"status": "paused", "version": listing["version"]})
        closed = await client.post(f"/api/listings/{listing['id']}/status",
                                   json={"status": "closed", "version": paused.json()["version"]})
        assert closed.json()["status"] == "closed"
        events = (await client.get(f"/api/listings/{listing['id']}/events")).json()
        assert [e["action"] for e in events] == ["created", "published", "paused", "closed"]
        assert {e["actor_name"] for e in events} == {"Anna"}

    async def test_a_closed_listing_cannot_be_published(self, client, ystad):
        await login(client, ystad.employee_email)
        listing = await create(client)
        closed = (await client.post(f"/api/listings/{listing['id']}/status",
                                    json={"status": "closed", "version": 1})).json()
        response = await client.post(f"/api/listings/{listing['id']}/status",
                                     json={"status": "published", "version": closed["version"]})
        assert response.status_code == 409 and response.json()["error"] == "bad_transition"

    async def test_a_paused_listing_leaves_others_search_until_it_is_resumed(self, client, new_client, ystad):
        await login(client, ystad.employee_email)
        listing = await publish(client, await create(client, "Ritbord i ek"))
        other = await new_client()
        await colleague(other, ystad, "bertil")

        async def found() -> bool:
            response = await other.get("/api/listings", params={"q": "ritbord"})
            return [r["id"] for r in response.json()["results"]] == [listing["id"]]

        assert await found()
        status = f"/api/listings/{listing['id']}/status"
        paused = (await client.post(status, json={"status": "paused", "version": listing["version"]})).json()
        assert paused["status"] == "paused" and not await found()
        resumed = (await client.post(status, json={"status": "published", "version": paused["version"]})).json()
        assert resumed["status"] == "published" and await found()

    async def test_edit_records_old_and_new_values(self, client, ystad):
        await login(client, ystad.employee_email)
        listing = await create(client)
        response = await client.patch(f"/api/listings/{listing['id']}", json={"version": 1, "title": "Ny titel"})
        assert response.json()["title"] == "Ny titel"
        events = (await client.get(f"/api/listings/{listing['id']}/events")).json()
        assert events[-1]["changes"] == {"title": ["Kontorsstol med armstöd", "Ny titel"]}

    async def test_null_clears_an_optional_field_and_a_left_out_field_stays(self, client, ystad):
        await login(client, ystad.employee_email)
        chair = str(category_id("stolar"))
        listing = await create(client, category_id=chair, width_cm=60, condition="worn", tags="kontor",
                               available_from="2026-01-01")
        response = await client.patch(f"/api/listings/{listing['id']}", json={
            "version": 1, "category_id": None, "width_cm": None, "condition": None, "available_from": None})
        assert response.status_code == 200, response.text
        edited = response.json()
        assert (edited["category_id"], edited["width_cm"], edited["condition"], edited["available_from"]) == (
            None, None, "", None)
        assert (edited["tags"], edited["title"]) == ("kontor", "Kontorsstol med armstöd")
        events = (await client.get(f"/api/listings/{listing['id']}/events")).json()
        assert events[-1]["changes"]["category"] == [chair, None]

    @pytest.mark.parametrize("fields,status,error", [
        ({"title": None}, 400, "invalid_request"),
        ({"quantity": None}, 400, "invalid_request"),
        ({"visibility": None}, 400, "invalid_request"),
        ({"price_ore": None}, 400, "price_required"),
        ({"rent_period": None}, 400, "rent_period_required"),
    ])
    async def test_a_value_that_must_stay_cannot_be_cleared(self, client, ystad, fields, status, error):
        await login(client, ystad.employee_email)
        listing = await create(client, deal="rent", price_ore=15000, rent_period="week")
        response = await client.patch(f"/api/listings/{listing['id']}", json={"version": 1, **fields})
        assert (response.status_code, response.json()["error"]) == (status, error), response.text
        unchanged = (await client.get(f"/api/listings/{listing['id']}")).json()
        assert (unchanged["version"], unchanged["price_ore"], unchanged["rent_period"]) == (1, 15000, "week")

    async def test_stale_edit_is_refused(self, client, ystad):
        await login(client, ystad.employee_email)
        listing = await create(client)
        await client.patch(f"/api/listings/{listing['id']}", json={"version": 1, "title": "Ett"})
        response = await client.patch(f"/api/listings/{listing['id']}", json={"version": 1, "title": "Två"})
        assert response.status_code == 409 and response.json()["error"] == "stale_version"

    async def test_another_unit_cannot_edit(self, client, new_client, ystad):
        await login(client, ystad.employee_email)
        listing = await publish(client, await create(client))
        other = await new_client()
        await colleague(other, ystad, "bertil")
        response = await other.patch(f"/api/listings/{listing['id']}",
                                     json={"version": listing["version"], "title": "X"})
        assert response.status_code == 403


class TestMine:
    async def test_own_units_listings_say_they_can_be_edited(self, client, ystad):
        await login(client, ystad.employee_email)
        await create(client)
        rows = (await client.get("/api/listings/mine")).json()
        assert [r["can_edit"] for r in rows] == [True]

    async def test_a_coordinator_may_edit_another_units_listings(self, client, new_client, ystad):
        await login(client, ystad.employee_email)
        await create(client)
        coordinator = await new_client()
        await colleague(coordinator, ystad, "samordnare", "coordinator")
        rows = (await coordinator.get("/api/listings/mine", params={"unit_id": str(ystad.ame_unit)})).json()
        assert [r["can_edit"] for r in rows] == [True]

    async def test_the_start_page_asks_for_the_newest_published_few(self, client, ystad):
        await login(client, ystad.employee_email)
        first = await publish(client, await create(client, "Bokhylla i björk"))
        second = await publish(client, await create(client, "Skrivbord i ek"))
        await create(client, "Utkast till lampa")  # a draft: not published
        await client.patch(f"/api/listings/{first['id']}", json={"version": first["version"], "description": "Ny"})
        params = {"status": "published", "sort": "newest", "limit": "1"}
        rows = (await client.get("/api/listings/mine", params=params)).json()
        assert [r["title"] for r in rows] == ["Skrivbord i ek"]  # last published, though another changed since
        everything = (await client.get("/api/listings/mine")).json()
        assert everything[0]["title"] == "Bokhylla i björk"  # last changed first, as before
        assert second["id"] in {r["id"] for r in everything} and len(everything) == 3

    @pytest.mark.parametrize("params", [{"limit": "0"}, {"limit": "501"}, {"status": "sold"}, {"sort": "oldest"}])
    async def test_out_of_bounds_choices_are_refused(self, client, ystad, params):
        await login(client, ystad.employee_email)
        response = await client.get("/api/listings/mine", params=params)
        assert response.status_code == 400, response.text

    async def test_an_employee_cannot_list_another_units_listings(self, client, ystad):
        await login(client, ystad.employee_email)
        response = await client.get("/api/listings/mine", params={"unit_id": str(ystad.admin_unit)})
        assert response.status_code == 403


class TestWhatABorrowerSees:
    async def test_items_and_their_storage_states_are_for_owners_and_the_ame_only(self, client, new_client, ystad):
        await login(client, ystad.employee_email)
        listing = await publish(client, await create(client))
        owned = (await client.get(f"/api/listings/{listing['id']}")).json()
        assert [i["state"] for i in owned["items"]] == ["registered"]
        borrower = await new_client()
        await colleague(borrower, ystad, "bertil")
        assert (await borrower.get(f"/api/listings/{listing['id']}")).json()["items"] == []
        warehouse = await new_client()
        await colleague(warehouse, ystad, "lager", "warehouse")
        assert len((await warehouse.get(f"/api/listings/{listing['id']}")).json()["items"]) == 1

    async def test_the_place_it_is_kept_is_named_with_its_address(self, client, new_client, ystad):
        site = uuid4()
        await Location.insert(Location(id=site, municipality=ystad.id, kind="site", name="AME-lagret",
                                       address="Industrigatan 12", created_at=clock.now()))
        await login(client, ystad.employee_email)
        listing = await publish(client, await create(client, location_id=str(site)))
        borrower = await new_client()
        await colleague(borrower, ystad, "bertil")
        seen = (await borrower.get(f"/api/listings/{listing['id']}")).json()
        assert (seen["location_name"], seen["location_address"]) == ("AME-lagret", "Industrigatan 12")

