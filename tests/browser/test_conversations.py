"""Meddelanden: a Skurup employee asks about a Ystad listing shared with the network, the Ystad owner
reads and answers from the inbox, and someone outside the conversation gets 404."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import axe_clean, fits, heading, new_person, open_as, shot, unique, ystad_listing
from tests.browser.test_booking_view import requested_rental, signed_in_http

pytestmark = pytest.mark.browser
OWNER = "samordnare@ystad.exempel.se"  # in Ystad's AME, the unit that owns the listing


def test_a_skurup_employee_asks_and_the_ystad_owner_answers_from_the_inbox(browser, live_server):
    title = unique("Skrivbord")
    listing = ystad_listing(live_server, title)
    asker_email = new_person(live_server, name="Robin Frågar")
    asker, ask = open_as(browser, live_server, "phone", asker_email)
    owner, answer = open_as(browser, live_server, "desk", OWNER)
    try:
        ask.goto(f"/annons/{listing}")
        ask.get_by_role("button", name="Skicka meddelande").click()
        heading(ask, f"Om {title}")
        ask.get_by_role("button", name="Skicka").click()
        expect(ask.locator("#conversation-error")).to_have_text("Skriv något innan du skickar.")
        ask.get_by_label("Ditt meddelande").fill("Passar skrivbordet en vägg på 160 cm?")
        ask.get_by_role("button", name="Skicka").click()
        expect(ask.locator(".conversation-view__status")).to_have_text("Meddelandet är skickat.")
        expect(ask.locator(".conversation-view__message--mine")).to_contain_text("Passar skrivbordet")
        fits(ask)
        assert axe_clean(ask) == []
        conversation = ask.url.rsplit("/", 1)[-1]

        answer.goto("/")
        answer.get_by_role("link", name=re.compile(r"^Meddelanden, \d+ olästa? meddelanden?$")).click()
        heading(answer, "Meddelanden")
        entry = answer.get_by_role("link", name=re.compile(re.escape(title)))
        expect(entry).to_contain_text("1 oläst")
        assert axe_clean(answer) == []
        shot(answer, "inbox")
        entry.click()
        expect(answer.get_by_text("Passar skrivbordet en vägg på 160 cm?")).to_be_visible()
        expect(answer.locator(".conversation-view__people")).to_contain_text("Robin Frågar")
        answer.get_by_label("Ditt meddelande").fill("Ja, det är 140 cm brett.")
        answer.get_by_role("button", name="Skicka").click()
        expect(answer.locator(".conversation-view__status")).to_have_text("Meddelandet är skickat.")

        ask.reload()
        expect(ask.get_by_text("Ja, det är 140 cm brett.")).to_be_visible()
        shot(ask, "conversation")
    finally:
        asker.close()
        owner.close()

    with signed_in_http(live_server, new_person(live_server, name="Kim Utanför")) as stranger:
        assert stranger.get(f"/api/conversations/{conversation}").status_code == 404
        sent = stranger.post(f"/api/conversations/{conversation}/messages",
                             json={"client_id": "5f0d3c1e-8a7b-4c2d-9e6f-1a2b3c4d5e6f", "body": "Hej"})
        assert sent.status_code == 404


def test_a_reported_message_reaches_the_coordinator_who_hides_it(browser, live_server):
    title = unique("Soffa")
    listing = ystad_listing(live_server, title)
    writer = new_person(live_server, name="Alex Skriver")
    reporter_email = new_person(live_server, municipality="ystad", unit="Arbetsmarknadsenheten", name="Sam Anmäler")
    with signed_in_http(live_server, writer) as http:
        conversation = http.post("/api/conversations", json={"subject_kind": "listing", "subject_id": listing}).json()
        sent = http.post(f"/api/conversations/{conversation['id']}/messages",
                         json={"client_id": "7c1e2d3f-4a5b-4c6d-8e7f-901a2b3c4d5e", "body": "Något otrevligt"})
        assert sent.status_code == 201, sent.text
    reporter, report = open_as(browser, live_server, "phone", reporter_email)
    lead, work = open_as(browser, live_server, "phone", OWNER)
    try:
        report.goto(f"/meddelanden/{conversation['id']}")
        report.get_by_role("button", name="Anmäl").click()
        expect(report.locator(".conversation-view__status")).to_have_text(
            "Meddelandet är anmält till kommunens samordnare.")

        work.goto("/arbetsko")
        work.get_by_role("link", name="Anmälda meddelanden").click()
        heading(work, "Anmälda meddelanden")
        entry = work.get_by_role("listitem").filter(has_text=f"Samtalet om {title}")
        expect(entry).to_contain_text("Något otrevligt")
        expect(entry).to_contain_text("Skrivet av Alex Skriver")
        expect(entry).to_contain_text("Anmält av Sam Anmäler")
        expect(entry.get_by_role("link", name=f"Samtalet om {title}")).to_have_attribute(
            "href", f"/meddelanden/{conversation['id']}")
        fits(work)
        assert axe_clean(work) == []
        shot(work, "reported-messages")
        work.set_viewport_size({"width": 1280, "height": 800})
        shot(work, "reported-messages")
        work.set_viewport_size({"width": 360, "height": 740})
        entry.get_by_role("button", name="Dölj").click()
        expect(work.locator(".reported-view__status")).to_contain_text("Meddelandet är dolt.")
        expect(entry).to_have_count(0)
        assert axe_clean(work) == []
        work.reload()
        heading(work, "Anmälda meddelanden")
        expect(work.get_by_role("listitem").filter(has_text=f"Samtalet om {title}")).to_have_count(0)

        report.reload()
        expect(report.get_by_text("Meddelandet har dolts av kommunens samordnare.")).to_be_visible()
    finally:
        reporter.close()
        lead.close()


def test_the_conversation_about_a_listing_or_a_booking_is_on_its_page(browser, live_server):
    title = unique("Bokhylla")
    listing = ystad_listing(live_server, title)
    asker, page = open_as(browser, live_server, "phone", new_person(live_server, name="Robin Frågar"))
    try:
        page.goto(f"/annons/{listing}")
        talk = page.get_by_role("region", name="Meddelanden")
        expect(talk).to_contain_text("Inga meddelanden ännu.")
        talk.get_by_role("button", name="Skicka").click()
        expect(talk.get_by_role("alert")).to_have_text("Skriv något innan du skickar.")
        talk.get_by_label("Ditt meddelande").fill("Hur djup är hyllan?")
        talk.get_by_role("button", name="Skicka").click()
        expect(talk.get_by_role("status")).to_have_text("Meddelandet är skickat.")
        expect(talk.get_by_role("listitem")).to_have_text(re.compile(r"^Du, .*Hur djup är hyllan\?$"))
        expect(talk.get_by_role("link", name="Visa hela samtalet")).to_be_visible()
        fits(page)
        assert axe_clean(page) == []
        shot(page, "listing-conversation")
        page.set_viewport_size({"width": 1280, "height": 800})
        shot(page, "listing-conversation")
    finally:
        asker.close()

    booking = requested_rental(live_server)
    requester, page = open_as(browser, live_server, "phone", "medarbetare@skurup.exempel.se")
    owner, answer = open_as(browser, live_server, "desk", OWNER)
    try:
        page.goto(f"/bokningar/{booking['id']}")
        talk = page.get_by_role("region", name="Meddelanden")
        expect(talk).to_contain_text("Inga meddelanden ännu.")
        talk.get_by_label("Ditt meddelande").fill("Kan ni leverera före nio?")
        talk.get_by_role("button", name="Skicka").click()
        expect(talk.get_by_role("status")).to_have_text("Meddelandet är skickat.")
        fits(page)
        assert axe_clean(page) == []
        shot(page, "booking-conversation")

        answer.goto(f"/bokningar/{booking['id']}")
        theirs = answer.get_by_role("region", name="Meddelanden")
        expect(theirs.get_by_role("listitem")).to_contain_text("Kan ni leverera före nio?")
        assert axe_clean(answer) == []
        shot(answer, "booking-conversation")
    finally:
        requester.close()
        owner.close()
