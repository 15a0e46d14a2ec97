"""E-mail in the browser: the live server sends to a real SMTP server (aiosmtpd), and the links in what
arrives are followed in Chromium: an invitation, a forgotten password, and a booking answer in English."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import Page, expect

from backend.mail.channels import KINDS
from tests.backend.mail.conftest import html_body, plain_body
from tests.browser.field import sign_in, signed_in_http
from tests.browser.journeys import WIDTHS, axe_clean, fits, heading, new_person, open_as, shot, ystad_listing
from tests.browser.test_bookings import local_day

pytestmark = pytest.mark.browser
NEW_PASSWORD = "tre gröna stolar i rad"


def link_in(message, start: str) -> str:
    return re.search(rf"{re.escape(start)}[^\s\"<]+", plain_body(message)).group(0)


def checked(page: Page) -> None:
    assert axe_clean(page) == []
    fits(page)


class TestInvitation:
    def test_an_invited_person_sets_their_password_from_the_email_link_and_signs_in(self, browser, live_server,
                                                                                     smtp_inbox):
        email = f"inbjuden-{uuid.uuid4().hex[:8]}@ystad.exempel.se"
        admin = browser.new_context(viewport={"width": 1280, "height": 800}, locale="sv-SE", base_url=live_server)
        page = admin.new_page()
        sign_in(page, "admin@ystad.exempel.se")
        page.goto("/admin/anvandare")
        page.get_by_text("Bjud in", exact=True).click()
        page.locator("#user-invite-name").fill("Ines Inbjuden")
        page.locator("#user-invite-email").fill(email)
        page.locator("#user-invite-unit").select_option(index=1)
        page.get_by_role("button", name="Skicka inbjudan").click()
        expect(page.get_by_text(f"Ines Inbjuden har fått en inbjudan till {email}")).to_be_visible()
        shot(page, "admin-invite")
        admin.close()

        [message] = smtp_inbox.wait_for(email)
        assert message["Subject"] == "Du är inbjuden till Delbar"
        link = link_in(message, f"{live_server}/losenord?nyckel=")
        assert f'href="{link}"' in html_body(message)
        for width in ("desk", "phone"):
            w, h = WIDTHS[width]
            context = browser.new_context(viewport={"width": w, "height": h}, locale="sv-SE", base_url=live_server)
            person = context.new_page()
            person.goto(link)
            heading(person, "Välj lösenord")
            expect(person.get_by_text(f"Välkommen till Delbar! Välj ett lösenord för {email}.")).to_be_visible()
            checked(person)
            shot(person, "password-link")
            if width == "phone":
                person.get_by_label("Nytt lösenord").fill(NEW_PASSWORD)
                person.get_by_label("Skriv lösenordet igen").fill(NEW_PASSWORD + "x")
                person.get_by_role("button", name="Spara lösenordet").click()
                expect(person.get_by_text("Lösenorden är inte lika")).to_be_visible()
                person.get_by_label("Skriv lösenordet igen").fill(NEW_PASSWORD)
                person.get_by_role("button", name="Spara lösenordet").click()
                expect(person.get_by_text("Klart! Nu kan du logga in med ditt nya lösenord.")).to_be_visible()
                person.get_by_role("link", name="Logga in").click()
                person.get_by_label("E-postadress").fill(email)
                person.get_by_role("button", name="Fortsätt").click()
                person.get_by_label("Lösenord").fill(NEW_PASSWORD)
                person.get_by_role("button", name="Logga in").click()
                expect(person.get_by_role("heading", level=1)).to_contain_text("Ines Inbjuden")
                person.goto(link)  # a used link says so
                expect(person.get_by_text("Länken fungerar inte längre")).to_be_visible()
            context.close()


class TestForgotten:
    def test_forgot_password_sends_a_link_that_sets_a_new_one(self, browser, live_server, smtp_inbox):
        email = new_person(live_server, "ystad", "Kultur och fritid", "Frida Glömsk")
        for width in ("desk", "phone"):
            w, h = WIDTHS[width]
            context = browser.new_context(viewport={"width": w, "height": h}, locale="sv-SE", base_url=live_server)
            page = context.new_page()
            page.goto("/login")
            page.get_by_role("link", name="Glömt lösenordet?").click()
            heading(page, "Glömt lösenordet?")
            checked(page)
            shot(page, "forgot-password")
            page.get_by_label("E-postadress").fill(email)
            page.get_by_role("button", name="Skicka länken").click()
            expect(page.get_by_text(f"Om {email} har ett konto i Delbar")).to_be_visible()
            context.close()
        messages = smtp_inbox.wait_for(email, count=2)
        page = browser.new_context(locale="sv-SE", base_url=live_server).new_page()
        page.goto(link_in(messages[-1], f"{live_server}/losenord?nyckel="))
        expect(page.get_by_text(f"Nytt lösenord för {email}.")).to_be_visible()
        page.get_by_label("Nytt lösenord").fill(NEW_PASSWORD)
        page.get_by_label("Skriv lösenordet igen").fill(NEW_PASSWORD)
        page.get_by_role("button", name="Spara lösenordet").click()
        expect(page.get_by_text("Klart!")).to_be_visible()
        page.context.close()


class TestBookingAnswer:
    def test_an_employee_who_chose_email_gets_the_answer_in_english_and_follows_the_link(self, browser, live_server,
                                                                                         smtp_inbox):
        email = new_person(live_server, "skurup", "Kultur och fritid", "Eddie English")
        listing = ystad_listing(live_server, f"Tält {uuid.uuid4().hex[:4]}")
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=live_server)
        page = context.new_page()
        sign_in(page, email)
        with page.expect_response(lambda r: r.url.endswith("/api/session/language") and r.ok):
            page.get_by_role("button", name="English").click()
        page.goto("/notiser/installningar")
        approved = page.get_by_label("Your booking was approved")
        expect(approved).to_be_enabled()
        approved.select_option("email")
        page.get_by_role("button", name="Save").click()
        expect(page.locator(".push-settings__status")).to_contain_text("saved")
        shot(page, "notification-channels")
        checked(page)
        with signed_in_http(live_server, email) as me:
            booking = me.post("/api/bookings", json={"listing_id": listing, "start": local_day(5),
                                                     "end": local_day(7)})
            assert booking.status_code == 201, booking.text
        booking_id = booking.json()["id"]
        with signed_in_http(live_server, "samordnare@ystad.exempel.se") as owner:
            assert owner.post(f"/api/bookings/{booking_id}/approve", json={}).status_code == 200
        [message] = smtp_inbox.wait_for(email)
        assert message["Subject"] == "Your booking is approved" and message["Content-Language"] == "en"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        link = link_in(message, f"{live_server}/bokningar/")
        assert link == f"{live_server}/bokningar/{booking_id}"
        letter = context.new_page()
        letter.set_content(html_body(message))  # the HTML part as a mail program shows it
        shot(letter, "booking-answer-email")
        letter.close()
        page.goto(link)
        expect(page.get_by_role("heading", level=1)).to_have_text("Booking")
        expect(page.get_by_role("article").first).to_contain_text("Approved")
        unsubscribe = message["List-Unsubscribe"].strip("<>")
        page.goto(unsubscribe)
        expect(page.get_by_role("heading", level=1)).to_have_text("Stop e-mails")
        checked(page)
        shot(page, "unsubscribe")
        page.get_by_role("button", name="Yes, stop sending").click()
        expect(page.get_by_text("You no longer get e-mails about approved bookings")).to_be_visible()
        page.goto("/notiser/installningar")
        expect(page.get_by_label("Your booking was approved")).to_have_value("none")
        context.close()


class TestDefaults:
    def test_an_admin_switches_a_kind_off_and_an_employee_sees_it_switched_off(self, browser, live_server):
        email = new_person(live_server, "trelleborg", "Kultur och fritid", "Dora Default")
        try:
            context, page = open_as(browser, live_server, "desk", "admin@trelleborg.exempel.se")
            page.goto("/notiser/installningar")
            card = page.get_by_role("form", name="Kommunens standardval")
            default = card.get_by_label("Något du efterlyser finns")
            expect(default).to_be_enabled()
            default.select_option("digest")
            card.get_by_role("checkbox", name="Stäng av för alla").nth(KINDS.index("return_due")).check()
            card.get_by_role("button", name="Spara standardvalen").click()
            expect(card.get_by_text("Kommunens standardval är sparade.")).to_be_visible()
            checked(page)
            shot(page, "municipality-defaults")
            context.close()
            for width in ("phone", "desk"):
                context, page = open_as(browser, live_server, width, email)
                page.goto("/notiser/installningar")
                expect(page.get_by_label("Något du efterlyser finns")).to_have_value("digest")
                returns = page.get_by_label("Återlämning i morgon")
                expect(returns).to_be_disabled()
                expect(returns).to_have_accessible_description(re.compile("^Avstängt av kommunen."))
                expect(page.get_by_label("Hämtning i morgon")).to_have_accessible_description("")
                checked(page)
                context.close()
        finally:
            with signed_in_http(live_server, "admin@trelleborg.exempel.se") as admin:
                version = admin.get("/api/mail/defaults").json()["version"]
                restored = admin.put("/api/mail/defaults", json={
                    "version": version, "channels": dict.fromkeys(KINDS, "push"), "off_kinds": []})
                assert restored.status_code == 200, restored.text
