"""Importing people from an HR file in the browser: the preview, the import, the invitation that reaches the
real SMTP server, and a second import of the same file that changes nothing."""

from __future__ import annotations

import uuid
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from backend.demo.data import DEMO_PASSWORD
from tests.browser.field import signed_in_http
from tests.browser.journeys import axe_clean, fits, heading, new_person, open_as, shot

pytestmark = pytest.mark.browser
ADMIN = "admin@ystad.exempel.se"
TABLE = "Vad som händer med varje rad"


def checked(page: Page) -> None:
    assert axe_clean(page) == []
    fits(page)


def choose(page: Page, text: str) -> None:
    page.get_by_label("CSV-fil från HR-systemet").set_input_files(
        {"name": "personal.csv", "mimeType": "text/csv", "buffer": text.encode("utf-8")})


def row(page: Page, email: str):
    return page.get_by_role("table", name=TABLE).get_by_role("row").filter(has_text=email)


class TestImport:
    def test_an_admin_imports_a_file_the_new_person_is_invited_and_a_second_import_changes_nothing(
            self, browser, live_server, smtp_inbox):
        known = new_person(live_server, "ystad", "Kultur och fritid", "Kim Känd")
        new = f"importerad-{uuid.uuid4().hex[:8]}@ystad.exempel.se"
        file = ("\ufeffe-post;namn;enhet;roller;språk\n"
                f"{new};Ida Importerad;Kultur och fritid;medarbetare;svenska\n"
                f"{known};Kim Känd-Nyman;Kultur och fritid;medarbetare;svenska\n")
        context, page = open_as(browser, live_server, "desk", ADMIN)
        page.goto("/admin/anvandare")
        expect(page.get_by_role("link", name="Importera från fil")).to_be_visible()
        shot(page, "users-import-link")
        page.get_by_role("link", name="Importera från fil").click()
        heading(page, "Importera personer från fil")
        checked(page)
        choose(page, file)
        expect(row(page, new)).to_contain_text("Ny person, får en inbjudan")
        expect(row(page, known)).to_contain_text("Ändras: namn")
        checked(page)
        shot(page, "import-preview")
        page.get_by_role("button", name="Importera 2 personer").click()
        expect(page.get_by_text("Importen är klar. Nya personer som fått en inbjudan: 1. Ändrade: 1.")).to_be_visible()
        shot(page, "import-done")
        context.close()

        [message] = smtp_inbox.wait_for(new)
        assert message["Subject"] == "Du är inbjuden till Delbar"

        context, page = open_as(browser, live_server, "phone", ADMIN)
        page.goto("/admin/importera")
        heading(page, "Importera personer från fil")
        choose(page, file + "inte-en-adress;Nils;Kultur och fritid;trollkarl;\n")
        expect(row(page, "inte-en-adress")).to_contain_text("Fel: inte en e-postadress; okänd roll (trollkarl)")
        expect(page.get_by_text("1 rad har fel.")).to_be_visible()
        expect(page.get_by_role("button", name="Importera 3 personer")).to_have_count(0)
        checked(page)
        shot(page, "import-errors")
        choose(page, file)
        expect(row(page, new)).to_contain_text("Oförändrad")
        expect(page.get_by_text("Inget skulle ändras: allt i filen finns redan i Delbar.")).to_be_visible()
        page.get_by_role("button", name="Importera 2 personer").click()
        expect(page.get_by_text("Inget ändrades: allt i filen fanns redan i Delbar.")).to_be_visible()
        checked(page)
        shot(page, "import-nothing")
        context.close()


@pytest.fixture
def english_admin(live_server: str) -> Iterator[str]:
    """An admin of Ystad of this test's own, free to switch to English; deactivated afterwards so no
    other test meets an extra admin (notices to a municipality's admins, for one)."""
    email = f"admin-en-{uuid.uuid4().hex[:8]}@ystad.exempel.se"
    with signed_in_http(live_server, ADMIN) as admin:
        unit_id = admin.get("/api/units").json()[0]["id"]
        made = admin.post("/api/users", json={"email": email, "name": "Alex Admin", "unit_id": unit_id,
                                              "roles": ["admin"], "password": DEMO_PASSWORD})
        assert made.status_code == 201, made.text
    yield email
    with signed_in_http(live_server, ADMIN) as admin:
        user = made.json()
        done = admin.patch(f"/api/users/{user['id']}", json={"version": user["version"], "active": False})
        assert done.status_code == 200, done.text


class TestInEnglish:
    def test_the_preview_reads_in_english_with_its_errors_marked(self, browser, live_server, english_admin):
        context, page = open_as(browser, live_server, "phone", english_admin)
        with page.expect_response(lambda r: r.url.endswith("/api/session/language") and r.ok):
            page.get_by_role("button", name="English").click()
        page.goto("/admin/importera")
        heading(page, "Import people from a file")
        page.get_by_label("CSV file from the HR system").set_input_files({
            "name": "staff.csv", "mimeType": "text/csv",
            "buffer": b"Email,Name,Unit\nnot-an-address,Nils,Kultur och fritid\n"})
        table = page.get_by_role("table", name="What happens to each row")
        expect(table.get_by_role("row").filter(has_text="not-an-address")).to_contain_text(
            "Error: not an e-mail address")
        expect(page.get_by_text("1 row has errors.")).to_be_visible()
        checked(page)
        shot(page, "import-errors-en")
        context.close()
