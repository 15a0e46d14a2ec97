"""Stocktakes over HTTP: starting one, counting by scans, the result, applying it once, tenancy."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from uuid import UUID, uuid4

import pytest

from backend.catalog.tables import Item
from tests.backend.codes.test_service import warehouse
from tests.backend.tracking.test_service import event
from tests.factories import login, make_code, make_item, make_location

pytestmark = pytest.mark.anyio


@dataclass
class Store:
    room: UUID
    shelf: UUID
    elsewhere: UUID
    on_shelf: list[tuple[UUID, str]]  # expected on the shelf: (item, code)
    stray: tuple[UUID, str]  # expected elsewhere


async def make_store(tenant) -> Store:
    site = await make_location(tenant.id, "Lager Norregatan", "site")
    room = await make_location(tenant.id, "Rum 2", "room", parent=site)
    shelf = await make_location(tenant.id, "Hylla B-2", "shelf", parent=room)
    elsewhere = await make_location(tenant.id, "Hylla C-1", "shelf", parent=site)
    on_shelf = []
    for title in ("Kontorsstol", "Skrivbord"):
        item = await make_item(tenant.id, tenant.ame_unit, title, "in_storage", shelf)
        on_shelf.append((item, await make_code(tenant.id, item=item)))
    stray = await make_item(tenant.id, tenant.ame_unit, "Whiteboard", "in_storage", elsewhere)
    return Store(room, shelf, elsewhere, on_shelf, (stray, await make_code(tenant.id, item=stray)))


@pytest.fixture
async def store(client, ystad) -> Store:
    await warehouse(client, ystad)
    return await make_store(ystad)


async def start(client, location: UUID, stocktake_id: UUID | None = None) -> dict:
    response = await client.post("/api/stocktakes", json={"id": str(stocktake_id or uuid4()),
                                                           "location_id": str(location)})
    assert response.status_code == 201, response.text
    return response.json()


async def count(client, stocktake: dict, *codes: str) -> list[dict]:
    events = [event(code, "stocktake", stocktake_id=stocktake["id"]) for code in codes]
    response = await client.post("/api/scans/batch", json={"events": events})
    return response.json()["results"]


async def item_row(item_id: UUID) -> dict:
    return await Item.select(Item.state, Item.location, Item.version).where(Item.id == item_id).first()


def titles(result: dict, verdict: str) -> list[str]:
    return [i["title"] for i in result[verdict]]


class TestStart:
    async def test_everything_expected_is_missing_until_counted(self, client, store):
        stocktake = await start(client, store.shelf)
        assert stocktake["status"] == "open" and stocktake["location_path"] == ["Lager Norregatan", "Rum 2",
                                                                               "Hylla B-2"]
        assert titles(stocktake, "missing") == ["Kontorsstol", "Skrivbord"] and stocktake["counted"] == 0

    async def test_same_id_again_answers_the_same_stocktake(self, client, store):
        stocktake_id = uuid4()
        await start(client, store.shelf, stocktake_id)
        again = await client.post("/api/stocktakes", json={"id": str(stocktake_id), "location_id": str(store.shelf)})
        assert again.status_code == 200 and again.json()["id"] == str(stocktake_id)

    async def test_a_vehicle_is_not_counted(self, client, ystad, store):
        van = await make_location(ystad.id, "Bil 1", "vehicle")
        response = await client.post("/api/stocktakes", json={"id": str(uuid4()), "location_id": str(van)})
        assert response.status_code == 400 and response.json()["error"] == "location_is_vehicle"

    async def test_another_municipalitys_place_is_refused(self, client, skurup, store):
        theirs = await make_location(skurup.id, "Hylla S", "shelf")
        response = await client.post("/api/stocktakes", json={"id": str(uuid4()), "location_id": str(theirs)})
        assert response.status_code == 400 and response.json()["error"] == "unknown_location"

    async def test_an_employee_cannot_start_one(self, client, ystad, store):
        await login(client, ystad.employee_email)
        response = await client.post("/api/stocktakes", json={"id": str(uuid4()), "location_id": str(store.shelf)})
        assert response.status_code == 403


class TestCounting:
    async def test_counting_changes_no_item(self, client, store):
        stocktake = await start(client, store.shelf)
        (result,) = await count(client, stocktake, store.stray[1])
        assert result["status"] == "applied"
        assert await item_row(store.stray[0]) == {"state": "in_storage", "location": store.elsewhere, "version": 1}

    async def test_result_lists_found_missing_and_unexpected(self, client, store):
        stocktake = await start(client, store.shelf)
        await count(client, stocktake, store.on_shelf[0][1], store.stray[1], store.on_shelf[0][1])
        result = (await client.get(f"/api/stocktakes/{stocktake['id']}")).json()
        assert (titles(result, "found"), titles(result, "missing"), titles(result, "unexpected")) == (
            ["Kontorsstol"], ["Skrivbord"], ["Whiteboard"])
        assert result["unexpected"][0]["location_name"] == "Hylla C-1" and result["counted"] == 2

    async def test_a_room_expects_what_is_on_its_shelves(self, client, store):
        stocktake = await start(client, store.room)
        assert titles(stocktake, "missing") == ["Kontorsstol", "Skrivbord"]

    async def test_a_scan_for_an_unknown_stocktake_is_refused(self, client, store):
        (result,) = await count(client, {"id": str(uuid4())}, store.stray[1])
        assert result["status"] == "rejected" and result["reason"] == "stocktake_unknown"

    async def test_a_stocktake_begun_offline_starts_with_its_first_scan(self, client, store):
        stocktake_id = str(uuid4())
        scans = [event(code, "stocktake", stocktake_id=stocktake_id, stocktake_location_id=str(store.shelf))
                 for code in (store.on_shelf[0][1], store.stray[1])]
        results = (await client.post("/api/scans/batch", json={"events": scans})).json()["results"]
        assert [r["status"] for r in results] == ["applied", "applied"]
        result = (await client.get(f"/api/stocktakes/{stocktake_id}")).json()
        assert (result["status"], result["location_name"], result["counted"]) == ("open", "Hylla B-2", 2)
        assert (titles(result, "missing"), titles(result, "unexpected")) == (["Skrivbord"], ["Whiteboard"])

    async def test_two_first_scans_at_once_start_it_once(self, client, store):
        """Two phones' (or one phone's two) batches starting the same offline stocktake together."""
        stocktake_id = str(uuid4())
        batches = [{"events": [event(code, "stocktake", stocktake_id=stocktake_id,
                                     stocktake_location_id=str(store.shelf))]}
                   for code in (store.on_shelf[0][1], store.stray[1])]
        answers = await asyncio.gather(*(client.post("/api/scans/batch", json=b) for b in batches))
        assert [a.status_code for a in answers] == [200, 200], [a.text for a in answers]
        assert [a.json()["results"][0]["status"] for a in answers] == ["applied", "applied"]
        result = (await client.get(f"/api/stocktakes/{stocktake_id}")).json()
        assert (result["status"], result["counted"]) == ("open", 2)

    async def test_a_stocktake_begun_offline_at_a_vehicle_is_refused(self, client, ystad, store):
        van = await make_location(ystad.id, "Bil 1", "vehicle")
        scan = event(store.stray[1], "stocktake", stocktake_id=str(uuid4()), stocktake_location_id=str(van))
        (result,) = (await client.post("/api/scans/batch", json={"events": [scan]})).json()["results"]
        assert result["reason"] == "location_is_vehicle"

    async def test_a_driver_cannot_count(self, client, ystad, store):
        from tests.factories import make_user

        stocktake = await start(client, store.shelf)
        await make_user(ystad.id, ystad.ame_unit, f"bil@{ystad.id}.test", "driver")
        await login(client, f"bil@{ystad.id}.test")
        (result,) = await count(client, stocktake, store.stray[1])
        assert result["reason"] == "stocktake_not_allowed"

    async def test_the_count_is_in_the_items_history(self, client, store):
        stocktake = await start(client, store.shelf)
        await count(client, stocktake, store.stray[1])
        history = (await client.get(f"/api/items/{store.stray[0]}/history")).json()
        assert [(h["action"], h["outcome"], h["scanned_location_name"]) for h in history] == [
            ("stocktake", "applied", "Hylla B-2")]


class TestApply:
    async def test_unexpected_item_moves_here_and_missing_one_is_flagged(self, client, store):
        stocktake = await start(client, store.shelf)
        await count(client, stocktake, store.on_shelf[0][1], store.stray[1])
        result = (await client.post(f"/api/stocktakes/{stocktake['id']}/apply")).json()
        assert result["status"] == "applied" and (result["found_count"], result["missing_count"],
                                                  result["unexpected_count"]) == (1, 1, 1)
        assert (await item_row(store.stray[0]))["location"] == store.shelf
        assert (await item_row(store.on_shelf[1][0]))["state"] == "missing"
        assert (await item_row(store.on_shelf[0][0]))["version"] == 1

    async def test_each_step_is_in_the_items_history(self, client, store):
        stocktake = await start(client, store.shelf)
        await count(client, stocktake, store.stray[1])
        await client.post(f"/api/stocktakes/{stocktake['id']}/apply")
        moved = (await client.get(f"/api/items/{store.stray[0]}/history")).json()
        assert [(h["action"], h["location_after_name"]) for h in moved] == [("found", "Hylla B-2"),
                                                                          ("stocktake", "Hylla C-1")]
        flagged = (await client.get(f"/api/items/{store.on_shelf[0][0]}/history")).json()
        assert [(h["action"], h["state_before"], h["state_after"]) for h in flagged] == [
            ("missing", "in_storage", "missing")]

    async def test_applying_twice_changes_nothing_more(self, client, store):
        stocktake = await start(client, store.shelf)
        await count(client, stocktake, store.stray[1])
        first = (await client.post(f"/api/stocktakes/{stocktake['id']}/apply")).json()
        again = await client.post(f"/api/stocktakes/{stocktake['id']}/apply")
        assert again.status_code == 200 and again.json() == first
        assert len((await client.get(f"/api/items/{store.stray[0]}/history")).json()) == 2

    async def test_the_applied_result_stays_as_applied(self, client, store):
        stocktake = await start(client, store.shelf)
        await count(client, stocktake, store.stray[1])
        await client.post(f"/api/stocktakes/{stocktake['id']}/apply")
        result = (await client.get(f"/api/stocktakes/{stocktake['id']}")).json()
        assert titles(result, "unexpected") == ["Whiteboard"] and titles(result, "found") == []

    async def test_a_scan_after_applying_is_refused(self, client, store):
        stocktake = await start(client, store.shelf)
        await client.post(f"/api/stocktakes/{stocktake['id']}/apply")
        (result,) = await count(client, stocktake, store.on_shelf[0][1])
        assert result["reason"] == "stocktake_closed"
        assert (await item_row(store.on_shelf[0][0]))["state"] == "missing"

    async def test_a_missing_item_counted_later_is_back_in_storage(self, client, store):
        first = await start(client, store.shelf)
        await client.post(f"/api/stocktakes/{first['id']}/apply")
        second = await start(client, store.shelf)
        await count(client, second, *(code for _, code in store.on_shelf))
        result = (await client.post(f"/api/stocktakes/{second['id']}/apply")).json()
        assert titles(result, "found") == ["Kontorsstol", "Skrivbord"]
        assert (await item_row(store.on_shelf[0][0]))["state"] == "in_storage"

    async def test_an_unexpected_item_that_cannot_be_stored_is_not_moved(self, client, ystad, store):
        gone = await make_item(ystad.id, ystad.ame_unit, "Soffa", "disposed")
        stocktake = await start(client, store.shelf)
        await count(client, stocktake, await make_code(ystad.id, item=gone))
        result = (await client.post(f"/api/stocktakes/{stocktake['id']}/apply")).json()
        assert [(i["title"], i["reason"]) for i in result["unexpected"]] == [("Soffa", "invalid_transition")]
        assert await item_row(gone) == {"state": "disposed", "location": None, "version": 1}

    async def test_a_cancelled_stocktake_is_not_applied(self, client, store):
        stocktake = await start(client, store.shelf)
        assert (await client.post(f"/api/stocktakes/{stocktake['id']}/cancel")).json()["status"] == "cancelled"
        response = await client.post(f"/api/stocktakes/{stocktake['id']}/apply")
        assert response.status_code == 409 and response.json()["error"] == "stocktake_cancelled"
        assert (await item_row(store.on_shelf[0][0]))["state"] == "in_storage"

    async def test_another_municipalitys_stocktake_is_404(self, client, skurup, store):
        stocktake = await start(client, store.shelf)
        await warehouse(client, skurup)
        assert (await client.post(f"/api/stocktakes/{stocktake['id']}/apply")).status_code == 404
        assert (await client.get(f"/api/stocktakes/{stocktake['id']}")).status_code == 404
        assert (await item_row(store.on_shelf[0][0]))["state"] == "in_storage"


class TestList:
    async def test_open_stocktakes_are_listed_with_their_counts(self, client, store):
        open_one = await start(client, store.shelf)
        await count(client, open_one, store.stray[1])
        done = await start(client, store.room)
        await client.post(f"/api/stocktakes/{done['id']}/apply")
        listed = (await client.get("/api/stocktakes?status=open")).json()
        assert [(s["id"], s["counted"], s["unexpected_count"]) for s in listed] == [(open_one["id"], 1, 1)]
