"""Linking a fresh label from a photo: on /koppla the warehouse photographs an unlabelled item with
its pre-printed label on, the photo waits in the outbox, and the server links the label it reads."""

from __future__ import annotations

import base64
import io

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from backend.codes.photos import codes_in_photo
from labels import ROLLS, LabelContent, render_label_png
from tests.browser.field import WAREHOUSE, sign_in

pytestmark = pytest.mark.browser

TITLE = "Plåtskåp med hjul"
LENA = "Lena Ek"  # the demo warehouse worker of Skurup (WAREHOUSE)
BACKGROUND = (120, 124, 128)


def wide_shot(code: str) -> bytes:
    """A 4000 × 3000 camera JPEG of a grey cabinet, its label small in the frame and a little turned."""
    png = render_label_png(LabelContent(code, "Skåp", "Skurup", "delbar.se"), ROLLS["DK-11209"])
    label = Image.open(io.BytesIO(png)).convert("RGB")
    label = label.resize((round(label.width * 0.4), round(label.height * 0.4)), Image.Resampling.LANCZOS)
    label = label.rotate(6, Image.Resampling.BICUBIC, expand=True, fillcolor=BACKGROUND)
    photo = Image.new("RGB", (4000, 3000), BACKGROUND)
    photo.paste(label, (1300, 1000))
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=85)
    return out.getvalue()


def unlabelled_item_and_fresh_label(page: Page) -> tuple[str, str, str]:
    """A new listing and its item (no label yet), and the one code of a new pre-printed batch."""
    headers = {"X-CSRF-Token": page.evaluate("import('/js/csrf.js').then((m) => m.getCsrfToken())")}
    listing = page.request.post("/api/listings", headers=headers,
                                data={"kind": "furniture", "deal": "give", "title": TITLE}).json()
    batch = page.request.post("/api/code-batches", headers=headers, data={"name": "Rulle för foton", "size": 1}).json()
    (code,) = [c["code"] for c in page.request.get(f"/api/code-batches/{batch['id']}/codes").json()]
    return listing["id"], listing["items"][0]["id"], code


def queued_photos(page: Page) -> list[dict]:
    """The photos waiting in IndexedDB, each with its JPEG as base64."""
    return page.evaluate(
        """async () => {
            const { openDb, PHOTO_STORE } = await import("/js/db.js");
            const db = await openDb();
            const rows = await new Promise((resolve) => {
                const request = db.transaction(PHOTO_STORE).objectStore(PHOTO_STORE).getAll();
                request.onsuccess = () => resolve(request.result);
            });
            const b64 = async (blob) => {
                let binary = "";
                for (const byte of new Uint8Array(await blob.arrayBuffer())) binary += String.fromCharCode(byte);
                return btoa(binary);
            };
            return Promise.all(rows.map(async ({ blob, ...row }) => ({ ...row, jpeg: await b64(blob) })));
        }"""
    )


def downsized_as_other_photos(page: Page, photo: bytes) -> bytes:
    """The same camera file brought down to the 1600 px that the other intake photos get."""
    b64 = page.evaluate(
        """async (b64) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const { downsize } = await import("/js/outbox/photos.js");
            const blob = await downsize(new Blob([bytes], { type: "image/jpeg" }));
            let binary = "";
            for (const byte of new Uint8Array(await blob.arrayBuffer())) binary += String.fromCharCode(byte);
            return btoa(binary);
        }""",
        base64.b64encode(photo).decode(),
    )
    return base64.b64decode(b64)


class TestPhotographWithTheLabel:
    def test_a_photo_of_an_unlabelled_item_links_its_fresh_label(self, page: Page):
        sign_in(page, WAREHOUSE)
        listing, item, code = unlabelled_item_and_fresh_label(page)
        me = page.request.get("/api/session").json()["user"]["id"]
        page.goto("/koppla")
        camera = page.get_by_label(f"Fotografera med etiketten: {TITLE}")
        row = page.locator("li", has=camera)
        expect(camera).to_have_attribute("capture", "environment")
        expect(camera).to_have_attribute("accept", "image/*")
        expect(row.get_by_text("Fotografera med etiketten", exact=True)).to_be_visible()

        # Out of range in the store room: the photo waits on the phone, under the person who took it.
        page.context.set_offline(True)
        photo = wide_shot(code)
        camera.set_input_files({"name": "IMG_2041.jpg", "mimeType": "image/jpeg", "buffer": photo})
        expect(row.get_by_role("status")).to_have_text(
            "Fotot är sparat och laddas upp när det finns nät. Då kopplas etiketten på fotot.")
        (queued,) = queued_photos(page)
        assert (queued["itemId"], queued["title"], queued["owner"]["id"]) == (item, TITLE, me)
        stored = base64.b64decode(queued["jpeg"])
        assert Image.open(io.BytesIO(stored)).size == (2400, 1800), "a photo of a label keeps 2400 px"
        # The label is small in the frame: at the 1600 px of other photos it would not read at all.
        assert codes_in_photo(stored) == [code]
        assert codes_in_photo(downsized_as_other_photos(page, photo)) == []

        page.context.set_offline(False)
        expect(page.get_by_test_id("photo-result")).to_have_text(
            f"Fotot av {TITLE} är uppladdat. Etiketten {code} på fotot är nu kopplad till saken.", timeout=20_000)
        expect(camera).to_have_count(0)  # labelled now: off the list without reloading the page
        history = page.request.get(f"/api/items/{item}/history").json()
        assert [(event["action"], event["actor_name"]) for event in history] == [("link", LENA)]
        assert page.request.get(f"/api/codes/{code}").json()["target"]["id"] == item
        assert len(page.request.get(f"/api/listings/{listing}").json()["photos"]) == 1, "uploaded once"
        assert queued_photos(page) == []
