"""The warehouse's list of register items: newest first, searched by words, with the label code in use."""

from __future__ import annotations

import pytest

from tests.backend.codes.test_service import warehouse
from tests.factories import login, make_code, make_item, make_location

pytestmark = pytest.mark.anyio


class TestRegisterList:
    async def test_items_show_their_place_and_code_newest_first(self, client, ystad):
        shelf = await make_location(ystad.id, "Hylla Ö1")
        old = await make_item(ystad.id, ystad.ame_unit, "Skrivbord ek", state="in_storage", location=shelf)
        code = await make_code(ystad.id, item=old)
        new = await make_item(ystad.id, ystad.ame_unit, "Kontorsstol blå")
        await warehouse(client, ystad)
        rows = (await client.get("/api/items")).json()
        assert [(r["id"], r["code"], r["location_name"]) for r in rows] == [
            (str(new), None, None), (str(old), code, "Hylla Ö1")]

    async def test_every_word_must_match_the_title_or_the_place(self, client, ystad):
        shelf = await make_location(ystad.id, "Hylla Ö1")
        await make_item(ystad.id, ystad.ame_unit, "Skrivbord ek", location=shelf)
        await make_item(ystad.id, ystad.ame_unit, "Skrivbord vit")
        await warehouse(client, ystad)
        rows = (await client.get("/api/items", params={"q": "skrivbord ö1"})).json()
        assert [r["title"] for r in rows] == ["Skrivbord ek"]

    async def test_items_gone_from_the_register_and_other_municipalities_are_not_listed(self, client, ystad, skurup):
        await make_item(ystad.id, ystad.ame_unit, "Bortskänkt stol", state="given_away")
        await make_item(skurup.id, skurup.ame_unit, "Skurups stol")
        await warehouse(client, ystad)
        assert (await client.get("/api/items")).json() == []

    async def test_an_employee_cannot_list_the_register(self, client, ystad):
        await login(client, ystad.employee_email)
        assert (await client.get("/api/items")).status_code == 403
