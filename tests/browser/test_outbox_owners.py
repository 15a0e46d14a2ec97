"""A phone shared by two people: queued scans belong to whoever made them. Logging out tries to
send them and warns about what is left; the next person never sends them; their owner does."""

from __future__ import annotations

import base64
import io
import re
import time

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from labels import ROLLS, LabelContent, render_label_png
from tests.browser.field import DRIVER, WAREHOUSE, controlled_by_worker, outbox, sign_in_with_form, type_code
from tests.browser.seed import seed_rows

pytestmark = pytest.mark.browser

BATCH = "/api/scans/batch"
LENA = "Lena Ek"  # the demo warehouse worker of Skurup (WAREHOUSE)
AMINA = "Amina Hassan"  # the demo driver of Skurup (DRIVER)


def refuse_replays(page: Page) -> None:
    """The server refuses what the outbox replays for now, from the page and the service worker alike
    (the token the outbox sends is stale until the app next starts), while the app, logout included, works."""
    page.evaluate("import('/js/db.js').then((m) => m.metaSet('csrf_token', 'stale'))")


def accept_replays(page: Page) -> None:
    page.evaluate("Promise.all([import('/js/db.js'), import('/js/csrf.js')]).then(([db, csrf]) => "
                  "db.metaSet('csrf_token', csrf.getCsrfToken()))")


def audit(page: Page, code: str, *, refused: bool = False) -> None:
    """Scan an item for audit on the scan screen; refused: the server cannot take it now."""
    page.goto("/skanna")
    type_code(page, code)
    if refused:
        refuse_replays(page)
    page.locator("[data-action=audit]").click()
    expect(page.get_by_test_id("scan-feedback")).to_contain_text("Sparat")


def sync(page: Page) -> None:
    """Replay from the page and ask the service worker for a Background Sync replay as well."""
    page.evaluate("import('/js/outbox/sync.js').then((m) => Promise.all([m.syncNow(), m.requestBackgroundSync()]))")


def wait_for_outbox(page: Page, ids: list[str], timeout: float = 10) -> None:
    deadline = time.monotonic() + timeout
    while [e["id"] for e in outbox(page)] != ids:
        assert time.monotonic() < deadline, f"outbox holds {outbox(page)}, expected {ids}"
        page.wait_for_timeout(100)


def history(page: Page, item_id: str) -> list[dict]:
    return page.request.get(f"/api/items/{item_id}/history").json()


def log_out(page: Page) -> None:
    """Go home inside the app (no reload: the app's start would renew the outbox's token) and log out."""
    page.get_by_role("link", name="Delbar, till startsidan").click()
    page.get_by_role("button", name="Logga ut").click()


class TestSharedPhone:
    def test_scans_left_by_one_user_wait_for_them_and_are_never_sent_by_the_next(self, page, live_database):
        item = seed_rows(live_database, items=1)["items"][0]
        sign_in_with_form(page, WAREHOUSE)
        controlled_by_worker(page)
        audit(page, item["code"], refused=True)
        (queued,) = outbox(page)
        assert queued["code"] == item["code"]

        log_out(page)
        question = page.get_by_role("alertdialog")
        expect(question).to_contain_text("1 skanning har inte skickats än – logga ut ändå?")
        expect(question.get_by_role("button", name="Logga ut ändå")).to_be_focused()
        question.get_by_role("button", name="Logga ut ändå").click()
        expect(page.get_by_label("E-postadress")).to_be_visible()

        # The server takes writes again; the driver signs in on the same phone and scans something of her own.
        # Every batch from this phone, whether the page or its service worker (Background Sync) sends it.
        sent = []
        page.context.on("request",
                        lambda r: sent.append(r.post_data_json["events"]) if r.url.endswith(BATCH) else None)
        sign_in_with_form(page, DRIVER)
        expect(page.get_by_test_id("outbox-others")).to_have_text(
            f"1 skanning väntar på {LENA}. De skickas när {LENA} loggar in på den här telefonen igen.")
        mine = seed_rows(live_database, items=1)["items"][0]
        audit(page, mine["code"])
        sync(page)
        wait_for_outbox(page, [queued["id"]])  # the driver's own scan is sent, Lena's waits
        page.wait_for_timeout(1500)  # time for the worker's Background Sync replay too
        assert [e["id"] for e in outbox(page)] == [queued["id"]]
        assert sent and all(e["code"] != item["code"] for batch in sent for e in batch), "Lena's scan went out"
        assert history(page, item["id"]) == [], "Lena's scan was applied under the driver's session"
        assert [h["actor_name"] for h in history(page, mine["id"])] == [AMINA]
        expect(page.get_by_test_id("outbox-waiting")).to_have_text("Alla dina skanningar är skickade")

        # Her own scan is sent as her when she signs in again.
        log_out(page)
        expect(page.get_by_label("E-postadress")).to_be_visible()
        sign_in_with_form(page, WAREHOUSE)
        wait_for_outbox(page, [])  # sent at her login
        assert [(h["id"], h["action"], h["actor_name"]) for h in history(page, item["id"])] == [
            (queued["id"], "audit", LENA)]

    def test_the_owner_may_delete_what_is_unsent_when_logging_out(self, page, live_database):
        item = seed_rows(live_database, items=1)["items"][0]
        sign_in_with_form(page, WAREHOUSE)
        audit(page, item["code"], refused=True)
        log_out(page)
        page.get_by_role("alertdialog").get_by_role("button", name="Ta bort dem och logga ut").click()
        expect(page.get_by_label("E-postadress")).to_be_visible()
        assert outbox(page) == []
        sign_in_with_form(page, WAREHOUSE)
        assert history(page, item["id"]) == []

    def test_cancel_keeps_the_user_signed_in_and_nothing_is_lost(self, page, live_database):
        item = seed_rows(live_database, items=1)["items"][0]
        sign_in_with_form(page, WAREHOUSE)
        audit(page, item["code"], refused=True)
        log_out(page)
        page.get_by_role("alertdialog").get_by_role("button", name="Avbryt").click()
        expect(page.get_by_role("alertdialog")).to_be_hidden()
        expect(page.get_by_role("button", name="Logga ut")).to_be_focused()
        assert len(outbox(page)) == 1
        accept_replays(page)
        sync(page)
        expect(page.get_by_test_id("outbox-waiting")).to_have_text("Alla skanningar är skickade")
        assert len(history(page, item["id"])) == 1

    def test_with_nothing_unsent_logout_asks_nothing(self, page, live_database):
        item = seed_rows(live_database, items=1)["items"][0]
        sign_in_with_form(page, WAREHOUSE)
        audit(page, item["code"])  # the server takes it: sent at once, or at the latest before logging out
        log_out(page)
        expect(page.get_by_label("E-postadress")).to_be_visible()
        assert outbox(page) == []


