"""The item register from a file at 360 and 1280 px: a 200-row workbook with two bad rows is refused
row by row and writes nothing; the corrected file, with one column read into another field, imports
whole; the register downloads as a workbook, which edited and imported again updates its items and
makes no copies."""

from __future__ import annotations

import io
import uuid

import pytest
from openpyxl import Workbook, load_workbook
from playwright.sync_api import expect

from backend.demo.data import AME_UNIT
from tests.browser.field import held_routes, signed_in_http
from tests.browser.journeys import axe_clean, fits, new_person, open_as, shot
from tests.browser.test_labels import new_batch

pytestmark = pytest.mark.browser

ROWS = 200


def workbook(prefix: str, bad: bool = False) -> bytes:
    book = Workbook()
    sheet = book.active
    sheet.append(["Inv.nr", "Benämning", "Bredd (cm)", "Vikt (kg)", "Skick", "Tyg"])
    for i in range(ROWS):
        condition = "Jättefin" if bad and i == 41 else "Gott skick"
        width = "bred" if bad and i == 150 else 45
        sheet.append([f"{prefix}-{i:03}", f"Stapelstol {i}", width, 4.5, condition, "Ull"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def exported(page) -> tuple[list[str], list[tuple]]:
    """The register as the download link gives it: its header and its rows."""
    with page.expect_download() as download:
        page.get_by_role("link", name="Hämta registret som Excel").click()
    sheet = load_workbook(io.BytesIO(download.value.path().read_bytes())).active
    rows = list(sheet.iter_rows(values_only=True))
    return list(rows[0]), rows[1:]


@pytest.mark.parametrize("width", ["phone", "desk"])
def test_a_register_file_is_checked_mapped_and_imported_whole(browser, live_server, width, tmp_path):
    worker = new_person(live_server, "ystad", AME_UNIT, "Iris Import", ("warehouse",))
    prefix = f"IMP{uuid.uuid4().hex[:6]}"
    bad, good = tmp_path / "inventarier-fel.xlsx", tmp_path / "inventarier.xlsx"
    bad.write_bytes(workbook(prefix, bad=True))
    good.write_bytes(workbook(prefix))
    context, page = open_as(browser, live_server, width, worker)
    try:
        page.goto("/sakregister")
        page.get_by_role("link", name="Importera eller hämta registret som fil").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Importera sakregistret")

        page.get_by_label("Fil att importera (.xlsx eller .csv)").set_input_files(str(bad))
        summary = page.locator(".register-import__summary")
        expect(summary).to_have_text("200 rader: 198 nya, 0 ändrade, 0 oförändrade, 2 med fel.")
        wrong = page.locator(".register-import__row--error")
        expect(wrong).to_have_count(2)
        expect(wrong.get_by_role("rowheader")).to_have_text(["43", "152"])  # the header is line 1
        expect(wrong.first).to_contain_text(
            "Skick: skicket är Nytt, Gott skick, Använt, Slitet eller Trasigt (Jättefin)")
        expect(wrong.last).to_contain_text("Bredd (cm): skriv ett tal, till exempel 12 eller 12,5 (bred)")
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
        assert len(held_routes(page, held)) == 1
        held[0].continue_()
        page.unroute("**/api/register/import")
        expect(page.locator(".register-import__done")).to_have_text("Klart: 200 nya och 0 ändrade saker.")
        expect(page.locator(".register-import__done")).to_be_focused()
        shot(page, "register-import-done")

        with signed_in_http(live_server, worker) as http:
            # By its inventory number: "Stapelstol 42" is a substring of every item when the random
            # prefix holds "42", and 50 of 200 items made in one go need not include the one asked for.
            found = http.get("/api/items", params={"q": f"{prefix}-042", "limit": 50})
            assert found.status_code == 200, found.text
            assert [f["title"] for f in found.json()] == ["Stapelstol 42"]
        header, rows = exported(page)
        ours = [r for r in rows if str(r[header.index("Inventarienummer")]).startswith(prefix)]
        assert len(ours) == ROWS
        assert {(r[header.index("Material")], r[header.index("Skick")]) for r in ours} == {("Ull", "Gott skick")}

        # The downloaded workbook, with ten chairs moved to another condition, read back in: ten change.
        edited = Workbook()
        edited.active.append(header)
        for row in rows:
            row = list(row)
            if str(row[header.index("Inventarienummer")]).startswith(f"{prefix}-00"):
                row[header.index("Skick")] = "Slitet"
            edited.active.append(row)
        again = tmp_path / "sakregister-andrad.xlsx"
        edited.save(again)
        page.get_by_label("Fil att importera (.xlsx eller .csv)").set_input_files(str(again))
        expect(summary).to_contain_text(": 0 nya, 10 ändrade,")
        page.get_by_role("button", name="Importera 10 saker").click()
        expect(page.locator(".register-import__done")).to_have_text("Klart: 0 nya och 10 ändrade saker.")
        header, rows = exported(page)
        ours = [r for r in rows if str(r[header.index("Inventarienummer")]).startswith(prefix)]
        assert len(ours) == ROWS  # no copies
        assert sum(r[header.index("Skick")] == "Slitet" for r in ours) == 10
    finally:
        context.close()


def test_imported_items_get_their_labels_found_by_inventory_number(browser, live_server):
    """Two identical chairs from a file, told apart on the link screen by the number on each."""
    worker = new_person(live_server, "ystad", AME_UNIT, "Lina Etikett", ("warehouse",))
    prefix = f"LNK{uuid.uuid4().hex[:6]}"
    body = f"Inventarienummer;Benämning\n{prefix}-1;Konferensstol grå\n{prefix}-2;Konferensstol grå\n"
    with signed_in_http(live_server, worker) as http:
        answer = http.post("/api/register/import", files={"file": ("stolar.csv", body.encode())})
        assert answer.status_code == 200, answer.text
    context, page = open_as(browser, live_server, "phone", worker)
    try:
        code = new_batch(page, "Rulle för importerade stolar")[0]
        page.goto(f"/koppla/{code}")
        page.get_by_role("searchbox", name="Sök saken").fill(f"{prefix}-2")
        rows = page.locator("#link-results li")
        expect(rows).to_have_count(1)
        expect(rows).to_contain_text(f"Inventarienummer {prefix}-2")
        fits(page)
        assert axe_clean(page) == []
        shot(page, "link-by-inventory-number")
        rows.get_by_role("button", name="Koppla etiketten till Konferensstol grå").click()
        page.wait_for_url("**/sak/*")
        expect(page.locator(".item-view__code")).to_have_text(code)
        page.goto("/sakregister")
        page.get_by_label("Sök saker (namn, inventarienummer eller plats)").fill(prefix)
        listed = page.locator(".item-register__row")
        expect(listed).to_have_count(2)
        expect(listed.filter(has_text=f"{prefix}-2")).to_contain_text(code)
        expect(listed.filter(has_text=f"{prefix}-1")).to_contain_text("ingen etikett än")
    finally:
        context.close()
