"""Editing a listing in the PWA: its owner changes the title, pauses and resumes it (a colleague
in the network stops and starts finding it) and deletes a photo; a stale edit is refused."""

from __future__ import annotations

import io
import uuid
from urllib.parse import urlencode

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from tests.browser.field import sign_in

pytestmark = pytest.mark.browser

YSTAD = "medarbetare@ystad.exempel.se"
SKURUP = "medarbetare@skurup.exempel.se"
FOUND_ONE = "1 annons hittades."
NONE_FOUND = "Inga annonser matchar sökningen. Prova färre ord eller ta bort ett filter."


def photo(colour: tuple[int, int, int]) -> dict:
    """A 2000 × 1500 JPEG as Playwright sends files, larger than the 1600 px the phone may send."""
    out = io.BytesIO()
    Image.new("RGB", (2000, 1500), colour).save(out, "JPEG", quality=80)
    return {"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": out.getvalue()}


def api_headers(page: Page) -> dict:
    """The signed-in page's CSRF token, for API calls made with the page's own cookies."""
    return {"X-CSRF-Token": page.evaluate("import('/js/csrf.js').then((m) => m.getCsrfToken())")}


def published_listing(page: Page, title: str) -> dict:
    """A published listing of the signed-in user's unit that the network sees, with one photo."""
    created = page.request.post("/api/listings", headers=api_headers(page), data={
        "kind": "furniture", "deal": "give", "title": title, "visibility": "network", "publish": True})
    assert created.status == 201, created.text()
    sent = page.request.post(f"/api/listings/{created.json()['id']}/photos", headers=api_headers(page),
                             multipart={"photos": photo((200, 60, 40))})
    assert sent.status == 201, sent.text()
    return {**created.json(), "photo_id": sent.json()[0]["id"]}


def search(page: Page, title: str, says: str) -> None:
    """Open the search from its URL, as a shared link would, and read what it found."""
    page.goto("/annonser?" + urlencode({"q": title}))
    expect(page.get_by_role("main").get_by_role("status")).to_have_text(says)


