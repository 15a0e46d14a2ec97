"""A demo user signs in through the PWA in Chromium and sees the Swedish home screen."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.field import controlled_by_worker, sign_in_with_form

pytestmark = pytest.mark.browser


class TestLogin:
    def test_demo_coordinator_signs_in_and_sees_who_they_are(self, page):
        sign_in_with_form(page, "samordnare@ystad.exempel.se")
        heading = page.get_by_role("heading", level=1)
        expect(heading).to_contain_text("Maria Persson")
        expect(page.locator("main")).to_contain_text("Samordnare")
        expect(page.locator("main")).to_contain_text("Ystad")
        expect(page.locator("main")).to_contain_text("Arbetsmarknadsenheten")
        assert page.evaluate("document.documentElement.lang") == "sv"

    def test_wrong_password_shows_a_swedish_message_and_stays_on_login(self, page):
        sign_in_with_form(page, "medarbetare@skurup.exempel.se", "fel-lösenord", expect_home=False)
        message = page.get_by_role("alert").or_(page.locator("[aria-live]"))
        expect(message).to_contain_text(re.compile("Fel e-postadress"))
        expect(page.get_by_label("E-postadress")).to_be_visible()

    def test_page_fits_a_360_pixel_phone_without_sideways_scrolling(self, page):
        sign_in_with_form(page, "medarbetare@trelleborg.exempel.se")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Sara Nyberg")
        assert page.evaluate("document.documentElement.scrollWidth") <= 360

    def test_signed_in_shell_starts_offline_from_the_service_worker(self, page):
        sign_in_with_form(page, "chauffor@skurup.exempel.se")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Amina Hassan")
        controlled_by_worker(page)
        page.context.set_offline(True)
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Amina Hassan")
        page.context.set_offline(False)

    def test_logout_returns_to_the_login_screen(self, page):
        sign_in_with_form(page, "admin@ystad.exempel.se")
        expect(page.get_by_role("heading", level=1)).to_contain_text("Johan Ek")
        page.get_by_role("button", name=re.compile("Logga ut")).click()
        expect(page.get_by_label("E-postadress")).to_be_visible()
        page.reload()
        expect(page.get_by_label("E-postadress")).to_be_visible()
