"""Repairs before reuse over HTTP: sending an item to repair, recording work, finishing, listing it, tenancy."""

from __future__ import annotations

from uuid import UUID, uuid4

import pytest

from backend.catalog import categories
from backend.catalog.tables import Category, Item
from tests.backend.impact.conftest import signed_in
from tests.factories import make_item, make_location

pytestmark = pytest.mark.anyio


async def send(client, item: UUID, needs: str = "Ny klädsel på sitsen", repair_id: UUID | None = None):
    return await client.post("/api/repairs", json={"id": str(repair_id or uuid4()), "item_id": str(item),
                                                   "needs": needs})


async def sent(client, item: UUID, needs: str = "Ny klädsel på sitsen") -> dict:
    response = await send(client, item, needs)
    assert response.status_code == 201, response.text
    return response.json()


async def work(client, repair: dict, *, finish: bool = False, work_id: UUID | None = None, **fields):
    body = {"id": str(work_id or uuid4()), "myself": True, "minutes": 90, "done": "Bytte tyg och stoppning",
            "parts": "2 m ulltyg", "finish": finish, **fields}
    return await client.post(f"/api/repairs/{repair['id']}/work", json=body)


@pytest.fixture
async def chair(client, ystad) -> UUID:
    await signed_in(client, ystad, "coordinator")
    shelf = await make_location(ystad.id, "Hylla R-1", "shelf")
    return await make_item(ystad.id, ystad.ame_unit, "Kontorsstol Kinnarps", "in_storage", shelf)


class TestSendToRepair:
    async def test_the_queue_shows_the_item_its_place_and_what_it_needs(self, client, chair):
        repair = await sent(client, chair)
        queue = (await client.get("/api/repairs", params={"status": "open"})).json()
        assert [(r["id"], r["item_title"], r["location_name"], r["needs"], r["status"]) for r in queue] == [
            (repair["id"], "Kontorsstol Kinnarps", "Hylla R-1", "Ny klädsel på sitsen", "open")]

    async def test_the_items_history_shows_it_and_the_item_stays_where_it_was(self, client, chair):
        await sent(client, chair)
        history = (await client.get(f"/api/items/{chair}/history")).json()
        assert [(h["action"], h["note"], h["state_after"]) for h in history] == [
            ("repair", "Ny klädsel på sitsen", "in_storage")]
        assert (await Item.select(Item.state).where(Item.id == chair).first())["state"] == "in_storage"

    async def test_sending_again_with_the_same_id_answers_the_same_repair(self, client, chair):
        repair_id = uuid4()
        assert (await send(client, chair, repair_id=repair_id)).status_code == 201
        again = await send(client, chair, repair_id=repair_id)
        assert again.status_code == 200 and again.json()["id"] == str(repair_id)
        assert len((await client.get(f"/api/items/{chair}/history")).json()) == 1

    async def test_a_second_open_repair_of_the_item_is_refused(self, client, chair):
        await sent(client, chair)
        response = await send(client, chair)
        assert response.status_code == 409 and response.json()["error"] == "repair_open"

    @pytest.mark.parametrize("needs", ["", "   ", "x" * 501])
    async def test_what_is_needed_must_be_said(self, client, chair, needs):
        assert (await send(client, chair, needs)).status_code == 400

    async def test_a_disposed_item_cannot_be_repaired(self, client, ystad):
        await signed_in(client, ystad, "warehouse")
        gone = await make_item(ystad.id, ystad.ame_unit, "Trasig stol", "disposed")
        response = await send(client, gone)
        assert response.status_code == 409 and response.json()["error"] == "item_not_repairable"

    async def test_an_employee_may_not_send_items_to_repair(self, client, ystad):
        await signed_in(client, ystad, "employee")
        item = await make_item(ystad.id, ystad.ame_unit)
        assert (await send(client, item)).status_code == 403


