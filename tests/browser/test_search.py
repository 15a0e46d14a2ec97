"""The catalogue search screen, results first: on a phone the first card is on the first screen; filters
in a sheet with removable chips; best match first with words; the search survives Back and "Till
sökningen", scrolled to where the person was; a grid of cards at desk width; loading and empty states."""

from __future__ import annotations

import re
import uuid
from datetime import date, timedelta
from urllib.parse import parse_qs, urlencode, urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.browser.journeys import axe_clean, choose_filter, fits, open_as, shot, ystad_listing

pytestmark = pytest.mark.browser

YSTAD = "medarbetare@ystad.exempel.se"


def status(page: Page):
    return page.get_by_role("main").get_by_role("status").first


def searched(page: Page, url: str, says: str | re.Pattern = re.compile("hittades")) -> None:
    page.goto(url)
    expect(status(page)).to_have_text(says)
    page.wait_for_function("!document.querySelector('[aria-busy=true]')")


def query_of(page: Page) -> dict:
    return parse_qs(urlparse(page.url).query)


@pytest.fixture
def phone(browser, live_server):
    context, page = open_as(browser, live_server, "phone", YSTAD)
    yield page
    context.close()


@pytest.fixture
def desk(browser, live_server):
    context, page = open_as(browser, live_server, "desk", YSTAD)
    yield page
    context.close()


@pytest.fixture(scope="module")
def projectors(live_server) -> str:
    """A word of its own and two listings with it: the older says "projektor" three times, the newer once."""
    word = f"sokprov{uuid.uuid4().hex[:6]}"
    ystad_listing(live_server, f"Projektor {word}", kind="equipment",
                  description="Projektor med projektorduk, projektor")
    ystad_listing(live_server, f"Duk {word}", kind="equipment", description="Passar en projektor")
    return word


class TestResultsFirst:
    def test_the_first_result_is_on_the_first_screen_of_a_phone(self, phone):
        searched(phone, "/annonser?q=stol")
        top = phone.locator(".listing-card").first.evaluate("c => c.getBoundingClientRect().top")
        assert 0 < top < 740 - 64 - 80, top  # above the tab bar, with room to see the card
        fits(phone)
        assert axe_clean(phone) == []
        shot(phone, "search-results")

    def test_the_desk_shows_a_grid_of_cards(self, desk, live_server):
        word = f"rutnat{uuid.uuid4().hex[:6]}"
        later = (date.today() + timedelta(days=30)).isoformat()
        ystad_listing(live_server, f"Hyrbord {word}", deal="rent", price_ore=15000, rent_period="day")
        ystad_listing(live_server, f"Skänkt bord {word}", deal="give", available_from=later)
        searched(desk, "/annonser?q=stol")
        tops = desk.locator(".listing-card").evaluate_all(
            "cs => cs.slice(0, 5).map(c => c.getBoundingClientRect().top)")
        columns = tops.count(tops[0])
        assert 3 <= columns <= 4, tops
        assert axe_clean(desk) == []
        shot(desk, "search-results")

        searched(desk, f"/annonser?q={word}", "2 annonser hittades.")
        rent = desk.get_by_role("link", name=re.compile(f"Hyrbord {word}"))
        expect(rent).to_contain_text("150 kr/dag")
        expect(rent).to_contain_text("Hyrs ut")
        # A soft hyphen where the compound joins: the name breaks there, if it must.
        expect(rent).to_contain_text(re.compile("Ystad · Arbetsmarknads\u00adenheten"))
        expect(rent).to_contain_text("Ledig nu")
        given = desk.get_by_role("link", name=re.compile(f"Skänkt bord {word}"))
        expect(given).to_contain_text("Gratis")
        expect(given).to_contain_text("Ledig från")

    def test_progress_is_shown_while_searching(self, phone):
        phone.add_init_script("""
            new MutationObserver(() => {
              if (document.querySelector('.listing-search[aria-busy=true] progress')) window.__sawProgress = true;
            }).observe(document, {subtree: true, childList: true, attributes: true});""")
        searched(phone, "/annonser?q=stol")
        assert phone.evaluate("window.__sawProgress") is True
        expect(phone.locator(".listing-search progress")).to_have_count(0)

    def test_nothing_found_offers_to_watch_the_search(self, phone):
        searched(phone, f"/annonser?q=finnsinte{uuid.uuid4().hex[:6]}",
                 "Inga annonser matchar sökningen. Prova färre ord eller ta bort ett filter.")
        empty = phone.locator(".listing-search__empty")
        expect(empty.get_by_role("button", name="Bevaka sökningen")).to_be_visible()
        assert axe_clean(phone) == []


