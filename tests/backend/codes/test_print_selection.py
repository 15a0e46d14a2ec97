"""Labels for a chosen list of items: one document, each label with its item's title, codes given first."""

from __future__ import annotations

from uuid import uuid4

import pytest

from backend.codes.schemas import MAX_SELECTION
from backend.codes.tables import Code
from tests.backend.codes.test_service import warehouse
from tests.factories import login, make_code, make_item

pytestmark = pytest.mark.anyio


async def linked(item) -> list[str]:
    rows = await Code.select(Code.text).where(Code.item == item, Code.status == "linked")
    return [r["text"] for r in rows]


class TestPrintSelection:
    async def test_each_label_has_its_title_and_an_item_without_a_code_gets_one(self, client, ystad):
        labelled = await make_item(ystad.id, ystad.ame_unit, "Skrivbord ek")
        code = await make_code(ystad.id, item=labelled)
        bare = await make_item(ystad.id, ystad.ame_unit, "Kontorsstol blå")
        await warehouse(client, ystad)
        response = await client.post("/api/labels/selection", json={
            "item_ids": [str(bare), str(labelled)], "stock": "zebra-203"})
        assert response.status_code == 200
        (given,) = await linked(bare)
        assert await linked(labelled) == [code]
        zpl = response.text
        assert zpl.count("^XA") == 2
        assert zpl.index(f"/Q/{given}") < zpl.index("Kontorsstol") < zpl.index(f"/Q/{code}") < zpl.index("Skrivbord")

    async def test_a_sheet_is_one_pdf(self, client, ystad):
        items = [await make_item(ystad.id, ystad.ame_unit, f"Stol {i}") for i in range(3)]
        await warehouse(client, ystad)
        response = await client.post("/api/labels/selection", json={
            "item_ids": [str(i) for i in items], "stock": "L7160", "start": 4})
        assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
        assert response.content.startswith(b"%PDF")

    async def test_an_item_named_twice_is_printed_once(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit, "Bokhylla")
        await warehouse(client, ystad)
        response = await client.post("/api/labels/selection", json={"item_ids": [str(item)] * 2, "stock": "zebra-300"})
        assert response.text.count("^XA") == 1 and len(await linked(item)) == 1

    @pytest.mark.parametrize("count", [0, MAX_SELECTION + 1])
    async def test_an_empty_or_too_long_selection_is_a_400(self, client, ystad, count):
        await warehouse(client, ystad)
        response = await client.post("/api/labels/selection", json={
            "item_ids": [str(uuid4()) for _ in range(count)], "stock": "L7160"})
        assert response.status_code == 400

    async def test_another_municipality_s_item_is_a_404_and_no_code_is_given(self, client, ystad, skurup):
        ours = await make_item(ystad.id, ystad.ame_unit, "Vår stol")
        theirs = await make_item(skurup.id, skurup.ame_unit, "Deras stol")
        await warehouse(client, ystad)
        response = await client.post("/api/labels/selection", json={
            "item_ids": [str(ours), str(theirs)], "stock": "L7160"})
        assert response.status_code == 404
        assert await linked(ours) == [] and await linked(theirs) == []

    async def test_an_employee_cannot_print(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit, "Stol")
        await login(client, ystad.employee_email)
        response = await client.post("/api/labels/selection", json={"item_ids": [str(item)], "stock": "L7160"})
        assert response.status_code == 403 and await linked(item) == []

    async def test_the_bound_is_in_the_openapi_document(self, client):
        schema = (await client.get("/schema/openapi.json")).json()["components"]["schemas"]["LabelSelection"]
        assert schema["properties"]["item_ids"]["maxItems"] == MAX_SELECTION
