"""Taking in a new item in one pass at 360 and 1280 px: a photo, what it is, its measurements, a shelf and a
label, online and with no network; a label already on another item is refused whole, to correct."""

from __future__ import annotations

import uuid

import pytest
from PIL import Image
from playwright.sync_api import expect

from backend.demo.data import AME_UNIT
from tests.browser.field import signed_in_http, until_true
from tests.browser.journeys import axe_clean, fits, new_person, open_as, shot

pytestmark = pytest.mark.browser


def warehouse_with_places(base: str) -> tuple[str, str, list[str]]:
    """A new warehouse worker, a shelf of a new site with its label, and three pre-printed labels."""
    worker = new_person(base, "ystad", AME_UNIT, "Tove Intag", ("warehouse",))
    with signed_in_http(base, worker) as http:
        site = http.post("/api/locations", json={"kind": "site", "name": f"Lager {uuid.uuid4().hex[:4]}"}).json()
        shelf = http.post("/api/locations", json={"kind": "shelf", "name": "Hylla B2", "parent_id": site["id"]}).json()
        shelf_code = http.post(f"/api/locations/{shelf['id']}/code").json()["code"]
        batch = http.post("/api/code-batches", json={"name": "Intagsrulle", "size": 3}).json()
        labels = [c["code"] for c in http.get(f"/api/code-batches/{batch['id']}/codes").json()]
    return worker, shelf_code, labels


def photo(tmp_path) -> str:
    path = tmp_path / "skrivbord.jpg"
    Image.new("RGB", (800, 600), (150, 110, 60)).save(path, "JPEG")
    return str(path)


def fill_item(page, title: str, shelf: str) -> None:
    page.get_by_label("Vad är det? (benämning)").fill(title)
    page.get_by_label("Bredd (cm)").fill("160")
    page.get_by_label("Djup (cm)").fill("80")
    page.get_by_label("Vikt (kg)").fill("38,5")
    page.get_by_label("Skick").select_option(label="Gott skick")
    page.get_by_label("Hyllans etikett").fill(shelf.lower())


def item_photos(base: str, email: str, item_id: str) -> int:
    with signed_in_http(base, email) as http:
        return len(http.get(f"/api/items/{item_id}/photos").json())