class TestFilterSheet:
    @pytest.mark.parametrize("width", ["phone", "desk"])
    def test_filters_are_chosen_in_a_sheet_and_shown_as_chips(self, browser, live_server, width):
        context, page = open_as(browser, live_server, width, YSTAD)
        try:
            searched(page, "/annonser?q=stol")
            button = page.get_by_role("button", name="Filter", exact=True)
            button.click()
            sheet = page.get_by_role("dialog", name="Filtrera")
            expect(sheet).to_be_visible()
            assert axe_clean(page) == []
            shot(page, "search-filter-sheet")
            # Focus stays in the open sheet.
            for _ in range(12):
                page.keyboard.press("Tab")
                assert page.evaluate("document.activeElement.closest('dialog') !== null")
            # Each option says how many of the search's hits it has, asked for when the sheet opened.
            expect(sheet.get_by_label("Typ").locator("option[value=furniture]")).to_have_text(
                re.compile(r"^Möbel \(\d+\)$"))
            kinds = sheet.get_by_label("Typ").locator("option:not([value=''])").all_text_contents()
            found = page.get_by_role("status").filter(has_text="hittades").text_content()
            assert sum(int(re.search(r"\((\d+)\)", k).group(1)) for k in kinds) == int(re.sub(r"\D", "", found))
            sheet.get_by_label("Typ").select_option(value="furniture")
            sheet.get_by_label("Bara det som går att få nu").check()
            sheet.get_by_role("button", name="Visa träffar").click()
            expect(page.get_by_role("button", name="Filter (2)")).to_be_focused()
            assert query_of(page) == {"q": ["stol"], "kind": ["furniture"], "availability": ["now"]}
            chips = page.get_by_role("list", name="Valda filter")
            expect(chips.get_by_role("button", name="Ta bort filtret Möbel")).to_have_text("Möbel×")
            expect(chips.get_by_role("button", name="Ta bort filtret Går att få nu")).to_be_visible()
            page.wait_for_function("!document.querySelector('[aria-busy=true]')")
            assert axe_clean(page) == []
            fits(page)
            shot(page, "search-chips")

            chips.get_by_role("button", name="Ta bort filtret Möbel").click()
            expect(page.get_by_role("button", name="Filter (1)")).to_be_visible()
            assert query_of(page) == {"q": ["stol"], "availability": ["now"]}
            expect(chips.get_by_role("button", name="Ta bort filtret Går att få nu")).to_be_focused()
            chips.get_by_role("button", name="Rensa alla").click()
            expect(page.get_by_role("button", name="Filter", exact=True)).to_be_visible()
            expect(page.get_by_role("list", name="Valda filter")).to_have_count(0)
            assert query_of(page) == {"q": ["stol"]}
        finally:
            context.close()

    def test_escape_closes_the_sheet_forgets_its_choices_and_returns_focus(self, phone):
        searched(phone, "/annonser?q=stol")
        phone.get_by_role("button", name="Filter", exact=True).click()
        sheet = phone.get_by_role("dialog", name="Filtrera")
        choose_filter(sheet.get_by_label("Typ"), "Utrustning")
        phone.keyboard.press("Escape")
        expect(sheet).to_be_hidden()
        expect(phone.get_by_role("button", name="Filter", exact=True)).to_be_focused()
        phone.get_by_role("button", name="Filter", exact=True).click()
        expect(sheet.get_by_label("Typ")).to_have_value("")
        sheet.get_by_role("button", name="Stäng").click()
        expect(phone.get_by_role("button", name="Filter", exact=True)).to_be_focused()


class TestOrder:
    def test_best_match_is_the_default_with_words_and_newest_can_be_chosen(self, phone, projectors):
        searched(phone, "/annonser")
        expect(phone.get_by_label("Sortera")).to_have_value("newest")
        with phone.expect_request(re.compile(r"/api/listings\?")) as sent:
            searched(phone, "/annonser?" + urlencode({"q": f"projektorer {projectors}"}), "2 annonser hittades.")
        assert parse_qs(urlparse(sent.value.url).query)["sort"] == ["relevance"]
        expect(phone.get_by_label("Sortera")).to_have_value("relevance")
        titles = phone.locator(".listing-card__title")
        expect(titles).to_have_text([f"Projektor {projectors}", f"Duk {projectors}"])

        phone.get_by_label("Sortera").select_option(label="Nyast")
        expect(titles).to_have_text([f"Duk {projectors}", f"Projektor {projectors}"])
        assert query_of(phone)["sort"] == ["newest"]
        expect(phone.get_by_label("Sortera")).to_be_focused()


class TestWayBack:
    def test_till_sokningen_and_back_return_to_the_same_place(self, phone):
        searched(phone, "/annonser?q=stol")
        search_url = phone.url
        card = phone.locator(".listing-card").nth(8)
        where = card.evaluate("c => { window.scrollTo(0, c.getBoundingClientRect().top + window.scrollY - 200);"
                              " return window.scrollY; }")
        assert where > 600
        title = card.locator(".listing-card__title").inner_text()
        card.get_by_role("link").click()
        expect(phone.get_by_role("heading", level=1)).to_have_text(title)

        phone.get_by_role("link", name="Till sökningen").click()
        expect(phone).to_have_url(search_url)
        phone.wait_for_function("(y) => Math.abs(window.scrollY - y) < 2", arg=where)
        expect(phone.get_by_role("link", name=title).first).to_be_focused()

        phone.get_by_role("link", name=title).first.click()
        expect(phone.get_by_role("heading", level=1)).to_have_text(title)
        phone.go_back()
        expect(phone).to_have_url(search_url)
        expect(phone.get_by_label("Sökord")).to_have_value("stol")
        phone.wait_for_function("(y) => Math.abs(window.scrollY - y) < 2", arg=where)
