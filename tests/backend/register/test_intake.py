"""Intake in one pass: a new item with its card, label, shelf and repair, all or nothing, sent once or again."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import uuid4

import pytest

from backend.catalog import categories
from backend.catalog.categories import category_id
from backend.catalog.tables import Item
from backend.codes.tables import Code
from backend.register.tables import ItemCard
from backend.tracking.tables import Repair, ScanEvent
from tests.backend.codes.test_service import warehouse
from tests.factories import login, make_code, make_item, make_location

pytestmark = pytest.mark.anyio

AT = "2026-12-07T09:30:00+01:00"


def intake(**fields) -> dict:
    return {"id": str(uuid4()), "title": "Skrivbord höj- och sänkbart", "width_cm": 160, "depth_cm": 80,
            "height_cm": 72, "weight_g": 38_000, "condition": "good", "device_time": AT, **fields}


async def shelf(ystad) -> str:
    site = await make_location(ystad.id, "Lager Norregatan", kind="site")
    return await make_code(ystad.id, location=await make_location(ystad.id, "Hylla B2", parent=site))


class TestOnePass:
    async def test_a_pre_printed_label_and_a_shelf_make_an_item_in_storage(self, client, ystad):
        await categories.seed()
        await warehouse(client, ystad)
        label, on_shelf = await make_code(ystad.id), await shelf(ystad)
        sent = intake(label=label.lower(), shelf=on_shelf, category_id=str(category_id("skrivbord")),
                      inventory_number="YST-7")
        answer = await client.post("/api/intakes", json=sent)
        assert answer.status_code == 201, answer.text
        made = answer.json()
        assert (made["item_id"], made["state"], made["code"], made["location_name"], made["location_parent_name"],
                made["inventory_number"], made["repair_id"]) == (
            sent["id"], "in_storage", label, "Hylla B2", "Lager Norregatan", "YST-7", None)
        card = await ItemCard.select().where(ItemCard.item == sent["id"]).first()
        assert (card["width_cm"], card["weight_g"], card["condition"]) == (160, 38_000, "good")
        steps = await ScanEvent.select(ScanEvent.action, ScanEvent.device_time).where(
            ScanEvent.item == sent["id"]).order_by(ScanEvent.seq)
        assert [s["action"] for s in steps] == ["link", "intake"]
        assert {s["device_time"] for s in steps} == {datetime(2026, 12, 7, 8, 30, tzinfo=UTC)}

    async def test_a_new_label_is_given_to_print_and_the_item_can_go_to_repair(self, client, ystad):
        await warehouse(client, ystad)
        sent = intake(new_label=True, repair="Klädseln är trasig")
        made = (await client.post("/api/intakes", json=sent)).json()
        assert made["code"] and made["state"] == "registered" and made["location_id"] is None
        repair = await Repair.select().where(Repair.id == made["repair_id"]).first()
        assert (str(repair["item"]), repair["needs"], repair["status"]) == (
            made["item_id"], "Klädseln är trasig", "open")

    async def test_sent_again_it_answers_what_it_made_and_changes_nothing(self, client, ystad):
        await warehouse(client, ystad)
        sent = intake(label=await make_code(ystad.id), shelf=await shelf(ystad))
        first = await client.post("/api/intakes", json=sent)
        again = await client.post("/api/intakes", json=sent)
        assert (first.status_code, again.status_code) == (201, 200)
        assert first.json() == again.json()
        assert await Item.count().where(Item.id == sent["id"]) == 1
        assert await ScanEvent.count().where(ScanEvent.item == sent["id"]) == 2


class TestAllOrNothing:
    async def test_a_label_already_on_another_item_refuses_the_whole_intake(self, client, ystad):
        await warehouse(client, ystad)
        taken = await make_code(ystad.id, item=await make_item(ystad.id, ystad.ame_unit))
        sent = intake(label=taken, shelf=await shelf(ystad))
        answer = await client.post("/api/intakes", json=sent)
        assert answer.status_code == 409
        assert answer.json()["error"].startswith("label_")
        assert await Item.count().where(Item.id == sent["id"]) == 0
        assert await ItemCard.count().where(ItemCard.item == sent["id"]) == 0

    async def test_an_unknown_shelf_refuses_it_and_leaves_the_label_free(self, client, ystad):
        await warehouse(client, ystad)
        label = await make_code(ystad.id)
        answer = await client.post("/api/intakes", json=intake(label=label, shelf=await make_code(ystad.id)))
        assert (answer.status_code, answer.json()["error"].startswith("shelf_")) == (409, True)
        code = await Code.select(Code.status, Code.item).where(Code.text == label).first()
        assert (code["status"], code["item"]) == ("unlinked", None)

    async def test_a_taken_inventory_number_is_a_conflict(self, client, ystad):
        await warehouse(client, ystad)
        sent = intake(new_label=True, inventory_number="INV-1")
        assert (await client.post("/api/intakes", json=sent)).status_code == 201
        again = await client.post("/api/intakes", json={**sent, "id": str(uuid4())})
        assert (again.status_code, again.json()["error"]) == (409, "inventory_number_taken")

    async def test_another_municipality_s_label_or_shelf_is_not_used(self, client, ystad, skurup):
        await warehouse(client, ystad)
        theirs = await make_code(skurup.id)
        answer = await client.post("/api/intakes", json=intake(label=theirs))
        assert answer.status_code == 409
        assert (await Code.select(Code.status).where(Code.text == theirs).first())["status"] == "unlinked"

    async def test_an_id_of_another_municipality_s_item_is_refused(self, client, ystad, skurup):
        theirs = await make_item(skurup.id, skurup.ame_unit, "Deras")
        await warehouse(client, ystad)
        answer = await client.post("/api/intakes", json=intake(id=str(theirs), new_label=True))
        assert (answer.status_code, answer.json()["error"]) == (409, "id_reused")
        assert (await Item.select(Item.title).where(Item.id == theirs).first())["title"] == "Deras"


class TestBadInput:
    @pytest.mark.parametrize("fields", [
        {},  # neither label nor new label
        {"label": "ABCD-EFGH", "new_label": True},
        {"new_label": True, "title": "   "},
        {"new_label": True, "title": "x" * 61},
        {"new_label": True, "width_cm": 0},
        {"new_label": True, "condition": "fine"},
        {"new_label": True, "category_id": str(uuid4())},
        {"new_label": True, "device_time": "2026-12-07T09:30:00"},
    ])
    async def test_is_refused_with_a_reason(self, client, ystad, fields):
        await warehouse(client, ystad)
        answer = await client.post("/api/intakes", json=intake(**fields))
        assert answer.status_code == 400, answer.text
        assert answer.json()["detail"]

    async def test_an_employee_may_not_take_in(self, client, ystad):
        await login(client, ystad.employee_email)
        assert (await client.post("/api/intakes", json=intake(new_label=True))).status_code == 403