@pytest.mark.parametrize("width", ["phone", "desk"])
def test_an_item_is_registered_online_with_a_photo_a_shelf_and_a_pre_printed_label(browser, live_server, width,
                                                                                   tmp_path):
    worker, shelf, labels = warehouse_with_places(live_server)
    title = f"Skrivbord {uuid.uuid4().hex[:5]}"
    context, page = open_as(browser, live_server, width, worker)
    try:
        page.goto("/")
        page.get_by_role("link", name="Ta emot en sak").first.click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Ta emot en sak")
        page.get_by_label("Ta eller välj foton").set_input_files(photo(tmp_path))
        expect(page.get_by_role("img", name="Foto 1")).to_be_visible()
        fill_item(page, title, shelf)
        page.get_by_label("Etikettens kod").fill(labels[0])
        fits(page)
        assert axe_clean(page) == []
        shot(page, "intake-form")
        page.get_by_role("button", name="Registrera saken").click()
        made = page.locator(".intake-view__entry--made").filter(has_text=title)
        expect(made).to_contain_text("På lager · Lager")
        expect(made).to_contain_text(f"› Hylla B2 · etikett {labels[0]}")
        expect(page.get_by_label("Vad är det? (benämning)")).to_have_value("")
        expect(page.get_by_label("Hyllans etikett")).to_have_value(shelf.lower())  # the next item goes there too
        item_id = made.get_by_role("link").get_attribute("href").rsplit("/", 1)[1]
        until_true(page, f"""fetch("/api/items/{item_id}/photos").then((r) => r.json()).then((p) => p.length === 1)""")
        with signed_in_http(live_server, worker) as http:
            card = http.get(f"/api/items/{item_id}/register").json()
        assert (card["width_cm"], card["depth_cm"], card["weight_g"], card["condition"]) == (160, 80, 38_500, "good")
        shot(page, "intake-made")

        # From its page the item is listed in one step, its photo with it.
        made.get_by_role("link", name=title).click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.get_by_role("img", name=f"{title}, foto 1")).to_be_visible()
        page.locator("summary", has_text="Lägg ut i katalogen").click()
        price = page.get_by_label("Pris i kronor")
        expect(price).to_be_hidden()
        if width == "phone":  # lent on a phone, rented out by the week at a desk
            page.get_by_label("Låna ut").check()
        else:
            page.get_by_label("Hyra ut").check()
            page.get_by_role("button", name="Lägg ut", exact=True).click()
            expect(page.get_by_role("status").filter(has_text="Skriv priset i kronor")).to_be_visible()
            expect(price).to_be_focused()
            price.fill("150")
            expect(page.get_by_role("status").filter(has_text="Skriv priset i kronor")).to_have_count(0)
            page.get_by_label("Pris per").select_option(label="vecka")
        fits(page)
        assert axe_clean(page) == []
        shot(page, "item-list-it")
        page.get_by_role("button", name="Lägg ut", exact=True).click()
        expect(page.get_by_role("status").filter(has_text="Saken är utlagd.")).to_be_visible()
        page.get_by_role("link", name="Visa annonsen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        listing_id = page.url.rsplit("/", 1)[1]
        with signed_in_http(live_server, worker) as http:
            listing = http.get(f"/api/listings/{listing_id}").json()
        assert (listing["deal"], listing["price_ore"], listing["rent_period"]) == (
            ("lend", None, "") if width == "phone" else ("rent", 15_000, "week"))
        expect(page.locator(".listing-view__deal")).to_contain_text("Lån" if width == "phone" else "Uthyrning")
        until_true(page, "Promise.resolve([...document.images].some((i) => i.src.includes('/api/photos/')))")
    finally:
        context.close()


def test_an_intake_with_no_network_is_kept_and_sent_once_with_its_photo_and_a_new_label(browser, live_server,
                                                                                      tmp_path):
    worker, shelf, _ = warehouse_with_places(live_server)
    title = f"Kontorsstol {uuid.uuid4().hex[:5]}"
    context, page = open_as(browser, live_server, "phone", worker)
    try:
        page.goto("/ta-emot")
        expect(page.get_by_role("heading", level=1)).to_have_text("Ta emot en sak")
        page.context.set_offline(True)
        page.get_by_label("Ta eller välj foton").set_input_files(photo(tmp_path))
        fill_item(page, title, shelf)
        page.get_by_label("Skriv ut en ny etikett").check()
        expect(page.get_by_label("Etikettens kod")).to_be_hidden()
        page.get_by_label("Behöver lagas innan den kan användas").check()
        page.get_by_label("Vad behöver göras?").fill("Ny klädsel på sitsen")
        page.get_by_role("button", name="Registrera saken").click()
        expect(page.locator(".intake-view__status")).to_have_text(
            f"{title} är sparad på telefonen och skickas när du har nät.")
        waiting = page.locator(".intake-view__entry").filter(has_text=title)
        expect(waiting).to_contain_text("Väntar på nät")
        fits(page)
        assert axe_clean(page) == []
        shot(page, "intake-offline")

        page.context.set_offline(False)
        made = page.locator(".intake-view__entry--made").filter(has_text=title)
        expect(made).to_contain_text("till reparation", timeout=15_000)
        expect(page.locator(".intake-view__status")).to_have_text(f"{title} är registrerad.")
        expect(made.get_by_role("button", name="Skriv ut etiketten")).to_be_visible()
        item_id = made.get_by_role("link").get_attribute("href").rsplit("/", 1)[1]
        until_true(page, f"""fetch("/api/items/{item_id}/photos").then((r) => r.json()).then((p) => p.length === 1)""",
                   timeout=20)
        with signed_in_http(live_server, worker) as http:
            found = http.get("/api/items", params={"q": title}).json()
            repairs = http.get("/api/repairs", params={"status": "open"}).json()
        assert [f["id"] for f in found] == [item_id]  # sent once
        assert found[0]["code"] and found[0]["location_name"] == "Hylla B2"
        assert [r["needs"] for r in repairs if r["item_id"] == item_id] == ["Ny klädsel på sitsen"]
        shot(page, "intake-sent")
    finally:
        context.close()


def test_a_label_already_on_another_item_is_refused_and_can_be_discarded(browser, live_server):
    worker, shelf, labels = warehouse_with_places(live_server)
    context, page = open_as(browser, live_server, "phone", worker)
    try:
        page.goto("/ta-emot")
        for title in ("Bokhylla ek", "Bokhylla björk"):
            fill_item(page, title, shelf)
            page.get_by_label("Etikettens kod").fill(labels[1])
            page.get_by_role("button", name="Registrera saken").click()
            expect(page.locator(".intake-view__entry").filter(has_text=title)).not_to_contain_text("Väntar på nät")
        refused = page.locator(".intake-view__entry--refused")
        expect(refused).to_have_count(1)
        expect(refused).to_contain_text("Bokhylla björk")
        expect(refused).to_contain_text("etiketten sitter redan på en annan sak")
        assert axe_clean(page) == []
        refused.get_by_role("button", name="Ta bort").click()
        expect(refused).to_have_count(0)
        with signed_in_http(live_server, worker) as http:
            assert http.get("/api/items", params={"q": "Bokhylla björk"}).json() == []
    finally:
        context.close()
