"""Intake photos taken offline: downsized on the phone, stripped of metadata, kept until upload."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.browser.field import WAREHOUSE, controlled_by_worker, sign_in

pytestmark = pytest.mark.browser

GPS_IFD = 0x8825


def camera_photo() -> bytes:
    """A 4000 × 3000 JPEG with a GPS position in its EXIF, as a phone camera writes it."""
    image = Image.new("RGB", (4000, 3000), (180, 120, 60))
    exif = Image.Exif()
    exif[0x010F] = "PhoneMaker"
    exif.get_ifd(GPS_IFD)[2] = (55.0, 28.0, 0.0)
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, quality=80)
    return out.getvalue()


class TestPhotoQueue:
    def test_photo_is_stored_downsized_without_its_location_until_it_can_be_sent(self, page):
        photo = camera_photo()
        assert b"PhoneMaker" in photo
        sign_in(page, WAREHOUSE)
        controlled_by_worker(page)
        page.context.set_offline(True)
        page.goto("/skanna")
        stored = page.evaluate(
            """async (b64) => {
                const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
                const { queuePhoto } = await import("/js/outbox/photos.js");
                await queuePhoto("6c0a5d1e-2f0e-4c57-9d52-5d4c1d1b2a10", new Blob([bytes], { type: "image/jpeg" }));
                const { openDb, PHOTO_STORE } = await import("/js/db.js");
                const db = await openDb();
                const rows = await new Promise((resolve) => {
                    const request = db.transaction(PHOTO_STORE).objectStore(PHOTO_STORE).getAll();
                    request.onsuccess = () => resolve(request.result);
                });
                const buffer = new Uint8Array(await rows[0].blob.arrayBuffer());
                let binary = "";
                for (const byte of buffer) binary += String.fromCharCode(byte);
                return { count: rows.length, itemId: rows[0].itemId, type: rows[0].blob.type, b64: btoa(binary) };
            }""",
            base64.b64encode(photo).decode(),
        )
        assert stored["count"] == 1
        assert stored["itemId"] == "6c0a5d1e-2f0e-4c57-9d52-5d4c1d1b2a10"
        assert stored["type"] == "image/jpeg"
        data = base64.b64decode(stored["b64"])
        image = Image.open(io.BytesIO(data))
        assert max(image.size) == 1600 and image.size == (1600, 1200)
        assert b"PhoneMaker" not in data and not image.getexif(), "metadata must not leave the phone"
        assert len(data) < len(photo)
        expect(page.get_by_test_id("outbox-waiting")).to_contain_text("1 foto väntar")
        page.context.set_offline(False)

    def test_a_photo_the_server_refuses_for_good_leaves_the_queue_with_the_reason(self, page):
        """An unknown item (404) can never take the photo: it must not hold back the photos behind it."""
        sign_in(page, WAREHOUSE)
        controlled_by_worker(page)
        page.context.set_offline(True)
        page.goto("/skanna")
        page.evaluate(
            """async () => {
                const { queuePhoto } = await import("/js/outbox/photos.js");
                const canvas = new OffscreenCanvas(64, 48);
                canvas.getContext("2d").fillRect(0, 0, 64, 48);
                const blob = await canvas.convertToBlob({ type: "image/jpeg" });
                await queuePhoto("00000000-0000-4000-8000-000000000001", blob, { title: "Okänd sak" });
            }"""
        )
        expect(page.get_by_test_id("outbox-waiting")).to_contain_text("1 foto väntar")
        page.context.set_offline(False)
        expect(page.get_by_test_id("photo-result")).to_contain_text("Fotot av Okänd sak sparades inte.")
        expect(page.get_by_test_id("outbox-waiting")).not_to_contain_text("foto väntar")
