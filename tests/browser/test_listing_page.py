"""The listing page like a marketplace ad: photos, the deal and price up front, where it is and whom to
ask, its free days, a booking button in reach; internal states for owners and the AME only; the next
step after publishing, with the photos previewed before."""

from __future__ import annotations

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import Page, expect

from backend.demo.seed import demo_id
from tests.browser.field import signed_in_http
from tests.browser.journeys import WIDTHS, axe_clean, fits, heading, new_person, open_as, shot, unique, ystad_listing
from tests.browser.test_bookings import local_day


def jpeg(colour: tuple[int, int, int]) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (800, 600), colour).save(out, "JPEG", quality=80)
    return out.getvalue()


def rental_with_photos(base: str, title: str) -> str:
    """An Ystad projector for rent at 150 kr a day, kept in the AME's warehouse, with two photos."""
    listing = ystad_listing(base, title, kind="equipment", deal="rent", price_ore=15000, rent_period="day",
                            location_id=str(demo_id("Ystad", "site", "AME-lagret")))
    with signed_in_http(base, "samordnare@ystad.exempel.se") as ystad:
        sent = ystad.post(f"/api/listings/{listing}/photos", files=[
            ("photos", ("a.jpg", jpeg((40, 80, 160)), "image/jpeg")),
            ("photos", ("b.jpg", jpeg((170, 40, 40)), "image/jpeg"))])
        assert sent.status_code == 201, sent.text
    return listing


def booked(base: str, listing: str, start: int, end: int) -> None:
    with signed_in_http(base, new_person(base)) as other:
        made = other.post("/api/bookings", json={"listing_id": listing, "start": local_day(start),
                                                 "end": local_day(end)})
        assert made.status_code == 201, made.text


def show_month_of(page: Page, day: str) -> None:
    """Page the calendar forward to the month of `day` (a test late in a month books into the next)."""
    if day[:7] != local_day(0)[:7]:
        page.get_by_role("button", name="Nästa månad").first.click()


