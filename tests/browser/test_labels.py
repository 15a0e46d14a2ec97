"""Labels in the PWA: print a pre-printed batch, link a label to a new item, land on it from a scan."""

from __future__ import annotations

import json
import subprocess
import sys
import uuid

import pytest
from playwright.sync_api import Page, expect

from tests.browser.field import sign_in
from tests.browser.journeys import axe_clean, fits, shot
from tests.browser.seed import seed_rows

pytestmark = pytest.mark.browser
WAREHOUSE = "lager@ystad.exempel.se"
BARE_ITEM = """
import asyncio, json, sys
from backend.accounts.tables import Municipality, Unit
from backend.db import Database
from backend.piccolo_conf import use_engine
from tests.factories import make_item, make_location

async def main(url, title, *place):
    database = Database.from_url(url)
    use_engine(database.engine)
    await database.start()
    town = await Municipality.select(Municipality.id).where(Municipality.name == "Ystad").first()
    unit = await Unit.select(Unit.id).where(Unit.municipality == town["id"]).first()
    shelf = None
    if place:  # a site and a shelf on it
        site = await make_location(town["id"], place[0], kind="site")
        shelf = await make_location(town["id"], place[1], parent=site)
    print(json.dumps(str(await make_item(town["id"], unit["id"], title, location=shelf))))
    await database.stop()

asyncio.run(main(*sys.argv[1:]))
"""


def bare_item(url: str, title: str, site: str = "", shelf: str = "") -> str:
    """A registered item with no label yet, on a new shelf of a new site if named; written from a child
    process (Playwright owns this loop)."""
    place = [site, shelf] if site else []
    out = subprocess.run([sys.executable, "-c", BARE_ITEM, url, title, *place], check=True, capture_output=True,
                         text=True)
    return json.loads(out.stdout)


BESIDE = """
import asyncio, json, sys
from backend.accounts.tables import Municipality, Unit
from backend.db import Database
from backend.piccolo_conf import use_engine
from tests.factories import make_code, make_item, make_location

async def main(url, title, site_name, shelf_name):
    database = Database.from_url(url)
    use_engine(database.engine)
    await database.start()
    town = await Municipality.select(Municipality.id).where(Municipality.name == "Ystad").first()
    unit = await Unit.select(Unit.id).where(Unit.municipality == town["id"]).first()
    site = await make_location(town["id"], site_name, kind="site")
    shelf = await make_location(town["id"], shelf_name, parent=site)
    known = await make_item(town["id"], unit["id"], title, location=shelf)
    beside = await make_item(town["id"], unit["id"], title, location=shelf)
    await make_item(town["id"], unit["id"], title)  # the same chair, somewhere else
    print(json.dumps({"known_code": await make_code(town["id"], item=known), "beside": str(beside)}))
    await database.stop()

asyncio.run(main(*sys.argv[1:]))
"""


def labelled_beside(url: str, title: str, site: str, shelf: str) -> dict:
    """A labelled item on a new shelf, an identical unlabelled one beside it and a third elsewhere."""
    out = subprocess.run([sys.executable, "-c", BESIDE, url, title, site, shelf], check=True, capture_output=True,
                         text=True)
    return json.loads(out.stdout)


def new_batch(page: Page, name: str) -> list[str]:
    """Make a pre-printed batch through the print screen; returns its codes."""
    page.goto("/skriv-ut")
    page.get_by_text("Skapa en ny omgång").click()
    page.get_by_label("Namn på omgången").fill(name)
    page.get_by_label("Antal etiketter").fill("3")
    page.get_by_role("button", name="Skapa omgången").click()
    expect(page.locator("img.print-view__page")).to_be_visible()
    batch = page.locator("#print-batch").input_value()
    return [c["code"] for c in page.evaluate(f"fetch('/api/code-batches/{batch}/codes').then(r => r.json())")]


class TestPrintScreen:
    def test_warehouse_prints_a_batch_with_a_preview_and_a_pdf(self, page: Page):
        sign_in(page, WAREHOUSE)
        page.get_by_role("link", name="Skriv ut etiketter").click()
        codes = new_batch(page, "Ark för test")
        assert len(codes) == 3
        page.wait_for_function(
            "[...document.querySelectorAll('.print-view__preview img')].every(i => i.naturalWidth > 0)")
        href = page.get_by_role("link", name="Öppna PDF för utskrift").get_attribute("href")
        # Fetched as the browser fetches it: a reused idle connection the server closes at that moment is
        # retried by the browser, where a bare request client reports a reset.
        pdf = page.evaluate("""async (href) => {
            const answer = await fetch(href);
            const start = new Uint8Array(await answer.arrayBuffer()).slice(0, 4);
            return [answer.headers.get("content-type"), String.fromCharCode(...start)];
        }""", href)
        assert pdf == ["application/pdf", "%PDF"]

    def test_a_roll_previews_the_label_alone(self, page: Page):
        sign_in(page, WAREHOUSE)
        page.get_by_role("link", name="Skriv ut etiketter").click()
        new_batch(page, "Rulle för förhandsvisning")
        page.get_by_label("Etikettyp").select_option("DK-22205")
        preview = page.locator(".print-view__preview")
        expect(preview.locator("img")).to_have_count(1)
        # A roll has no sheet to show; the missing picture once showed as the text "null".
        expect(preview).to_have_text("Förhandsvisning")


