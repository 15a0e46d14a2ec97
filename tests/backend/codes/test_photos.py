"""Labels in photos: our codes found in an upload, someone else's and unreadable ones left out."""

from __future__ import annotations

import io

import pytest
from PIL import Image

from labels import ROLLS, LabelContent, render_label_png
from labels.scan import phone_photo
from tests.backend.codes.test_service import warehouse
from tests.factories import make_code, make_item

pytestmark = pytest.mark.anyio


def photo_of(*codes: str, host: str = "delbar.se") -> bytes:
    """A JPEG phone photo of labels lying side by side on a table."""
    labels = [Image.open(io.BytesIO(render_label_png(LabelContent(c, "Stol", "Ystad", host), ROLLS["DK-11209"])))
              for c in codes]
    table = Image.new("L", (sum(label.width for label in labels) + 200, max(label.height for label in labels) + 200), 230)
    x = 100
    for label in labels:
        table.paste(label.convert("L"), (x, 100))
        x += label.width
    buffer = io.BytesIO()
    phone_photo(table, 0.6).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


async def upload(client, data: bytes, name: str = "photo.jpg"):
    return await client.post("/api/codes/in-photo", files={"data": (name, data, "image/jpeg")})


class TestCodesInPhoto:
    async def test_our_labels_in_a_photo_are_found_with_their_items(self, client, ystad, skurup):
        item = await make_item(ystad.id, ystad.ame_unit, "Stol")
        ours = await make_code(ystad.id, item=item)
        theirs = await make_code(skurup.id)
        await warehouse(client, ystad)
        body = (await upload(client, photo_of(ours, theirs))).json()
        assert body["readable"] is True
        assert [(c["code"], c["target"]["id"]) for c in body["codes"]] == [(ours, str(item))]

    async def test_a_photo_without_a_label_says_so(self, client, ystad):
        await warehouse(client, ystad)
        buffer = io.BytesIO()
        Image.new("RGB", (640, 480), (200, 180, 160)).save(buffer, "JPEG")
        assert (await upload(client, buffer.getvalue())).json() == {"codes": [], "readable": False}

    async def test_a_file_that_is_not_an_image_is_a_400(self, client, ystad):
        await warehouse(client, ystad)
        response = await upload(client, b"%PDF-1.4 not a photo", "x.pdf")
        assert response.status_code == 400 and response.json()["error"] == "unreadable_image"

    async def test_a_decompression_bomb_is_refused(self, client, ystad):
        await warehouse(client, ystad)
        buffer = io.BytesIO()
        Image.new("1", (6000, 6000), 1).save(buffer, "PNG")
        response = await upload(client, buffer.getvalue(), "bomb.png")
        assert response.status_code == 400 and response.json()["error"] == "image_too_large"
