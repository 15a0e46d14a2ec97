"""A coordinator decides on a request with what the decision needs in front of them."""

from __future__ import annotations

import itertools
from datetime import date, timedelta

from playwright.sync_api import expect

from tests.browser.field import sign_in, signed_in_http

NOTE = "Till lägerskolans uppstart, gärna före lunch."
# Each request made on one server takes its own week, so tests sharing a server never overlap.
_weeks = itertools.count()


def delivered_request(base: str) -> str:
    """An Ystad employee asks to borrow an Ystad listing, delivered, with a recipient and a message."""
    with signed_in_http(base, "medarbetare@ystad.exempel.se") as http:
        found = http.get("/api/listings", params={"kind": "furniture", "deal": "lend", "municipality": "Ystad",
                                                  "per_page": 50}).json()["results"]
        listing = next(r for r in reversed(found) if r["municipality_name"] == "Ystad")
        start = date.today() + timedelta(days=61 + 8 * next(_weeks))
        booking = http.post("/api/bookings", json={
            "listing_id": listing["id"], "start": start.isoformat(), "end": (start + timedelta(days=7)).isoformat(),
            "delivery_address": "Västra Vallgatan 5, Ystad", "delivery_room": "Aulan",
            "wanted_date": start.isoformat(), "delivery_window": "08-12", "recipient_name": "Eva Lind",
            "recipient_phone": "0411-57 70 00", "note": NOTE, "displaces_purchase": True})
        assert booking.status_code == 201, booking.text
        return booking.json()["id"]


def test_a_coordinator_approves_a_request_seeing_its_delivery_details(page, live_server):
    booking = delivered_request(live_server)
    sign_in(page, "samordnare@ystad.exempel.se")
    page.goto(f"/bokningar/{booking}")
    card = page.locator(".booking-list__item")
    delivery = card.get_by_role("definition").filter(has_text="Västra Vallgatan 5")
    expect(delivery).to_contain_text("Västra Vallgatan 5, Ystad, Aulan, önskad dag")
    expect(delivery).to_contain_text("Förmiddag 08–12")
    for text in ("Eva Lind, 0411-57 70 00", NOTE, "Ersätter ett inköpJa", "1 st"):
        expect(card).to_contain_text(text)
    # One way to say no to a request, and it needs a reason before it goes.
    expect(card.get_by_role("button", name="Avboka")).to_have_count(0)
    card.get_by_role("button", name="Avböj").click()
    reason = card.get_by_label("Anledning (krävs för att avböja)")
    expect(reason).to_have_attribute("aria-invalid", "true")
    expect(card.get_by_text("Skriv varför du avböjer.")).to_be_visible()
    card.get_by_role("button", name="Godkänn").click()
    expect(page.locator(".booking-view__status")).to_have_text("Bokningen är godkänd.")
    expect(card.get_by_role("button", name="Avboka")).to_be_visible()
    expect(card.get_by_role("button", name="Avböj")).to_have_count(0)
