"""The Händelselogg: an admin changes a person's roles, reads "före → efter" in the log, filters it
and downloads it as CSV; the screen passes axe at 360 px and 1280 px.

The person is made for the test (new_person), so the demo people other tests use stay as they were."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.browser.field import sign_in
from tests.browser.journeys import new_person, shot
from tests.browser.test_accessibility import violations

pytestmark = pytest.mark.browser

ADMIN = "admin@skurup.exempel.se"
ROUTE = "/admin/handelselogg"


def change_roles(page: Page, name: str) -> None:
    page.goto("/admin/anvandare")
    page.get_by_label("Sök bland användarna").fill(name)
    card = page.get_by_role("listitem", name=name)
    card.get_by_text(f"Ändra {name}").click()
    card.get_by_role("checkbox", name="Chaufför").check()
    card.get_by_role("button", name="Spara ändringar").click()
    expect(page.get_by_role("main").get_by_role("status").first).to_have_text(f"Ändringarna för {name} är sparade.")


class TestAuditLog:
    def test_admin_reads_a_role_change_before_and_after_and_exports_it(self, page, live_server):
        name = "Kim Loggad"
        new_person(live_server, name=name)
        sign_in(page, ADMIN)
        change_roles(page, name)

        page.goto("/")
        page.get_by_role("region", name="Mer i Delbar").get_by_role("link", name="Händelselogg").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Händelselogg")
        page.get_by_label("Händelse", exact=True).select_option(label="Roller ändrade")
        page.get_by_role("button", name="Visa").click()
        entries = page.get_by_role("list", name="Händelser")
        entry = entries.get_by_role("listitem").filter(has_text=name).first
        expect(entry).to_contain_text("Roller ändrade")
        expect(entry).to_contain_text("Roller")
        expect(entry).to_contain_text("Medarbetare → Chaufför, Medarbetare")
        expect(page.get_by_role("heading", name="Händelser", exact=False)).to_be_focused()

        with page.expect_download() as waiting:
            page.get_by_role("link", name="Ladda ner som CSV").click()
        data = Path(waiting.value.path()).read_bytes()
        assert data.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][1] == "Händelse" and {row[1] for row in rows[1:]} == {"user.roles_changed"}
        mine = [row for row in rows[1:] if row[6] == name]
        assert mine and mine[0][7] == '{"roles": ["employee"]}' and mine[0][8] == '{"roles": ["driver", "employee"]}'

    def test_an_employee_gets_the_server_s_refusal(self, page):
        sign_in(page, "medarbetare@skurup.exempel.se")
        page.goto(ROUTE)
        expect(page.get_by_role("alert")).to_have_text("Du har inte behörighet att göra det här.")
        expect(page.get_by_role("list", name="Händelser")).to_have_count(0)

    @pytest.mark.parametrize("width", [360, 1280])
    def test_axe_finds_nothing(self, browser, live_server, width):
        context = browser.new_context(viewport={"width": width, "height": 900}, locale="sv-SE", base_url=live_server)
        try:
            page = context.new_page()
            sign_in(page, ADMIN)
            assert violations(page, ROUTE) == []
            shot(page, "audit")
        finally:
            context.close()
