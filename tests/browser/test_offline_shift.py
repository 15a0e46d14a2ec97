"""Taking the shift offline: the day and the warehouse's places are kept on the phone, and the
app starts, lists them and opens the scan screen with the network off."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.field import DRIVER, controlled_by_worker, sign_in

pytestmark = pytest.mark.browser


def take_day_offline(page) -> None:
    page.goto("/dagen")
    expect(page.get_by_text("Dagen är inte hämtad")).to_be_visible()
    page.get_by_role("button", name="Ta med dagen offline").click()
    expect(page.get_by_test_id("shift-fetched")).to_contain_text("Hämtad")


class TestOfflineShift:
    def test_day_taken_offline_shows_when_it_was_fetched_after_an_offline_reload(self, page):
        sign_in(page, DRIVER)
        controlled_by_worker(page)
        take_day_offline(page)
        fetched = page.get_by_test_id("shift-fetched").text_content()
        places = page.get_by_text(re.compile(r"\d+ lagerplatser sparade")).text_content()
        page.context.set_offline(True)
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_have_text("Dagens körningar")
        expect(page.get_by_test_id("shift-fetched")).to_have_text(fetched)
        expect(page.get_by_text(places)).to_be_visible()
        page.context.set_offline(False)

    def test_warehouse_places_are_the_ones_the_server_lists(self, page):
        sign_in(page, DRIVER)
        take_day_offline(page)
        count = len(page.request.get("/api/locations").json())
        assert count > 0
        expect(page.get_by_text(f"{count} lagerplatser sparade")).to_be_visible()

    def test_scan_screen_opens_offline_from_a_cold_start(self, page):
        sign_in(page, DRIVER)
        controlled_by_worker(page)
        take_day_offline(page)
        page.context.set_offline(True)
        page.goto("/skanna")
        expect(page.get_by_role("heading", level=1)).to_have_text("Skanna")
        # No camera in this browser: the screen says so and typing the code still works.
        expect(page.locator(".scan-view")).to_have_attribute("data-ready", "none")
        expect(page.get_by_label("Skriv koden")).to_be_editable()
        page.context.set_offline(False)

    def test_taking_the_day_without_a_network_says_so_and_keeps_nothing(self, page):
        sign_in(page, DRIVER)
        controlled_by_worker(page)
        page.goto("/dagen")
        page.context.set_offline(True)
        page.get_by_role("button", name="Ta med dagen offline").click()
        expect(page.get_by_role("status").filter(has_text="gick inte att hämta")).to_be_visible()
        expect(page.get_by_test_id("shift-fetched")).to_have_count(0)
        page.context.set_offline(False)