class TestWork:
    async def test_work_is_recorded_with_who_how_long_what_and_parts(self, client, chair):
        repair = await sent(client, chair)
        response = await work(client, repair)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["minutes"] == 90 and body["status"] == "open"
        assert [(w["minutes"], w["done"], w["parts"]) for w in body["work"]] == [
            (90, "Bytte tyg och stoppning", "2 m ulltyg")]
        assert body["work"][0]["participant_name"].startswith("Coordinator-")  # the recording person, by name

    async def test_a_team_of_the_ame_can_be_named_and_the_report_counts_the_hours(self, client, chair):
        team = (await client.post("/api/ame-participants", json={"name": "Lag Syd", "kind": "team"})).json()["id"]
        repair = await sent(client, chair)
        await work(client, repair, myself=False, participant_id=team, minutes=60)
        await work(client, repair, minutes=30)
        report = (await client.get("/api/impact/report")).json()["work"]
        assert [(r["key"], r["minutes"], r["tasks"]) for r in report["by_kind"]] == [("repair", 90, 2)]

    async def test_the_same_work_sent_again_counts_once(self, client, chair):
        repair, work_id = await sent(client, chair), uuid4()
        await work(client, repair, work_id=work_id)
        again = await work(client, repair, work_id=work_id)
        assert again.status_code == 200 and again.json()["minutes"] == 90 and len(again.json()["work"]) == 1

    async def test_finishing_marks_it_done_and_is_a_step_in_the_history(self, client, chair):
        repair = await sent(client, chair)
        done = (await work(client, repair, finish=True)).json()
        assert done["status"] == "done" and done["finished_by_name"] and done["finished_at"]
        assert [h["action"] for h in (await client.get(f"/api/items/{chair}/history")).json()] == [
            "repaired", "repair"]
        assert (await client.get("/api/repairs", params={"status": "open"})).json() == []

    async def test_work_on_a_done_repair_is_refused(self, client, chair):
        repair = await sent(client, chair)
        await client.post(f"/api/repairs/{repair['id']}/finish")
        response = await work(client, repair)
        assert response.status_code == 409 and response.json()["error"] == "repair_done"

    @pytest.mark.parametrize("fields", [{"minutes": 0}, {"minutes": 1441}, {"done": ""}, {"parts": "x" * 301},
                                        {"myself": False}, {"participant_id": str(uuid4())}])
    async def test_bad_work_is_refused(self, client, chair, fields):
        repair = await sent(client, chair)
        assert (await work(client, repair, **fields)).status_code == 400

    async def test_an_unknown_participant_is_not_found(self, client, chair):
        repair = await sent(client, chair)
        assert (await work(client, repair, myself=False, participant_id=str(uuid4()))).status_code == 404


class TestListing:
    async def test_a_repaired_item_is_listed_in_one_step_with_its_title_and_category(self, client, chair):
        await categories.seed()
        chairs = await Category.select(Category.id).where(Category.slug == "kontorsstolar").first()
        await Item.update({Item.category: chairs["id"]}).where(Item.id == chair)
        repair = await sent(client, chair)
        await work(client, repair, finish=True)
        response = await client.post(f"/api/repairs/{repair['id']}/listing", json={})
        assert response.status_code == 201, response.text
        listing = response.json()["listing"]
        assert (listing["title"], listing["kind"], listing["deal"], listing["status"], listing["quantity"]) == (
            "Kontorsstol Kinnarps", "furniture", "give", "published", 1)
        assert listing["category_id"] == str(chairs["id"])
        assert response.json()["repair"]["listing_id"] == listing["id"]
        item = await Item.select(Item.listing).where(Item.id == chair).first()
        assert item["listing"] == UUID(listing["id"])
        assert await Item.count().where(Item.listing == UUID(listing["id"])) == 1

    async def test_listing_again_answers_the_same_listing(self, client, chair):
        repair = await sent(client, chair)
        await work(client, repair, finish=True)
        first = await client.post(f"/api/repairs/{repair['id']}/listing", json={"publish": False})
        again = await client.post(f"/api/repairs/{repair['id']}/listing", json={"publish": False})
        assert first.json()["listing"]["status"] == "draft"
        assert again.status_code == 200 and again.json()["listing"]["id"] == first.json()["listing"]["id"]

    async def test_an_open_repair_cannot_be_listed(self, client, chair):
        repair = await sent(client, chair)
        response = await client.post(f"/api/repairs/{repair['id']}/listing", json={})
        assert response.status_code == 409 and response.json()["error"] == "repair_open"

    async def test_a_deal_that_needs_a_price_is_refused(self, client, chair):
        repair = await sent(client, chair)
        await work(client, repair, finish=True)
        assert (await client.post(f"/api/repairs/{repair['id']}/listing", json={"deal": "sell"})).status_code == 400


class TestTenancy:
    async def test_another_municipalitys_repair_is_not_found(self, client, new_client, chair, skurup):
        repair = await sent(client, chair)
        theirs = await new_client()
        await signed_in(theirs, skurup, "coordinator")
        assert (await theirs.get(f"/api/repairs/{repair['id']}")).status_code == 404
        assert (await work(theirs, repair)).status_code == 404
        assert (await theirs.post(f"/api/repairs/{repair['id']}/finish")).status_code == 404
        assert (await theirs.post(f"/api/repairs/{repair['id']}/listing", json={})).status_code == 404
        assert (await theirs.get("/api/repairs")).json() == []

    async def test_another_municipalitys_item_cannot_be_sent_to_repair(self, client, new_client, chair, skurup):
        theirs = await new_client()
        await signed_in(theirs, skurup, "coordinator")
        assert (await send(theirs, chair)).status_code == 404
