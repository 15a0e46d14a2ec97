"""The item register from a file at 360 and 1280 px: a 200-row workbook with one bad row is refused
row by row and writes nothing; the corrected file, with one column read into another field, imports
whole; the register downloads as a workbook that holds the imported items."""

from __future__ import annotations

import io
import uuid

import pytest
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from backend.demo.data import AME_UNIT
from tests.browser.field import signed_in_http
from tests.browser.journeys import axe_clean, fits, new_person, open_as, shot

pytestmark = pytest.mark.browser

ROWS = 200


def workbook(prefix: str, bad_row: int | None = None) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Inv.nr", "Benämning", "Bredd (cm)", "Vikt (kg)", "Skick", "Tyg"])
    for i in range(ROWS):
        condition = "Jättefin" if i == bad_row else "Gott skick"
        sheet.append([f"{prefix}-{i:03}", f"Stapelstol {i}", 45, 4.5, condition, "Ull"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.mark.parametrize("width", ["phone", "desk"])
def test_a_register_file_is_checked_mapped_and_imported_whole(browser, live_server, width, tmp_path):
    worker = new_person(live_server, "ystad", AME_UNIT, "Iris Import", ("warehouse",))
    prefix = f"IMP{uuid.uuid4().hex[:6]}"
    bad, good = tmp_path / "inventarier-fel.xlsx", tmp_path / "inventarier.xlsx"
    bad.write_bytes(workbook(prefix, bad_row=41))
    good.write_bytes(workbook(prefix))
    context, page = open_as(browser, live_server, width, worker)
    try:
        page.goto("/sakregister")
        page.get_by_role("link", name="Importera eller hämta registret som fil").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Importera sakregistret")

        page.get_by_label("Fil att importera (.xlsx eller .csv)").set_input_files(str(bad))
        summary = page.locator(".register-import__summary")
        expect(summary).to_have_text("200 rader: 199 nya, 0 ändrade, 0 oförändrade, 1 med fel.")
        wrong = page.locator(".register-import__row--error")
        expect(wrong).to_have_count(1)
        expect(wrong.get_by_role("rowheader")).to_have_text("43")  # the header is line 1
        expect(wrong).to_contain_text("Skick: skicket är Nytt, Gott skick, Använt, Slitet eller Trasigt (Jättefin)")
        expect(page.locator(".register-import__submit")).to_have_count(0)
        expect(page.get_by_label("Kolumnen ”Inv.nr”")).to_have_value("inventory_number")
        expect(page.get_by_label("Kolumnen ”Tyg”")).to_have_value("")
        fits(page)
        assert axe_clean(page) == []
        shot(page, "register-import-errors")

        page.get_by_label("Fil att importera (.xlsx eller .csv)").set_input_files(str(good))
        expect(summary).to_have_text("200 rader: 200 nya, 0 ändrade, 0 oförändrade, 0 med fel.")
        page.get_by_label("Kolumnen ”Tyg”").select_option(label="Material")
        expect(page.get_by_label("Kolumnen ”Tyg”")).to_have_value("material")
        expect(page.get_by_role("button", name="Importera 200 saker")).to_be_visible()
        fits(page)
        assert axe_clean(page) == []
        shot(page, "register-import-preview")
        held = []
        page.route("**/api/register/import", lambda route: held.append(route))  # answered once the progress is seen
        page.get_by_role("button", name="Importera 200 saker").click()
        expect(page.locator(".register-import__progress progress")).to_be_visible()
        expect(page.get_by_role("status").filter(has_text="Importerar")).to_have_text("Importerar 200 rader …")
        shot(page, "register-import-progress")
        assert len(held) == 1
        held[0].continue_()
        expect(page.locator(".register-import__done")).to_have_text("Klart: 200 nya och 0 ändrade saker.")
        expect(page.locator(".register-import__done")).to_be_focused()
        shot(page, "register-import-done")

        with signed_in_http(live_server, worker) as http:
            found = http.get("/api/items", params={"q": "Stapelstol 42", "limit": 50})
            assert found.status_code == 200, found.text
            found = found.json()
            assert any(f["title"] == "Stapelstol 42" for f in found)
        with page.expect_download() as download:
            page.get_by_role("link", name="Hämta registret som Excel").click()
        sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
        rows = [r for r in sheet.iter_rows(values_only=True)]
        header = list(rows[0])
        ours = [r for r in rows[1:] if str(r[header.index("Inventarienummer")]).startswith(prefix)]
        assert len(ours) == ROWS
        assert {(r[header.index("Material")], r[header.index("Skick")]) for r in ours} == {("Ull", "Gott skick")}
    finally:
        context.close()