class TestLinkScreen:
    def test_scanned_pre_printed_label_links_to_the_item_found_by_search(self, page: Page, live_database: str):
        bare_item(live_database, "Bokhylla ek", "Lager Väst", "Hylla C3")
        item = bare_item(live_database, "Bokhylla ek", "Lager Väst", "Hylla C4")
        sign_in(page, WAREHOUSE)
        code = new_batch(page, "Rulle för koppling")[0]
        page.goto(f"/Q/{code}")
        page.wait_for_url(f"**/koppla/{code}")  # where a phone camera lands on an unlinked label
        results = page.locator("#link-results")
        expect(results.locator("li")).not_to_have_count(0)  # the newest few, not every item
        assert results.locator("li").count() <= 5
        search = page.get_by_role("searchbox", name="Sök saken")
        search.fill("ÖVERSKÅP")
        expect(page.get_by_text("Inga träffar för ”ÖVERSKÅP” bland saker utan etikett.")).to_be_visible()
        search.fill("BOKHYLLA EK väst")  # any case, the place's words too
        expect(page.get_by_text("2 saker utan etikett hittades.")).to_be_visible()
        # Two identical shelves of books: the place tells them apart.
        expect(results.locator("li")).to_have_count(2)
        expect(results).to_contain_text("Lager Väst › Hylla C3")
        page.get_by_role("button", name="Koppla etiketten till Bokhylla ek, Lager Väst › Hylla C4").click()
        page.wait_for_url(f"**/sak/{item}")
        expect(page.get_by_role("heading", level=1)).to_have_text("Bokhylla ek")
        expect(page.locator(".scan-history")).to_contain_text("Etikett kopplad")
        expect(page.locator(".item-view__code")).to_have_text(code)

    def test_the_label_of_a_known_item_beside_it_finds_the_new_one(self, page: Page, live_database: str):
        title = f"Konferensstol {uuid.uuid4().hex[:6]}"  # identical new chairs, the first labelled already
        world = labelled_beside(live_database, title, "Lager Öst", "Hylla D7")
        sign_in(page, WAREHOUSE)
        code, unused, _ = new_batch(page, "Rulle för stolar")
        page.goto(f"/koppla/{code}")
        beside = page.get_by_label("Eller: något som står bredvid")
        beside.fill("XXXX-XXXX")
        page.get_by_role("button", name="Visa det som står där").click()
        expect(page.locator("#link-near-error")).not_to_be_empty()  # caught on the phone
        beside.fill(unused)  # pre-printed, on nothing yet
        page.get_by_role("button", name="Visa det som står där").click()
        expect(page.locator("#link-near-error")).to_have_text("Ingen etikett i bruk har den koden.")
        beside.fill(world["known_code"].lower())
        page.get_by_role("button", name="Visa det som står där").click()
        expect(page.get_by_text("Saker utan etikett på Lager Öst › Hylla D7.")).to_be_visible()
        results = page.locator("#link-results li")
        expect(results).to_have_count(1)  # not the chair elsewhere, not the labelled one
        expect(page.locator("#link-near-error")).to_be_empty()
        assert axe_clean(page) == []
        fits(page)
        shot(page, "link-beside")
        page.get_by_role("button", name=f"Koppla etiketten till {title}, Lager Öst › Hylla D7").click()
        page.wait_for_url(f"**/sak/{world['beside']}")
        expect(page.locator(".item-view__code")).to_have_text(code)

    def test_mistyped_code_is_caught_on_the_phone(self, page: Page, live_database: str):
        bare_item(live_database, "Skrivbordslampa")
        sign_in(page, WAREHOUSE)
        page.goto("/koppla")
        page.get_by_label("Etikettens kod").fill("7K3M-Q2XA")
        page.get_by_role("searchbox", name="Sök saken").fill("skrivbordslampa")
        page.get_by_role("button", name="Koppla etiketten till Skrivbordslampa, Ingen plats").click()
        expect(page.locator("#link-code-error")).not_to_be_empty()
        expect(page.get_by_label("Etikettens kod")).to_have_attribute("aria-invalid", "true")


class TestLabelAddress:
    def test_signed_out_scan_goes_through_login_to_the_item(self, page: Page, live_database: str):
        rows = seed_rows(live_database, "Ystad", 1)
        item = rows["items"][0]
        page.goto(f"/q/{item['code'].lower()}")
        page.get_by_label("E-postadress").fill(WAREHOUSE)
        page.get_by_role("button", name="Fortsätt").click()
        page.get_by_label("Lösenord").fill("delbar-demo")
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_url(f"**/sak/{item['id']}")
        expect(page.locator(".item-view__facts")).to_contain_text("Hylla B-2")