def labelled_photo(code: str) -> bytes:
    """A 2000 × 1500 camera JPEG of a grey cabinet with a rendered label stuck on it, a little turned."""
    photo = Image.new("RGB", (2000, 1500), (120, 124, 128))
    png = render_label_png(LabelContent(code, "Skåp", "Skurup", "delbar.se"), ROLLS["DK-11209"])
    label = Image.open(io.BytesIO(png)).convert("RGB").rotate(6, Image.Resampling.BICUBIC, expand=True,
                                                               fillcolor=(120, 124, 128))
    photo.paste(label, (600, 500))
    out = io.BytesIO()
    photo.save(out, "JPEG", quality=85)
    return out.getvalue()


def take_photo(page: Page, item_id: str, photo: bytes) -> None:
    """Queue a camera photo of the item as the scan screen does, then let the queue upload it."""
    page.evaluate(
        """async ([item, b64]) => {
            const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
            const { queuePhoto } = await import("/js/outbox/photos.js");
            await queuePhoto(item, new Blob([bytes], { type: "image/jpeg" }), { title: "Plåtskåp" });
            (await import("/js/outbox/sync.js")).syncNow();
        }""",
        [item_id, base64.b64encode(photo).decode()],
    )


class TestPhotoOutcome:
    def test_an_intake_photo_of_a_fresh_label_shows_the_label_linked(self, page):
        sign_in_with_form(page, WAREHOUSE)
        token = page.evaluate("import('/js/csrf.js').then((m) => m.getCsrfToken())")
        headers = {"X-CSRF-Token": token}
        listing = page.request.post("/api/listings", headers=headers,
                                    data={"kind": "furniture", "deal": "give", "title": "Plåtskåp"}).json()
        item = listing["items"][0]["id"]
        batch = page.request.post("/api/code-batches", headers=headers, data={"name": "Rulle 7", "size": 1}).json()
        (code,) = [c["code"] for c in page.request.get(f"/api/code-batches/{batch['id']}/codes").json()]
        page.goto("/skanna")
        take_photo(page, item, labelled_photo(code))
        expect(page.get_by_test_id("photo-result")).to_have_text(
            f"Fotot av Plåtskåp är uppladdat. Etiketten {code} på fotot är nu kopplad till saken.")
        assert page.request.get(f"/api/codes/{code}").json()["target"]["id"] == item
        assert [h["action"] for h in history(page, item)] == ["link"]

        # The same label photographed again: nothing to do, and the screen says so.
        take_photo(page, item, labelled_photo(code))
        expect(page.get_by_test_id("photo-result")).to_contain_text("är redan sakens etikett")
        expect(page.get_by_role("region", name="Uppladdade foton").get_by_role("listitem")).to_have_text(
            [re.compile("nu kopplad till saken")])
        page.get_by_role("button", name="Rensa listan").click()
        expect(page.get_by_role("region", name="Uppladdade foton")).to_be_hidden()