@pytest.mark.parametrize("width", list(WIDTHS))
class TestListingPage:
    def test_a_borrower_sees_the_deal_the_place_the_free_days_and_a_button_in_reach(self, browser, live_server,
                                                                                   width):
        title = unique("Projektor")
        listing = rental_with_photos(live_server, title)
        booked(live_server, listing, 3, 5)
        context, page = open_as(browser, live_server, width, new_person(live_server, name="Robin Tittar"))
        try:
            page.goto(f"/annons/{listing}")
            heading(page, title)
            card = page.locator(".listing-view__card")
            expect(card.locator(".listing-view__deal")).to_have_text(re.compile(r"^Uthyrning · 150\s*kr/dag$"))
            expect(card).to_contain_text("AME-lagret")
            expect(card).to_contain_text("Arbetsmarknadsenheten, Ystad")
            # Internal states stay with the owners and the AME.
            expect(page.locator(".listing-view__fact", has_text="Status")).to_have_count(0)
            expect(page.get_by_text("Exemplar")).to_have_count(0)
            expect(page.get_by_role("heading", name="Nästa steg")).to_have_count(0)
            calendar = page.get_by_role("table", name="Lediga dagar")
            expect(calendar).to_be_visible()
            show_month_of(page, local_day(3))
            expect(calendar.locator(".month-calendar__day--busy")).to_have_count(2)
            expect(calendar).to_contain_text("Bokad")
            assert axe_clean(page) == []
            fits(page)
            shot(page, "listing-page")
            book = page.get_by_role("link", name="Boka", exact=True)
            expect(book).to_be_in_viewport()
            # At the end of the page the button covers nothing: the last words sit above it.
            page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
            bottom = page.locator(".month-calendar__legend").bounding_box()
            top = book.bounding_box()
            assert bottom["y"] + bottom["height"] <= top["y"] or top["x"] >= bottom["x"] + bottom["width"]
            book.click()
            heading(page, "Boka")
        finally:
            context.close()

    def test_the_photos_open_full_size_and_page_with_the_keyboard(self, browser, live_server, width):
        title = unique("Projektor")
        listing = rental_with_photos(live_server, title)
        context, page = open_as(browser, live_server, width, new_person(live_server, name="Robin Bläddrar"))
        try:
            page.goto(f"/annons/{listing}")
            thumbs = page.get_by_role("list", name="Foton", exact=True).get_by_role("button")
            expect(thumbs).to_have_count(2)
            thumbs.nth(1).click()
            expect(thumbs.nth(1)).to_have_attribute("aria-current", "true")
            large = page.get_by_role("button", name=re.compile(r"^Foto 2 av 2: .*Visa i full storlek$"))
            large.focus()
            page.keyboard.press("Enter")
            dialog = page.get_by_role("dialog", name="Foton", exact=True)
            expect(dialog).to_be_visible()
            expect(dialog.get_by_role("img", name=re.compile(r"^Foto 2 av 2"))).to_be_visible()
            page.keyboard.press("ArrowRight")
            expect(dialog.get_by_role("img", name=re.compile(r"^Foto 1 av 2"))).to_be_visible()
            assert axe_clean(page) == []
            shot(page, "listing-photo-full")
            page.keyboard.press("Escape")
            expect(dialog).to_be_hidden()
        finally:
            context.close()

    def test_the_owner_previews_photos_then_sees_the_next_step_and_the_items(self, browser, live_server, width):
        title = unique("Soffa")
        maker = new_person(live_server, municipality="ystad", unit="Samhällsbyggnadsförvaltningen", name="Ola Ägare")
        context, page = open_as(browser, live_server, width, maker)
        try:
            page.goto("/annonser/ny")
            page.get_by_label("Rubrik").fill(title)
            page.get_by_label("Ta eller välj foton").set_input_files([{"name": "soffa.jpg", "mimeType": "image/jpeg",
                                                         "buffer": jpeg((50, 120, 70))}])
            preview = page.get_by_role("list", name="Förhandsvisning: laddas upp när du publicerar")
            expect(preview.get_by_role("img", name="Förhandsvisning 1 av 1: soffa.jpg")).to_be_visible()
            assert axe_clean(page) == []
            shot(page, "listing-form-preview")
            page.get_by_role("button", name="Publicera").click()
            heading(page, title)
            listing = page.url.rsplit("/", 1)[1]
            step = page.get_by_role("region", name="Nästa steg")
            expect(step).to_contain_text("Arbetsmarknadsenheten hämtar, märker och lagerför saken")
            expect(page.locator(".listing-view__fact", has_text="Status")).to_have_text("StatusPublicerad")
            expect(page.get_by_role("region", name=re.compile("^Exemplar"))).to_contain_text("Registrerad")
            expect(page.get_by_role("link", name="Begär")).to_have_count(0)
            assert axe_clean(page) == []
            fits(page)
            shot(page, "listing-page-owner")
        finally:
            context.close()
        context, page = open_as(browser, live_server, width, new_person(live_server, name="Kim Kollega"))
        try:
            page.goto(f"/annons/{listing}")
            heading(page, title)
            expect(page.locator(".listing-view__deal")).to_have_text("Gåva · Gratis")
            expect(page.get_by_role("link", name="Begär")).to_be_visible()
            expect(page.get_by_text("Registrerad")).to_have_count(0)
            expect(page.get_by_role("region", name="Nästa steg")).to_have_count(0)
        finally:
            context.close()

    def test_a_service_shows_its_price_per_hour_and_its_free_times(self, browser, live_server, width):
        day = local_day(4)
        listing = ystad_listing(live_server, unique("Snickeritimmar"), kind="service", deal="rent", price_ore=45000,
                                rent_period="hour", windows=[
                                    {"starts_at": f"{day}T08:00:00+01:00", "ends_at": f"{day}T12:00:00+01:00",
                                     "capacity": 2}])
        context, page = open_as(browser, live_server, width, new_person(live_server, name="Robin Tjänst"))
        try:
            page.goto(f"/annons/{listing}")
            expect(page.locator(".listing-view__deal")).to_have_text(re.compile(r"^Tjänst · 450\s*kr/tim$"))
            times = page.get_by_role("region", name="Lediga tider")
            expect(times.get_by_role("listitem")).to_have_text([re.compile(r"08:00–12:00 · 2 platser$")])
            expect(page.get_by_role("link", name="Boka", exact=True)).to_be_visible()
            assert axe_clean(page) == []
            fits(page)
            shot(page, "listing-page-service")
        finally:
            context.close()
