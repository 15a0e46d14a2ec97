"""Printing from the app: every format renders, and what it renders scans back to the right code."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from labels.scan import decode_payloads
from tests.backend.codes.test_service import warehouse
from tests.factories import make_code, make_item, make_location

pytestmark = pytest.mark.anyio


class TestRenderLabels:
    async def test_batch_on_an_a4_sheet_is_a_pdf_at_a4_size(self, client, ystad):
        await warehouse(client, ystad)
        batch = (await client.post("/api/code-batches", json={"name": "Ark", "size": 21})).json()
        response = await client.get("/api/labels", params={"batch": batch["id"], "stock": "L7160"})
        assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
        assert b"/MediaBox [ 0 0 595.27" in response.content

    async def test_sheet_preview_decodes_to_a_batch_code(self, client, ystad):
        await warehouse(client, ystad)
        batch = (await client.post("/api/code-batches", json={"name": "Ark", "size": 3})).json()
        codes = {c["code"] for c in (await client.get(f"/api/code-batches/{batch['id']}/codes")).json()}
        response = await client.get("/api/labels",
                                    params={"batch": batch["id"], "stock": "L7163", "output": "label-png"})
        payloads = decode_payloads(Image.open(io.BytesIO(response.content)))
        assert payloads
        assert payloads[0] == f"HTTPS://TESTSERVER.LOCAL/Q/{payloads[0][-8:]}" and payloads[0][-8:] in codes

    @pytest.mark.parametrize("stock", ["L7160", "L7163", "L7162", "DK-22205", "DK-11209", "11355",
                                       "zebra-203", "zebra-300"])
    async def test_an_items_label_in_every_format_scans_to_its_code(self, client, ystad, stock):
        item = await make_item(ystad.id, ystad.ame_unit, "Höj- och sänkbart skrivbord")
        code = await make_code(ystad.id, item=item)
        await warehouse(client, ystad)
        preview = await client.get("/api/labels", params={"item": str(item), "stock": stock, "output": "label-png"})
        assert decode_payloads(Image.open(io.BytesIO(preview.content))) == [f"HTTPS://TESTSERVER.LOCAL/Q/{code}"]
        document = await client.get("/api/labels", params={"item": str(item), "stock": stock})
        if stock.startswith("zebra"):
            assert f"QM,AHTTPS://TESTSERVER.LOCAL/Q/{code}" in document.text
        else:
            assert document.content.startswith(b"%PDF")

    async def test_first_page_preview_starts_at_the_chosen_position(self, client, ystad):
        site = await make_location(ystad.id, "Hylla C3", kind="site")
        code = await make_code(ystad.id, location=site)
        await warehouse(client, ystad)
        response = await client.get("/api/labels",
                                    params={"location": str(site), "stock": "L7160", "output": "page-png", "start": 5})
        page = Image.open(io.BytesIO(response.content))
        assert page.size == (827, 1169)  # A4 at 100 dpi
        # Position 5 of a 3-column L7160 is the middle of row 2: the top row stays blank.
        assert page.convert("L").crop((0, 0, 827, 180)).getextrema() == (255, 255)
        assert page.convert("L").crop((280, 200, 550, 340)).getextrema()[0] == 0
        del code

    async def test_configured_public_host_goes_on_the_label(self, ystad, settings, tmp_path):
        from dataclasses import replace

        from backend.app import create_app
        from tests.clients import app_client

        item = await make_item(ystad.id, ystad.ame_unit)
        code = await make_code(ystad.id, item=item)
        async with app_client(create_app(replace(settings, public_host="delbar.ystad.se"))) as client:
            await warehouse(client, ystad)
            response = await client.get("/api/labels", params={"item": str(item), "stock": "zebra-203"})
        assert f"HTTPS://DELBAR.YSTAD.SE/Q/{code}" in response.text

    async def test_item_without_a_code_is_refused(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit)
        await warehouse(client, ystad)
        response = await client.get("/api/labels", params={"item": str(item), "stock": "L7160"})
        assert response.status_code == 409 and response.json()["error"] == "no_code"

    async def test_another_municipalitys_item_is_not_found(self, client, ystad, skurup):
        item = await make_item(skurup.id, skurup.ame_unit)
        await make_code(skurup.id, item=item)
        await warehouse(client, ystad)
        assert (await client.get("/api/labels", params={"item": str(item), "stock": "L7160"})).status_code == 404

    async def test_nothing_chosen_and_unknown_stock_are_refused(self, client, ystad):
        await warehouse(client, ystad)
        assert (await client.get("/api/labels", params={"stock": "L7160"})).status_code == 400
        assert (await client.get("/api/labels", params={"stock": "A4-whatever"})).status_code == 400

    async def test_calibration_page_is_an_a4_pdf(self, client, ystad):
        await warehouse(client, ystad)
        response = await client.get("/api/labels/calibration", params={"stock": "L7162", "offset_x": 1.5})
        assert response.status_code == 200 and response.content.startswith(b"%PDF")
