"""An item's register card and the municipality's custom register fields, through the API."""

from __future__ import annotations

import asyncio

import pytest

from tests.backend.codes.test_service import warehouse
from tests.factories import login, make_item, make_user

pytestmark = pytest.mark.anyio

CARD = {"width_cm": 120, "depth_cm": 60, "height_cm": 72, "weight_g": 31_500, "material": "Ek", "brand": "Kinnarps",
        "model": "Oberon", "serial_number": "SN-9", "inventory_number": "INV-001", "purchase_year": 2019,
        "purchase_price_ore": 1_250_000, "condition": "good"}


async def define(client, tenant, name="Färg", kind="list", options=("Röd", "Blå")):
    await login(client, tenant.admin_email)
    answer = await client.post("/api/register-fields", json={"name": name, "kind": kind,
                                                             "options": list(options) if kind == "list" else []})
    assert answer.status_code == 201, answer.text
    return answer.json()


async def save(client, item, **fields):
    return await client.put(f"/api/items/{item}/register", json={"version": 0, **fields})


class TestItemCard:
    async def test_an_item_without_a_card_reads_empty_at_version_0(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit, "Skrivbord")
        await warehouse(client, ystad)
        card = (await client.get(f"/api/items/{item}/register")).json()
        assert (card["title"], card["version"], card["inventory_number"], card["custodian_unit"]) == (
            "Skrivbord", 0, "", None)

    async def test_every_field_and_the_custodian_round_trip(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit, "Skrivbord")
        await warehouse(client, ystad)
        saved = await save(client, item, **CARD, custodian_unit_id=str(ystad.admin_unit),
                           custodian_person_id=str(ystad.employee))
        assert saved.status_code == 200, saved.text
        card = (await client.get(f"/api/items/{item}/register")).json()
        assert {k: card[k] for k in CARD} == CARD
        assert (card["custodian_unit"]["name"], card["custodian_person"]["id"], card["version"]) == (
            "Kommunledningsförvaltningen", str(ystad.employee), 1)

    async def test_a_stale_version_is_refused(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit)
        await warehouse(client, ystad)
        assert (await save(client, item, material="Ek")).status_code == 200
        stale = await save(client, item, material="Bok")
        assert (stale.status_code, stale.json()["error"]) == (409, "stale_version")
        again = await client.put(f"/api/items/{item}/register", json={"version": 1, "material": "Bok"})
        assert again.json()["version"] == 2

    async def test_a_duplicate_inventory_number_is_a_conflict(self, client, ystad):
        first, second = await make_item(ystad.id, ystad.ame_unit), await make_item(ystad.id, ystad.ame_unit)
        await warehouse(client, ystad)
        assert (await save(client, first, inventory_number="INV-7")).status_code == 200
        taken = await save(client, second, inventory_number=" INV-7 ")
        assert (taken.status_code, taken.json()["error"]) == (409, "inventory_number_taken")

    async def test_two_saves_of_one_inventory_number_at_once_keep_one(self, client, ystad):
        items = [await make_item(ystad.id, ystad.ame_unit) for _ in range(2)]
        await warehouse(client, ystad)
        answers = await asyncio.gather(*(save(client, item, inventory_number="INV-9") for item in items))
        assert sorted(a.status_code for a in answers) == [200, 409], [a.text for a in answers]

    async def test_two_first_saves_of_one_card_at_once_keep_one(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit)
        await warehouse(client, ystad)
        answers = await asyncio.gather(*(save(client, item, material=m) for m in ("Ek", "Bok")))
        assert sorted(a.status_code for a in answers) == [200, 409], [a.text for a in answers]

    async def test_many_items_may_have_no_inventory_number(self, client, ystad):
        first, second = await make_item(ystad.id, ystad.ame_unit), await make_item(ystad.id, ystad.ame_unit)
        await warehouse(client, ystad)
        assert (await save(client, first, inventory_number="")).status_code == 200
        assert (await save(client, second, inventory_number="")).status_code == 200

    async def test_another_municipality_may_use_the_same_inventory_number(self, client, ystad, skurup):
        ours, theirs = await make_item(ystad.id, ystad.ame_unit), await make_item(skurup.id, skurup.ame_unit)
        await warehouse(client, skurup)
        assert (await save(client, theirs, inventory_number="INV-1")).status_code == 200
        await warehouse(client, ystad)
        assert (await save(client, ours, inventory_number="INV-1")).status_code == 200

    @pytest.mark.parametrize("fields", [
        {"width_cm": 0}, {"weight_g": 50_000_001}, {"material": "x" * 101}, {"inventory_number": "x" * 51},
        {"purchase_year": 1899}, {"purchase_price_ore": -1}, {"condition": "shiny"}, {"brand": "a\x00b"},
    ])
    async def test_values_out_of_bounds_are_refused(self, client, ystad, fields):
        item = await make_item(ystad.id, ystad.ame_unit)
        await warehouse(client, ystad)
        assert (await save(client, item, **fields)).status_code == 400

    async def test_a_custodian_of_another_municipality_is_refused(self, client, ystad, skurup):
        item = await make_item(ystad.id, ystad.ame_unit)
        await warehouse(client, ystad)
        assert (await save(client, item, custodian_unit_id=str(skurup.ame_unit))).json()["error"] == "unknown_unit"
        assert (await save(client, item, custodian_person_id=str(skurup.employee))).json()["error"] == "unknown_person"

    async def test_another_municipalitys_item_is_not_found(self, client, ystad, skurup):
        theirs = await make_item(skurup.id, skurup.ame_unit)
        await warehouse(client, ystad)
        assert (await client.get(f"/api/items/{theirs}/register")).status_code == 404
        assert (await save(client, theirs, material="Ek")).status_code == 404

    async def test_an_employee_can_neither_read_nor_save_a_card(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit)
        await login(client, ystad.employee_email)
        assert (await client.get(f"/api/items/{item}/register")).status_code == 403
        assert (await save(client, item, material="Ek")).status_code == 403

    async def test_a_reporter_reads_but_cannot_save(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit)
        await make_user(ystad.id, ystad.ame_unit, "rapport@ystad.test", "reporter")
        await login(client, "rapport@ystad.test")
        assert (await client.get(f"/api/items/{item}/register")).status_code == 200
        assert (await save(client, item, material="Ek")).status_code == 403


