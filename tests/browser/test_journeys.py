"""The employee's journeys end to end, on a 360 px phone and a 1280 px desk screen: each screen they
pass is checked by axe and must not scroll sideways."""

from __future__ import annotations

import random
import re
from datetime import date

import pytest
from playwright.sync_api import expect

from backend.messages import day_text
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
from tests.browser.test_bookings import local_day, ystad_chair

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", list(WIDTHS))
class TestLanguage:
    def test_a_notification_reads_entirely_in_the_language_picked_in_the_app(self, browser, live_server, width):
        email = new_person(live_server, name="Robin English")
        chair = ystad_chair(live_server)
        context, page = open_as(browser, live_server, width, email)
        try:
            page.get_by_role("button", name="English").click()
            heading(page, "Hello, Robin English!")
            # The choice is on the account: a request made elsewhere (another device) reads it there.
            with signed_in_http(live_server, email) as phone:
                assert phone.get("/api/session").json()["user"]["language"] == "en"
                booking = phone.post("/api/bookings", json={"listing_id": chair, "start": local_day(3),
                                                            "end": local_day(6)}).json()
            with signed_in_http(live_server, "samordnare@ystad.exempel.se") as owner:
                assert owner.post(f"/api/bookings/{booking['id']}/approve", json={}).status_code == 200
            page.goto("/notiser")
            heading(page, "Notifications")
            entry = page.locator(".notifications-view__item").first
            returned = day_text(date.fromisoformat(local_day(6)), "en")
            expect(entry.locator(".notifications-view__title")).to_have_text("Your booking is approved")
            expect(entry.locator(".notifications-view__body")).to_have_text(
                f"Kontorsstol Ystad, {day_text(date.fromisoformat(local_day(3)), 'en')}, returned {returned}.")
            expect(entry).not_to_contain_text(re.compile(r"approved\)|återlämnas|godkänd"))
            assert axe_clean(page) == []
            fits(page)
            shot(page, "notifications-en")
            # Back to Swedish: the same entry is now Swedish, from the same stored key.
            page.get_by_role("button", name="Svenska").click()
            heading(page, "Notiser")
            expect(entry.locator(".notifications-view__title")).to_have_text("Din bokning är godkänd")
            expect(page.locator(".notifications-view__item").first).to_contain_text(
                f"återlämnas {day_text(date.fromisoformat(local_day(6)), 'sv')}")
            shot(page, "notifications-sv")
        finally:
            context.close()


def sv_medium(offset: int) -> re.Pattern:
    """A day as the app writes it in Swedish (Intl's medium date: "12 dec. 2026")."""
    day = date.fromisoformat(local_day(offset))
    month = day_text(day, "sv").split()[1]
    return re.compile(rf"{day.day} {month}\.? {day.year}")


@pytest.mark.parametrize("width", list(WIDTHS))
class TestReturnDay:
    def test_a_loan_with_delivery_shows_the_return_day_chosen_everywhere(self, browser, live_server, width):
        title = unique("Partytält 4 × 8 m")
        listing = ystad_listing(live_server, title, kind="equipment")
        email = new_person(live_server, name="Robin Lånar")
        context, page = open_as(browser, live_server, width, email)
        try:
            page.goto(f"/boka/{listing}")
            page.get_by_label("Från och med").fill(local_day(3))
            page.get_by_label("Återlämnas").fill(local_day(6))
            page.get_by_label("Leveransadress (valfri)").fill("Skolgatan 3, 274 30 Skurup")
            shot(page, "booking-form")
            page.get_by_role("button", name="Skicka förfrågan").click()
            heading(page, "Mina bokningar")
            card = booking_entry(page, title)
            returned = re.compile(r"återlämnas " + sv_medium(6).pattern)
            expect(card).to_contain_text(returned)
            expect(card).not_to_contain_text(re.compile(r"återlämnas " + sv_medium(5).pattern))
            shot(page, "my-bookings")
            card.get_by_role("link", name=title).click()
            heading(page, "Bokning")
            expect(page.get_by_role("article", name=title)).to_contain_text(returned)
            assert axe_clean(page) == []
            fits(page)
            shot(page, "booking-page")
            booking_id = page.url.rsplit("/", 1)[1]
            ics = page.request.get(f"/api/bookings/{booking_id}/ics").text()
            # The calendar event covers the return day (DTEND is the day after) and names it.
            assert f"DTEND;VALUE=DATE:{local_day(7).replace('-', '')}" in ics
            assert f"återlämnas {day_text(date.fromisoformat(local_day(6)), 'sv')}" in ics.replace("\r\n ", "")
        finally:
            context.close()
        context, owner = open_as(browser, live_server, width, "samordnare@ystad.exempel.se")
        try:
            owner.goto("/att-godkanna")
            request = booking_entry(owner, title)
            expect(request).to_contain_text(returned)
            owner.goto("/notiser")
            note = owner.locator(".notifications-view__item").filter(has_text=title)
            expect(note).to_contain_text(f"återlämnas {day_text(date.fromisoformat(local_day(6)), 'sv')}")
            expect(note).to_contain_text("Ny förfrågan")
        finally:
            context.close()


