"""Labels in photos: our codes found in an upload, someone else's and unreadable ones left out."""

from __future__ import annotations

import io
import struct
import zlib

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
    size = (sum(label.width for label in labels) + 200, max(label.height for label in labels) + 200)
    table = Image.new("L", size, 230)
    x = 100
    for label in labels:
        table.paste(label.convert("L"), (x, 100))
        x += label.width
    buffer = io.BytesIO()
    phone_photo(table, 0.6).save(buffer, "JPEG", quality=80)
    return buffer.getvalue()


def png_with_text_bomb(inflated_mb: int = 50) -> bytes:
    """A 1x1 PNG whose zTXt chunk inflates to `inflated_mb` MB: tiny on the wire, huge in memory."""
    buffer = io.BytesIO()
    Image.new("RGB", (1, 1)).save(buffer, "PNG")
    png = buffer.getvalue()
    body = b"Comment\0\0" + zlib.compress(b"\0" * (inflated_mb * 1024 * 1024), 9)
    chunk = struct.pack(">I", len(body)) + b"zTXt" + body + struct.pack(">I", zlib.crc32(b"zTXt" + body))
    return png[:33] + chunk + png[33:]  # after the signature and IHDR


async def upload(client, data: bytes, name: str = "photo.jpg"):
    return await client.post("/api/codes/in-photo", files={"file": (name, data, "image/jpeg")})


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

    async def test_a_file_that_is_not_an_image_is_a_415_as_on_every_photo_endpoint(self, client, ystad):
        await warehouse(client, ystad)
        response = await upload(client, b"%PDF-1.4 not a photo", "x.pdf")
        assert response.status_code == 415 and response.json()["error"] == "not_an_image"

    async def test_a_png_whose_text_inflates_to_50_mb_is_a_415(self, client, ystad):
        await warehouse(client, ystad)
        response = await upload(client, png_with_text_bomb(), "bomb.png")
        assert response.status_code == 415 and response.json()["error"] == "not_an_image"

    async def test_a_body_without_the_file_part_is_a_400_that_names_it(self, client, ystad):
        await warehouse(client, ystad)
        body = b'--b\r\nContent-Disposition: form-data; name="note"\r\n\r\nhej\r\n--b--\r\n'
        response = await client.post("/api/codes/in-photo", content=body,
                                     headers={"Content-Type": "multipart/form-data; boundary=b"})
        assert response.status_code == 400 and "`file`" in response.json()["detail"]

    async def test_a_decompression_bomb_is_refused(self, client, ystad):
        await warehouse(client, ystad)
        buffer = io.BytesIO()
        Image.new("1", (6000, 6000), 1).save(buffer, "PNG")
        response = await upload(client, buffer.getvalue(), "bomb.png")
        assert response.status_code == 413 and response.json()["error"] == "photo_too_many_pixels"