class TestCustomValues:
    async def test_each_kind_keeps_its_canonical_value(self, client, ystad):
        fields = [await define(client, ystad, "Färg"), await define(client, ystad, "Anteckning", "text"),
                  await define(client, ystad, "Effekt", "number"), await define(client, ystad, "Besiktad", "date")]
        item = await make_item(ystad.id, ystad.ame_unit)
        await warehouse(client, ystad)
        given = ["Blå", "Repa på vänster sida", "12,50", "2026-11-30"]
        values = [{"field_id": f["id"], "value": v} for f, v in zip(fields, given, strict=True)]
        saved = await save(client, item, values=values)
        assert saved.status_code == 200, saved.text
        card = (await client.get(f"/api/items/{item}/register")).json()
        assert [(v["name"], v["kind"], v["value"]) for v in card["values"]] == [
            ("Färg", "list", "Blå"), ("Anteckning", "text", "Repa på vänster sida"), ("Effekt", "number", "12.5"),
            ("Besiktad", "date", "2026-11-30")]

    @pytest.mark.parametrize(("kind", "value", "error"), [
        ("list", "Grön", "not_an_option"), ("number", "tolv", "not_a_number"), ("date", "30/11/2026", "not_a_date"),
        ("date", "2026-02-30", "not_a_date"),
    ])
    async def test_a_value_not_of_the_fields_kind_is_refused(self, client, ystad, kind, value, error):
        field = await define(client, ystad, "Fält", kind)
        item = await make_item(ystad.id, ystad.ame_unit)
        await warehouse(client, ystad)
        refused = await save(client, item, values=[{"field_id": field["id"], "value": value}])
        assert (refused.status_code, refused.json()["error"]) == (400, error)
        assert "Fält" in refused.json()["detail"]

    @pytest.mark.parametrize(("given", "kept"), [("100,0", "100"), ("-0.50", "-0.5"), (" 7 ", "7")])
    async def test_a_number_is_kept_in_plain_decimals(self, client, ystad, given, kept):
        field = await define(client, ystad, "Effekt", "number")
        item = await make_item(ystad.id, ystad.ame_unit)
        saved = await save(client, item, values=[{"field_id": field["id"], "value": given}])
        assert saved.json()["values"][0]["value"] == kept

    async def test_an_empty_value_clears_it_and_values_not_given_are_kept(self, client, ystad):
        colour, note = await define(client, ystad, "Färg"), await define(client, ystad, "Anteckning", "text")
        item = await make_item(ystad.id, ystad.ame_unit)
        await warehouse(client, ystad)
        await save(client, item, values=[{"field_id": colour["id"], "value": "Röd"},
                                         {"field_id": note["id"], "value": "Hej"}])
        answer = await client.put(f"/api/items/{item}/register",
                                  json={"version": 1, "values": [{"field_id": colour["id"], "value": ""}]})
        assert [v["value"] for v in answer.json()["values"]] == ["", "Hej"]

    async def test_another_municipalitys_field_is_refused(self, client, ystad, skurup):
        theirs = await define(client, skurup, "Färg")
        item = await make_item(ystad.id, ystad.ame_unit)
        await warehouse(client, ystad)
        refused = await save(client, item, values=[{"field_id": theirs["id"], "value": "Röd"}])
        assert refused.json()["error"] == "unknown_field"


