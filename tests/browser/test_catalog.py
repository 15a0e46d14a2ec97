"""The catalogue in the PWA: a listing made with a phone photo in Ystad is found and seen in Skurup;
search filters (chosen in a sheet) live in the URL; past 1,000 hits the screen says "more than 1 000"."""

from __future__ import annotations

import io
import re
import uuid
from urllib.parse import parse_qs, urlparse

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import expect

from tests.browser.field import sign_in
from tests.browser.journeys import choose_filter, shot
from tests.browser.seed_catalog import seed_many_listings
from tests.browser.test_accessibility import axe_findings

pytestmark = pytest.mark.browser

YSTAD = "medarbetare@ystad.exempel.se"
SKURUP = "medarbetare@skurup.exempel.se"


def phone_photo() -> bytes:
    """A 2400 × 1800 JPEG, larger than the 1600 px the phone may send."""
    image = Image.new("RGB", (2400, 1800), (210, 220, 230))
    ImageDraw.Draw(image).rectangle((600, 400, 1800, 1400), fill=(40, 80, 160))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80)
    return out.getvalue()


def sign_out(page) -> None:
    page.goto("/")
    page.get_by_role("button", name="Logga ut").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")


class TestCatalog:
    def test_a_listing_made_in_ystad_is_found_and_seen_in_skurup(self, page):
        # A word no demo listing has, so the search finds exactly this one.
        title = f"Kontorsstol blå {uuid.uuid4().hex[:6]}"
        sign_in(page, YSTAD)
        page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Lägg upp").click()
        page.get_by_label("Typ").select_option(label="Möbel")
        page.get_by_label("Erbjudande").select_option(label="Skänkes")
        page.get_by_label("Kategori").select_option(label="\u2003Kontorsstolar")
        page.get_by_label("Rubrik").fill(title)
        page.get_by_label("Beskrivning").fill("Stol med armstöd, hämtas på Stadshuset.")
        page.get_by_label("Vem ser annonsen").select_option(label="Alla kommuner i nätverket")
        page.get_by_label("Ta eller välj foton").set_input_files(
            {"name": "foto.jpg", "mimeType": "image/jpeg", "buffer": phone_photo()})
        with page.expect_response(lambda r: r.url.endswith("/photos") and r.request.method == "POST") as sent:
            page.get_by_role("button", name="Publicera").click()
        assert sent.value.status == 201
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        expect(page.get_by_text("Publicerad")).to_be_visible()

        sign_out(page)
        sign_in(page, SKURUP)
        page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Sök").click()
        page.get_by_label("Sökord").fill(title)
        page.get_by_role("button", name="Sök", exact=True).click()
        expect(page.get_by_role("main").get_by_role("status")).to_have_text("1 annons hittades.")
        result = page.get_by_role("link", name=title)
        expect(result).to_contain_text("Ystad")
        result.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
        photo = page.get_by_role("img", name=f"Foto 1 av 1: {title}")
        expect(photo).to_be_visible()
        assert photo.evaluate("img => img.decode().then(() => img.naturalWidth)") == 1600  # once it has loaded
        expect(page.get_by_text("Barn- och utbildningsförvaltningen, Ystad")).to_be_visible()

    def test_search_filters_live_in_the_url_and_survive_a_reload(self, page):
        sign_in(page, YSTAD)
        page.goto("/annonser")
        page.get_by_role("button", name="Filter", exact=True).click()
        filters = page.get_by_role("dialog", name="Filtrera")
        choose_filter(filters.get_by_label("Typ"), "Möbel")
        choose_filter(filters.get_by_label("Kommun"), "Skurup")
        filters.get_by_label("Bara det som går att få nu").check()
        filters.get_by_role("button", name="Visa träffar").click()
        expect(page.get_by_role("button", name="Filter (3)")).to_be_visible()
        page.get_by_label("Sortera").select_option(label="Bästa träff")
        expect(page).to_have_url(re.compile("sort=relevance"))
        expect(page.get_by_role("main").get_by_role("status")).to_contain_text("hittades")
        query = parse_qs(urlparse(page.url).query)
        assert {k: v for k, v in query.items() if k != "municipality_id"} == {
            "kind": ["furniture"], "availability": ["now"], "sort": ["relevance"]}
        skurup = query["municipality_id"][0]

        page.reload()
        expect(page.get_by_role("main").get_by_role("status")).to_contain_text("hittades")
        expect(page.get_by_role("list", name="Valda filter")).to_contain_text("Skurup")
        page.get_by_role("button", name="Filter (3)").click()
        expect(filters.get_by_label("Typ")).to_have_value("furniture")
        expect(filters.get_by_label("Kommun")).to_have_value(skurup)
        expect(filters.get_by_label("Bara det som går att få nu")).to_be_checked()
        cards = page.locator(".listing-card")
        assert cards.count() > 0
        assert all("Skurup" in text for text in cards.all_inner_texts())

    def test_back_returns_to_the_previous_search(self, page):
        sign_in(page, YSTAD)
        page.goto("/annonser")
        page.get_by_label("Sökord").fill("stol")
        page.get_by_role("button", name="Sök", exact=True).click()
        expect(page).to_have_url(re.compile(r"q=stol"))
        page.get_by_label("Sökord").fill("skrivbord")
        page.get_by_role("button", name="Sök", exact=True).click()
        expect(page).to_have_url(re.compile(r"q=skrivbord"))
        page.evaluate("window.__sameDocument = true")
        page.go_back()
        expect(page).to_have_url(re.compile(r"q=stol"))
        expect(page.get_by_label("Sökord")).to_have_value("stol")
        assert page.evaluate("window.__sameDocument") is True, "Back is handled by the app, not a reload"

    def test_more_than_1000_hits_are_said_so_and_paged_without_a_last_page(self, page, live_database):
        sign_in(page, seed_many_listings(live_database))
        page.goto("/annonser?q=hyllor")
        status = page.get_by_role("main").get_by_role("status")
        expect(status).to_have_text(
            "Fler än 1\u00a0000 annonser hittades. Lägg till ord eller filter för att hitta rätt.")
        pager = page.get_by_role("navigation", name="Sidor")
        expect(pager).to_contain_text("Sida 1")
        expect(pager).not_to_contain_text(" av ")
        expect(page.locator(".listing-card").first).to_contain_text("Hylla 1030")
        page.wait_for_function("!document.querySelector('[aria-busy=true]')")
        for width in (360, 1280):
            page.set_viewport_size({"width": width, "height": 900})
            shot(page, "many-hits")
        assert axe_findings(page) == []
        pager.get_by_role("link", name="Nästa sida").click()
        expect(pager).to_contain_text("Sida 2")
        expect(page.locator(".listing-card").first).to_contain_text("Hylla 1006")
        expect(pager.get_by_role("link", name="Föregående sida")).to_be_visible()