@pytest.fixture
def colleague(browser, live_server):
    """A second phone: a Skurup employee, who sees Ystad's network listings while they are published."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=live_server)
    other = context.new_page()
    sign_in(other, SKURUP)
    yield other
    context.close()


class TestEditingAListing:
    def test_owner_edits_the_title_pauses_resumes_and_deletes_a_photo(self, page, colleague):
        title, new_title = (f"{word} {uuid.uuid4().hex[:6]}" for word in ("Ritbord", "Ritbord i ek"))
        sign_in(page, YSTAD)
        listing = published_listing(page, title)
        page.goto(f"/annons/{listing['id']}")
        heading = page.get_by_role("heading", level=1)
        status = page.get_by_role("main").get_by_role("status")

        page.get_by_role("link", name="Ändra annonsen").click()
        expect(heading).to_have_text("Ändra annons")
        expect(page.get_by_label("Rubrik")).to_have_value(title)
        expect(page.get_by_label("Erbjudande")).to_be_disabled()
        page.get_by_label("Rubrik").fill(new_title)
        page.get_by_role("button", name="Spara ändringar").click()
        expect(heading).to_have_text(new_title)
        expect(status).to_have_text("Ändringarna är sparade.")
        search(colleague, new_title, FOUND_ONE)

        page.get_by_role("button", name="Pausa").click()
        expect(status).to_contain_text("Annonsen är pausad.")
        expect(page.locator(".listing-view__fact", has_text="Status")).to_have_text("StatusPausad")
        expect(page.get_by_role("button", name="Återuppta")).to_be_focused()
        search(colleague, new_title, NONE_FOUND)

        page.get_by_role("button", name="Återuppta").click()
        expect(status).to_have_text("Annonsen är publicerad igen.")
        expect(page.locator(".listing-view__fact", has_text="Status")).to_have_text("StatusPublicerad")
        search(colleague, new_title, FOUND_ONE)

        page.get_by_role("link", name="Ändra annonsen").click()
        photos = page.get_by_role("region", name="Foton")
        expect(photos.get_by_text("1 av högst 12 foton")).to_be_visible()
        with page.expect_response(lambda r: r.url.endswith("/photos") and r.request.method == "POST") as sent:
            page.get_by_label("Lägg till foton").set_input_files(photo((40, 80, 160)))
        assert sent.value.status == 201
        added = sent.value.json()[0]
        assert (added["width"], added["height"]) == (1600, 1200)  # downsized on the phone
        expect(photos.get_by_role("status")).to_have_text("1 foto är tillagt.")
        expect(photos.get_by_text("2 av högst 12 foton")).to_be_visible()

        photos.get_by_role("button", name="Ta bort foto 1").click()
        question = photos.get_by_role("group", name="Ta bort foto 1? Det går inte att ångra.")
        expect(question.get_by_role("button", name="Avbryt")).to_be_focused()
        question.get_by_role("button", name="Ja, ta bort").click()
        expect(photos.get_by_role("status")).to_have_text("Fotot är borttaget.")
        expect(photos.get_by_text("1 av högst 12 foton")).to_be_visible()
        expect(photos.get_by_role("img", name=f"Foto 1 av 1: {new_title}")).to_be_visible()

        left = page.request.get(f"/api/listings/{listing['id']}").json()
        assert [p["id"] for p in left["photos"]] == [added["id"]]
        assert (left["title"], left["status"]) == (new_title, "published")
        actions = [e["action"] for e in page.request.get(f"/api/listings/{listing['id']}/events").json()]
        assert actions == ["created", "published", "updated", "paused", "published"]

    def test_a_stale_edit_says_someone_else_changed_it(self, page):
        title = f"Whiteboard {uuid.uuid4().hex[:6]}"
        sign_in(page, YSTAD)
        listing = published_listing(page, title)
        page.goto(f"/annons/{listing['id']}/andra")
        expect(page.get_by_label("Rubrik")).to_have_value(title)
        # A colleague in the same unit saves first.
        other = page.request.patch(f"/api/listings/{listing['id']}", headers=api_headers(page),
                                   data={"version": listing["version"], "title": f"{title} på hjul"})
        assert other.status == 200, other.text()

        page.get_by_label("Rubrik").fill(f"{title} med pennor")
        page.get_by_role("button", name="Spara ändringar").click()
        alert = page.get_by_role("main").get_by_role("alert")
        expect(alert).to_have_text("Någon annan har ändrat det här. Ladda om sidan.")
        expect(page.get_by_role("heading", level=1)).to_have_text("Ändra annons")
        page.get_by_role("button", name="Hämta den senaste versionen (dina ändringar försvinner)").click()
        expect(page.get_by_label("Rubrik")).to_have_value(f"{title} på hjul")
        expect(alert).to_have_text("Formuläret visar nu den senaste versionen. Gör dina ändringar igen.")
        assert page.request.get(f"/api/listings/{listing['id']}").json()["title"] == f"{title} på hjul"

    def test_clearing_the_category_saves_a_listing_without_one(self, page):
        title = f"Pall {uuid.uuid4().hex[:6]}"
        sign_in(page, YSTAD)
        category = page.request.get("/api/categories").json()[0]
        listing = published_listing(page, title)
        with_category = page.request.patch(f"/api/listings/{listing['id']}", headers=api_headers(page),
                                           data={"version": listing["version"], "category_id": category["id"]})
        assert with_category.status == 200, with_category.text()
        page.goto(f"/annons/{listing['id']}/andra")
        expect(page.get_by_label("Kategori")).to_have_value(category["id"])

        page.get_by_label("Kategori").select_option("")
        page.get_by_role("button", name="Spara ändringar").click()
        expect(page.get_by_role("main").get_by_role("status")).to_have_text("Ändringarna är sparade.")
        saved = page.request.get(f"/api/listings/{listing['id']}").json()
        assert (saved["category_id"], saved["title"]) == (None, title)

    def test_a_colleague_in_another_unit_sees_no_edit_button(self, page, colleague):
        title = f"Bokhylla {uuid.uuid4().hex[:6]}"
        sign_in(page, YSTAD)
        listing = published_listing(page, title)
        colleague.goto(f"/annons/{listing['id']}")
        expect(colleague.get_by_role("heading", level=1)).to_have_text(title)
        expect(colleague.get_by_role("link", name="Begär")).to_be_visible()
        expect(colleague.get_by_role("link", name="Ändra annonsen")).to_have_count(0)
        expect(colleague.get_by_role("button", name="Pausa")).to_have_count(0)
        colleague.goto(f"/annons/{listing['id']}/andra")
        expect(colleague.get_by_role("main")).to_contain_text("Du kan inte ändra den här annonsen.")
        expect(colleague.get_by_label("Rubrik")).to_be_hidden()