class TestFieldDefinitions:
    async def test_an_admin_defines_renames_and_removes_a_field(self, client, ystad):
        field = await define(client, ystad, "Färg")
        renamed = await client.put(f"/api/register-fields/{field['id']}",
                                   json={"name": "Kulör", "kind": "list", "options": ["Röd", "Blå", "Grön"],
                                         "version": 1})
        assert (renamed.json()["name"], renamed.json()["options"], renamed.json()["version"]) == (
            "Kulör", ["Röd", "Blå", "Grön"], 2)
        assert (await client.delete(f"/api/register-fields/{field['id']}")).status_code == 204
        assert (await client.get("/api/register-fields")).json() == []

    async def test_warehouse_staff_read_the_fields_but_cannot_define_one(self, client, ystad):
        await define(client, ystad, "Färg")
        await warehouse(client, ystad)
        assert [f["name"] for f in (await client.get("/api/register-fields")).json()] == ["Färg"]
        refused = await client.post("/api/register-fields", json={"name": "Ny", "kind": "text"})
        assert refused.status_code == 403

    @pytest.mark.parametrize("body", [
        {"name": "Färg", "kind": "list", "options": []}, {"name": "Not", "kind": "text", "options": ["a"]},
        {"name": "Färg", "kind": "list", "options": ["a", "a"]}, {"name": " ", "kind": "text"},
        {"name": "x" * 61, "kind": "text"}, {"name": "Färg", "kind": "colour"},
    ])
    async def test_a_malformed_field_is_refused(self, client, ystad, body):
        await login(client, ystad.admin_email)
        assert (await client.post("/api/register-fields", json=body)).status_code == 400

    async def test_names_are_unique_and_at_most_30_fields(self, client, ystad):
        for n in range(30):
            await define(client, ystad, f"Fält {n}", "text")
        again = await client.post("/api/register-fields", json={"name": "fält 3", "kind": "text"})
        assert (again.status_code, again.json()["error"]) == (409, "too_many_fields")
        await client.delete(f"/api/register-fields/{(await client.get('/api/register-fields')).json()[0]['id']}")
        again = await client.post("/api/register-fields", json={"name": "fält 3", "kind": "text"})
        assert (again.status_code, again.json()["error"]) == (409, "field_name_taken")

    async def test_an_option_or_kind_in_use_is_kept(self, client, ystad):
        field = await define(client, ystad, "Färg")
        item = await make_item(ystad.id, ystad.ame_unit)
        await save(client, item, values=[{"field_id": field["id"], "value": "Röd"}])
        lost = await client.put(f"/api/register-fields/{field['id']}",
                                json={"name": "Färg", "kind": "list", "options": ["Blå"], "version": 1})
        assert (lost.status_code, lost.json()["error"]) == (409, "option_in_use")
        kind = await client.put(f"/api/register-fields/{field['id']}", json={"name": "Färg", "kind": "text",
                                                                             "version": 1})
        assert kind.json()["error"] == "field_in_use"

    async def test_another_municipalitys_field_is_not_found(self, client, ystad, skurup):
        theirs = await define(client, skurup, "Färg")
        await login(client, ystad.admin_email)
        assert (await client.delete(f"/api/register-fields/{theirs['id']}")).status_code == 404
        assert (await client.get("/api/register-fields")).json() == []