def next_weekday(weekday: int, after: int = 1) -> date:
    """The first such weekday (0 Monday) at least `after` days from today, Swedish time."""
    first = date.fromisoformat(local_day(after))
    return date.fromordinal(first.toordinal() + (weekday - first.weekday()) % 7)


@pytest.mark.parametrize("width", list(WIDTHS))
class TestServiceSlots:
    def test_an_employee_books_a_slot_of_a_service_another_unit_created(self, browser, live_server, width):
        title = unique("Snickeritimmar")
        maker = new_person(live_server, municipality="ystad", unit="Samhällsbyggnadsförvaltningen", name="Sam Snickare")
        context, page = open_as(browser, live_server, width, maker)
        tuesday = next_weekday(1)
        try:
            page.goto("/annonser/ny")
            page.get_by_label("Typ").select_option(label="Tjänst")
            # Only what fits a service is asked: no condition, no item count; its times instead.
            expect(page.get_by_label("Skick")).to_be_hidden()
            expect(page.get_by_label("Antal")).to_be_hidden()
            page.get_by_label("Erbjudande").select_option(label="Mot betalning per timme")
            page.get_by_label("Pris per timme i kronor").fill("450")
            page.get_by_label("Rubrik").fill(title)
            slots = page.get_by_role("group", name="Bokningsbara tider")
            slots.get_by_label("Datum").fill(tuesday.isoformat())
            slots.get_by_label("Från klockan").fill("08:00")
            slots.get_by_label("Till klockan").fill("12:00")
            slots.get_by_label("Platser").fill("2")
            slots.get_by_label("Upprepa").select_option(label="Varje vecka")
            last = date.fromordinal(tuesday.toordinal() + 28)
            slots.get_by_label("Till och med").fill(last.isoformat())
            slots.get_by_role("button", name="Lägg till tider").click()
            expect(slots.get_by_role("status")).to_have_text("5 tider lades till.")
            expect(slots.get_by_role("listitem")).to_have_count(5)
            expect(slots.get_by_role("listitem").first).to_contain_text("08:00–12:00 · 2 platser")
            slots.get_by_role("button", name=re.compile(r"^Ta bort .*")).last.click()
            expect(slots.get_by_role("listitem")).to_have_count(4)
            assert axe_clean(page) == []
            fits(page)
            shot(page, "listing-form-service")
            page.get_by_role("button", name="Publicera").click()
            heading(page, title)
            listing_id = page.url.rsplit("/", 1)[1]
        finally:
            context.close()
        booker = new_person(live_server, name="Robin Bokar")
        context, page = open_as(browser, live_server, width, booker)
        try:
            page.goto(f"/boka/{listing_id}")
            times = page.get_by_role("group", name="Välj tid")
            expect(times.get_by_role("radio")).to_have_count(4)
            expect(times.get_by_role("radio").first).to_be_checked()
            expect(times.get_by_label(re.compile(r"08:00–12:00 · 2 platser kvar$"))).to_have_count(4)
            assert axe_clean(page) == []
            fits(page)
            shot(page, "booking-form-service")
            page.get_by_role("button", name="Skicka förfrågan").click()
            heading(page, "Mina bokningar")
            card = booking_entry(page, title)
            expect(card).to_contain_text("08:00–12:00")
            expect(card).to_contain_text(re.compile(rf"{tuesday.day} {day_text(tuesday, 'sv').split()[1]}"))
            shot(page, "my-bookings-service")
        finally:
            context.close()


