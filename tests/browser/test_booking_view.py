"""One booking's page, where booking notifications lead: the owner approves there and sees the
charge and the history; the requester reaches it from their list; others are told it is not theirs."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.field import sign_in, signed_in_http
from tests.browser.test_bookings import as_user, local_day

pytestmark = pytest.mark.browser


def requested_rental(base: str, note: str | None = "Till föräldramötet") -> dict:
    """An Ystad AME projector for rent at 150 kr a day, requested by a Skurup employee."""
    with signed_in_http(base, "samordnare@ystad.exempel.se") as ystad:
        listing = ystad.post("/api/listings", json={
            "kind": "equipment", "deal": "rent", "title": "Projektor för hyra", "price_ore": 15000,
            "rent_period": "day", "visibility": "network", "publish": True})
        assert listing.status_code == 201, listing.text
    with signed_in_http(base, "medarbetare@skurup.exempel.se") as skurup:
        booking = skurup.post("/api/bookings", json={"listing_id": listing.json()["id"], "start": local_day(4),
                                                     "end": local_day(6), **({"note": note} if note else {})})
        assert booking.status_code == 201, booking.text
        return booking.json()


def test_the_owner_approves_on_the_booking_page_and_sees_charge_and_history(page, browser, live_server):
    booking = requested_rental(live_server)
    sign_in(page, "lager@ystad.exempel.se")
    page.goto(f"/bokningar/{booking['id']}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Bokning")
    card = page.get_by_role("article", name="Projektor för hyra")
    expect(card).to_contain_text("Förfrågan skickad")
    expect(card.get_by_role("definition").filter(has_text="Till föräldramötet")).to_be_visible()
    charges = page.get_by_role("region", name="Debiteringar")
    expect(charges).to_have_text(re.compile("Inga debiteringar"))
    expect(page.get_by_role("link", name="Allt som väntar på svar")).to_be_visible()

    card.get_by_role("button", name="Godkänn").click()
    expect(page.get_by_role("main").get_by_role("status").first).to_have_text("Bokningen är godkänd.")
    expect(card).to_contain_text("Godkänd")
    expect(charges.get_by_role("listitem")).to_have_text(re.compile(
        r"Hyra: Projektor för hyra, 2 dagar: 300\s*kr, "
        r"Barn- och utbildningsförvaltningen betalar Arbetsmarknadsenheten"))
    history = page.get_by_role("region", name="Händelser").get_by_role("listitem")
    expect(history).to_have_count(2)
    expect(history.nth(0)).to_contain_text("Förfrågan skickad av Erik Holm")
    expect(history.nth(1)).to_contain_text("Godkänd av Mehmet Yilmaz")

    context, requester = as_user(browser, live_server, "medarbetare@skurup.exempel.se")
    requester.goto("/bokningar")
    requester.get_by_role("link", name="Projektor för hyra").first.click()
    expect(requester).to_have_url(f"{live_server}/bokningar/{booking['id']}")
    expect(requester.get_by_role("article", name="Projektor för hyra")).to_contain_text("Godkänd")
    context.close()

    context, outsider = as_user(browser, live_server, "medarbetare@trelleborg.exempel.se")
    outsider.goto(f"/bokningar/{booking['id']}")
    expect(outsider.get_by_role("main").get_by_role("status").first).to_have_text(
        "Bokningen finns inte, eller så är den inte din att se.")
    context.close()


def test_a_booking_with_nothing_to_add_shows_no_details(page, live_server):
    booking = requested_rental(live_server, note=None)
    sign_in(page, "lager@ystad.exempel.se")
    page.goto(f"/bokningar/{booking['id']}")
    expect(page.get_by_role("article", name="Projektor för hyra")).to_contain_text("Förfrågan skickad")
    expect(page.get_by_role("region", name="Händelser").get_by_role("listitem")).to_have_count(1)
    # No note, delivery or transport: that part is left out (it once showed as the text "null").
    expect(page.locator(".booking-view__details")).to_have_count(0)
    expect(page.get_by_role("main")).not_to_contain_text("null")
