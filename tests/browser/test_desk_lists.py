"""The lists at both widths: cards on a phone; at desk width a table of bookings to compare rows in,
and a grid of the unit's listings."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.field import signed_in_http
from tests.browser.journeys import (
    WIDTHS,
    axe_clean,
    booking_entry,
    fits,
    heading,
    new_person,
    open_as,
    shot,
    unique,
    ystad_listing,
)
from tests.browser.test_bookings import local_day

pytestmark = pytest.mark.browser


def requested(base: str) -> tuple[str, str]:
    """A new Skurup employee's request for a new Ystad loan: (the person's e-mail, the listing's title)."""
    title = unique("Bänkvåg")
    listing = ystad_listing(base, title, kind="equipment")
    email = new_person(base, name="Kim Jämför")
    with signed_in_http(base, email) as person:
        made = person.post("/api/bookings", json={"listing_id": listing, "start": local_day(3), "end": local_day(5)})
        assert made.status_code == 201, made.text
    return email, title


@pytest.mark.parametrize("width", list(WIDTHS))
class TestBookingLists:
    def test_my_bookings_are_cards_on_a_phone_and_a_table_at_a_desk(self, browser, live_server, width):
        email, title = requested(live_server)
        context, page = open_as(browser, live_server, width, email)
        try:
            page.goto("/bokningar")
            heading(page, "Mina bokningar")
            entry = booking_entry(page, title)
            expect(entry).to_contain_text("Förfrågan skickad")
            expect(entry).to_contain_text("Nästa steg: ägaren svarar på förfrågan.")
            expect(entry.get_by_role("button", name="Avboka")).to_be_visible()
            if width == "desk":
                table = page.get_by_role("table", name="Mina bokningar")
                expect(table.get_by_role("columnheader")).to_have_text(
                    ["Vad", "När", "Hos", "Status och nästa steg", "Åtgärder"])
                expect(table.get_by_role("rowheader", name=title)).to_be_visible()
                expect(page.get_by_role("article")).to_have_count(0)
            else:
                expect(page.get_by_role("table")).to_have_count(0)
                expect(page.get_by_role("article", name=title)).to_be_visible()
            assert axe_clean(page) == []
            fits(page)
            shot(page, "my-bookings-list")
            entry.get_by_role("link", name=title).click()
            heading(page, "Bokning")
        finally:
            context.close()

    def test_the_owner_approves_from_the_list(self, browser, live_server, width):
        _, title = requested(live_server)
        context, page = open_as(browser, live_server, width, "lager@ystad.exempel.se")
        try:
            page.goto("/att-godkanna")
            heading(page, "Att godkänna")
            entry = booking_entry(page, title)
            expect(entry).to_contain_text("Kim Jämför")
            if width == "desk":
                table = page.get_by_role("table", name="Att godkänna")
                expect(table.get_by_role("columnheader").nth(2)).to_have_text("Vem")
            assert axe_clean(page) == []
            fits(page)
            shot(page, "approve-list")
            entry.get_by_role("button", name="Godkänn").click()
            expect(page.get_by_role("status").filter(has_text="Bokningen är godkänd.")).to_be_visible()
            expect(booking_entry(page, title)).to_contain_text("Godkänd")
        finally:
            context.close()


@pytest.mark.parametrize("width", list(WIDTHS))
def test_my_units_listings_fill_the_desk_in_columns(browser, live_server, width):
    context, page = open_as(browser, live_server, width, "medarbetare@ystad.exempel.se")
    try:
        page.goto("/annonser/mina")
        heading(page, "Min enhets annonser")
        cards = page.locator(".my-listings__list > li")
        expect(cards.nth(2)).to_be_visible()
        tops = [cards.nth(i).bounding_box()["y"] for i in range(3)]
        if width == "desk":
            assert tops[0] == tops[1] == tops[2], "three listings side by side at desk width"
        else:
            assert tops[0] < tops[1] < tops[2], "one column on a phone"
        assert axe_clean(page) == []
        fits(page)
        shot(page, "my-listings")
    finally:
        context.close()