def word() -> str:
    """A made-up word only this test's listings carry, so the catalogue finds exactly them."""
    return "zq" + "".join(random.choice("bcdfghjklmnpstvx") for _ in range(6))


@pytest.mark.parametrize("width", list(WIDTHS))
class TestWants:
    def test_a_new_want_shows_what_is_already_listed_and_a_search_becomes_a_want(self, browser, live_server, width):
        model = word()
        for size in ("140", "160"):
            ystad_listing(live_server, f"Höj- och sänkbart skrivbord {size} {model}")
        email = new_person(live_server, name="Robin Letar")
        context, page = open_as(browser, live_server, width, email)
        try:
            page.goto("/efterlysningar")
            page.get_by_label("Vad letar ni efter?").fill(f"höj- och sänkbart skrivbord {model}")
            page.get_by_role("button", name="Efterlys", exact=True).click()
            expect(page.get_by_role("main").get_by_role("status")).to_have_text(
                "Efterlysningen är sparad. 2 annonser passar redan.")
            want = page.get_by_role("article", name=f"höj- och sänkbart skrivbord {model}")
            expect(want.get_by_role("listitem")).to_have_count(2)
            expect(want).not_to_contain_text("Inga annonser passar än")
            assert axe_clean(page) == []
            fits(page)
            shot(page, "wants-matches")

            page.goto(f"/annonser?q=skrivbord+{model}")
            expect(page.get_by_text("2 annonser hittades.")).to_be_visible()
            page.get_by_role("button", name="Bevaka sökningen").click()
            expect(page.get_by_role("status").filter(has_text="Sökningen bevakas")).to_be_visible()
            assert axe_clean(page) == []
            fits(page)
            shot(page, "search-watched")
            page.get_by_role("link", name="Mina efterlysningar").click()
            watched = page.get_by_role("article", name=f"skrivbord {model}", exact=True)
            expect(watched.get_by_role("listitem")).to_have_count(2)
        finally:
            context.close()


@pytest.mark.parametrize("width", list(WIDTHS))
class TestPurchaseCheck:
    def test_a_check_shows_delbars_hits_first_and_books_one(self, browser, live_server, width):
        model = word()
        ystad_listing(live_server, f"Projektor {model} med fjärrkontroll", kind="equipment")
        ystad_listing(live_server, f"Projektor {model} för takmontage", kind="equipment")
        email = new_person(live_server, name="Robin Köper")
        context, page = open_as(browser, live_server, width, email)
        try:
            page.goto("/inkopskontroll")
            page.get_by_label("Vad behöver du?").fill(f"projektor {model}")
            page.get_by_role("button", name="Sök i Delbar").click()
            # The answer comes before any decision: the hits, each bookable, and a want one press away.
            expect(page.get_by_role("main").get_by_role("status")).to_have_text("Sökningen gav 2 träffar i Delbar.")
            found = page.get_by_role("region", name="Det här finns i Delbar")
            expect(found.get_by_role("link", name=re.compile(r"^Boka Projektor"))).to_have_count(2)
            expect(found.get_by_role("button", name="Efterlys i Delbar")).to_be_visible()
            expect(page.get_by_role("list").last).to_contain_text(f"projektor {model} — Inte beslutat")
            assert axe_clean(page) == []
            fits(page)
            shot(page, "purchase-check-hits")
            found.get_by_role("link", name=f"Boka Projektor {model} med fjärrkontroll").click()
            heading(page, "Boka")
            expect(page.get_by_text("Bokningen kopplas till din inköpskontroll.")).to_be_visible()
            page.get_by_label("Från och med").fill(local_day(3))
            page.get_by_label("Återlämnas").fill(local_day(5))
            page.get_by_role("button", name="Skicka förfrågan").click()
            heading(page, "Mina bokningar")
            page.goto("/inkopskontroll")
            latest = page.locator(".check-view__item").filter(has_text=f"projektor {model}")
            expect(latest).to_contain_text("Återbrukat från Delbar")
            latest.get_by_role("link", name="bokningen").click()
            heading(page, "Bokning")
            expect(page.get_by_role("article", name=f"Projektor {model} med fjärrkontroll")).to_be_visible()
        finally:
            context.close()
