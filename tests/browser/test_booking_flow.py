"""Booking in one pass: the item on top, a calendar to tap the first day and the return day (or move
through with the keyboard), delivery details with the return trip, the price and transport summed
before sending, and errors that mark their field."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

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


def day_button(page: Page, offset: int):
    """The calendar's button for the day `offset` days from today, paging to its month when needed."""
    day = local_day(offset)
    expect(page.locator(".month-calendar__pick").first).to_be_visible()
    button = page.locator(f'.month-calendar__pick[data-day="{day}"]')
    if not button.count():
        page.get_by_role("button", name="Nästa månad").click()
    return button


@pytest.mark.parametrize("width", list(WIDTHS))
class TestBookingFlow:
    def test_a_rental_is_booked_with_delivery_and_its_return_trip_and_the_sum_is_shown(self, browser, live_server,
                                                                                       width):
        title = unique("Projektor")
        # An address of its own: the approved trips appear on Ystad's planning screen other tests look at.
        address = unique("Rådhusgatan")
        listing = ystad_listing(live_server, title, kind="equipment", deal="rent", price_ore=10000, rent_period="day")
        context, page = open_as(browser, live_server, width, new_person(live_server, name="Robin Hyr"))
        try:
            page.goto(f"/boka/{listing}")
            heading(page, "Boka")
            item = page.locator(".booking-form__item")
            expect(item.get_by_role("link", name=title)).to_be_visible()
            expect(item).to_contain_text(re.compile(r"Uthyrning · 100\s*kr/dag"))
            summary = page.locator(".booking-form__summary")
            expect(summary).to_contain_text("Välj datum för att se priset")
            day_button(page, 3).click()
            expect(page.get_by_text("Tryck på dagen saken lämnas tillbaka.")).to_be_visible()
            day_button(page, 6).click()
            expect(page.get_by_label("Från och med")).to_have_value(local_day(3))
            expect(page.get_by_label("Återlämnas")).to_have_value(local_day(6))
            expect(day_button(page, 6)).to_have_attribute("aria-pressed", "true")
            page.get_by_label("Leveransadress (valfri)").fill(address)
            page.get_by_label("Tid på dagen").select_option(label="Förmiddag 08–12")
            page.get_by_label("Mottagare", exact=True).fill("Robin Hyr")
            page.get_by_label("Telefon till mottagaren").fill("0411-55 50 00")
            page.get_by_label("Byggnad, våning eller rum").fill("Hus B, rum 204")
            expect(page.get_by_text("hämtar tillbaka den på återlämningsdagen")).to_be_visible()
            # Three days at 100 kr, and the AME's 450 kr each way.
            expect(summary).to_contain_text(re.compile(r"Pris\s*300\s*kr"))
            expect(summary).to_contain_text(re.compile(r"Transport tur och retur \(2 × 450\s*kr\)\s*900\s*kr"))
            expect(summary).to_contain_text(re.compile(r"Totalt\s*1\s*200\s*kr"))
            assert axe_clean(page) == []
            fits(page)
            shot(page, "booking-flow")
            page.get_by_role("button", name="Skicka förfrågan").click()
            heading(page, "Mina bokningar")
            booking_entry(page, title).get_by_role("link", name=title).click()
            heading(page, "Bokning")
            booking_id = page.url.rsplit("/", 1)[1]
            expect(page.get_by_text(f"Levereras till {address}, Hus B, rum 204")).to_be_visible()
            expect(page.get_by_text("Mottagare: Robin Hyr, 0411-55 50 00")).to_be_visible()
        finally:
            context.close()
        with signed_in_http(live_server, "samordnare@ystad.exempel.se") as ystad:
            approved = ystad.post(f"/api/bookings/{booking_id}/approve", json={})
            assert approved.status_code == 200, approved.text
            assert approved.json()["transport"]["return_date"] == local_day(6)
            jobs = [j for j in ystad.get("/api/transport-jobs").json() if j["booking_id"] == booking_id]
        assert [(j["leg"], j["wanted_date"], j["time_window"], j["room"]) for j in jobs] == [
            ("delivery", local_day(3), "08-12", "Hus B, rum 204"), ("return", local_day(6), "08-12", "Hus B, rum 204")]

    def test_errors_mark_their_field(self, browser, live_server, width):
        listing = ystad_listing(live_server, unique("Partytält"), kind="equipment")
        context, page = open_as(browser, live_server, width, new_person(live_server, name="Robin Fel"))
        try:
            page.goto(f"/boka/{listing}")
            page.get_by_role("button", name="Skicka förfrågan").click()
            start = page.get_by_label("Från och med")
            expect(start).to_have_attribute("aria-invalid", "true")
            expect(start).to_have_accessible_description("Välj första dagen.")
            expect(start).to_be_focused()
            expect(page.get_by_label("Återlämnas")).to_have_accessible_description(
                re.compile(r"Välj dagen saken lämnas tillbaka\.$"))
            expect(page.get_by_role("status").filter(has_text="Rätta det markerade fältet.")).to_be_visible()
            start.fill(local_day(3))
            page.get_by_label("Återlämnas").fill(local_day(5))
            page.get_by_label("Leveransadress (valfri)").fill("Skolgatan 3")
            phone = page.get_by_label("Telefon till mottagaren")
            phone.fill("ring mig")
            page.get_by_role("button", name="Skicka förfrågan").click()
            expect(phone).to_have_attribute("aria-invalid", "true")
            expect(phone).to_have_accessible_description(re.compile("Skriv ett telefonnummer med siffror"))
            expect(start).not_to_have_attribute("aria-invalid", "true")
            assert axe_clean(page) == []
            shot(page, "booking-flow-errors")
            # A refusal from the server lands on its field too: a delivery day after the return day.
            phone.fill("")
            page.get_by_label("Leveransdag").fill(local_day(6))
            page.get_by_role("button", name="Skicka förfrågan").click()
            delivery_day = page.get_by_label("Leveransdag")
            expect(delivery_day).to_have_attribute("aria-invalid", "true")
            expect(delivery_day).to_have_accessible_description(re.compile("före återlämningsdagen"))
        finally:
            context.close()


class TestCalendarKeyboard:
    def test_a_range_is_picked_with_the_arrow_keys_and_booked_days_cannot_start_it(self, browser, live_server):
        listing = ystad_listing(live_server, unique("Partytält"), kind="equipment")
        with signed_in_http(live_server, new_person(live_server)) as other:
            made = other.post("/api/bookings", json={"listing_id": listing, "start": local_day(2),
                                                     "end": local_day(3)})
            assert made.status_code == 201, made.text
        context, page = open_as(browser, live_server, "phone", new_person(live_server, name="Robin Tangent"))
        try:
            page.goto(f"/boka/{listing}")
            busy = day_button(page, 2)
            expect(busy).to_have_attribute("aria-disabled", "true")
            expect(busy).to_have_accessible_name(re.compile("Bokad$"))
            busy.click(force=True)
            expect(page.get_by_label("Från och med")).to_have_value("")
            # From the first tabbable day, the arrows walk to the day after tomorrow +1 and Enter picks it.
            day_button(page, 3).focus()
            page.keyboard.press("Enter")
            expect(page.get_by_label("Från och med")).to_have_value(local_day(3))
            for _ in range(7):
                page.keyboard.press("ArrowRight")
            page.keyboard.press("ArrowLeft")
            page.keyboard.press("Space")
            expect(page.get_by_label("Återlämnas")).to_have_value(local_day(9))
            expect(page.locator(".month-calendar__pick[tabindex='0']")).to_have_count(1)
        finally:
            context.close()
