"""The item register's card in the PWA: an admin defines a list field, a warehouse worker fills an item's card."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import Page, expect

from backend.demo.data import AME_UNIT
from tests.browser.field import sign_in
from tests.browser.journeys import axe_clean, fits, new_person, shot, unique
from tests.browser.test_labels import bare_item

pytestmark = pytest.mark.browser
ADMIN = "admin@ystad.exempel.se"



class TestRegisterCard:
    def test_a_list_field_defined_by_the_admin_is_filled_in_on_an_items_card(
            self, page: Page, browser, live_server: str, live_database: str):
        title, field = unique("Skrivbord ek"), unique("Träslag")
        item = bare_item(live_database, title)
        worker = new_person(live_server, "ystad", AME_UNIT, "Sam Lager", ("warehouse",))

        sign_in(page, ADMIN)
        page.goto("/admin/faltlista")
        page.get_by_label("Fältets namn").fill(field)
        page.get_by_label("Sort").select_option(label="Lista")
        page.get_by_label("Val i listan (ett per rad)").fill("Ek\nBok\nBjörk")
        page.get_by_role("button", name="Lägg till fält").click()
        expect(page.locator(".admin-page__status")).to_have_text(f"Fältet {field} är tillagt.")
        expect(page.locator(".register-fields-view__list")).to_contain_text("Lista: Ek, Bok, Björk")
        assert axe_clean(page) == []
        fits(page)
        shot(page, "register-fields")
        page.context.clear_cookies()

        sign_in(page, worker)
        page.goto(f"/sak/{item}")
        card = page.get_by_role("region", name="Registeruppgifter")
        expect(card).to_contain_text("Inga registeruppgifter än.")
        card.get_by_role("button", name="Ändra registeruppgifter").click()
        card.get_by_label("Inventarienummer").fill(f"INV-{uuid.uuid4().hex[:6]}")
        card.get_by_label("Bredd (cm)").fill("140")
        card.get_by_label("Djup (cm)").fill("70")
        card.get_by_label("Höjd (cm)").fill("72")
        card.get_by_label("Vikt (kg)").fill("31.5")
        card.get_by_label("Märke").fill("Kinnarps")
        card.get_by_label("Inköpsår").fill("2019")
        card.get_by_label("Skick").select_option(label="Gott skick")
        card.get_by_label("Ansvarig enhet").select_option(index=1)
        card.get_by_label(field).select_option("Bok")
        assert axe_clean(page) == []
        fits(page)
        shot(page, "register-card-form")
        card.get_by_role("button", name="Spara registeruppgifter").click()
        expect(card.get_by_role("status")).to_have_text("Registeruppgifterna är sparade.")

        page.reload()
        card = page.get_by_role("region", name="Registeruppgifter")
        for text in ("140 × 70 × 72 cm", "31,5 kg", "Kinnarps", "2019", "Gott skick", field, "Bok"):
            expect(card).to_contain_text(text)
        assert axe_clean(page) == []
        fits(page)
        shot(page, "register-card")

        page.set_viewport_size({"width": 1280, "height": 800})
        fits(page)
        shot(page, "register-card")
        card.get_by_role("button", name="Ändra registeruppgifter").click()
        expect(card.get_by_label(field)).to_have_value("Bok")
        shot(page, "register-card-form")
