"""The item register to and from a file: the export, the preview, the import, and their bounds."""

from __future__ import annotations

import csv
import io
import json

import pytest
from openpyxl import Workbook, load_workbook

from backend.catalog.tables import Item
from backend.register.tables import ItemCard, RegisterValue
from backend.register.transfer import MAX_ROWS
from tests.backend.codes.test_service import warehouse
from tests.backend.register.test_service import define
from tests.factories import login, make_item, make_user

pytestmark = pytest.mark.anyio

SWEDISH = ("Inventarienummer;Benämning;Bredd (cm);Vikt (kg);Märke;Inköpspris (kr);Skick;Anteckning\n"
           "INV-1;Skrivbord;120;31,5;Kinnarps;12 500,50;Gott skick;vid fönstret\n"
           "INV-2;Kontorsstol;;12;Kinnarps;;Slitet;\n")


async def preview(client, body: bytes | str, name: str = "register.csv", mapping: list[str] | None = None):
    data = body.encode() if isinstance(body, str) else body
    form = {"mapping": json.dumps(mapping)} if mapping is not None else {}
    return await client.post("/api/register/import/preview", files={"file": (name, data, "text/csv")}, data=form)


async def apply(client, body: bytes | str, name: str = "register.csv", mapping: list[str] | None = None):
    data = body.encode() if isinstance(body, str) else body
    form = {"mapping": json.dumps(mapping)} if mapping is not None else {}
    return await client.post("/api/register/import", files={"file": (name, data, "text/csv")}, data=form)


def xlsx(rows: list[list]) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


async def cards(municipality) -> dict[str, dict]:
    rows = await ItemCard.select(*ItemCard.all_columns(), ItemCard.item.title.as_alias("title")).where(
        ItemCard.municipality == municipality)
    return {r["inventory_number"]: r for r in rows}


class TestPreview:
    async def test_the_headers_suggest_the_fields_and_the_rows_are_planned(self, client, ystad):
        await warehouse(client, ystad)
        answer = await preview(client, SWEDISH)
        assert answer.status_code == 200, answer.text
        report = answer.json()
        assert [c["key"] for c in report["columns"]] == [
            "inventory_number", "title", "width_cm", "weight_kg", "brand", "purchase_price_kr", "condition", ""]
        assert (report["total"], report["created"], report["errors"], report["applied"]) == (2, 2, 0, False)
        assert await Item.count().where(Item.municipality == ystad.id) == 0

    async def test_a_bad_cell_is_reported_with_its_line_and_column(self, client, ystad):
        await warehouse(client, ystad)
        bad = SWEDISH + "INV-3;Hylla;bred;;;;Jättefin;\n"
        report = (await preview(client, bad)).json()
        assert report["errors"] == 1
        wrong = next(r for r in report["rows"] if r["action"] == "error")
        assert wrong["row"] == 4
        assert {(e["column"], e["code"]) for e in wrong["errors"]} == {
            ("Bredd (cm)", "not_a_number"), ("Skick", "unknown_condition")}

    async def test_a_file_without_an_inventory_number_or_id_column_is_refused(self, client, ystad):
        await warehouse(client, ystad)
        answer = await preview(client, "Benämning;Material\nStol;Ek\n")
        assert (answer.status_code, answer.json()["error"]) == (400, "no_key_column")

    async def test_a_chosen_mapping_reads_a_column_into_a_custom_field(self, client, ystad):
        field = await define(client, ystad, "Anteckning", "text")
        await warehouse(client, ystad)
        mapping = ["inventory_number", "title", "width_cm", "weight_kg", "brand", "purchase_price_kr", "condition",
                   f"field:{field['id']}"]
        answer = await apply(client, SWEDISH, mapping=mapping)
        assert answer.status_code == 200, answer.text
        values = await RegisterValue.select(RegisterValue.value).where(RegisterValue.field == field["id"])
        assert [v["value"] for v in values] == ["vid fönstret"]

    @pytest.mark.parametrize(("mapping", "code"), [
        (["title"], "mapping_mismatch"),
        (["inventory_number", "title", "title", "", "", "", "", ""], "mapping_repeats"),
        (["inventory_number", "nonsense", "", "", "", "", "", ""], "unknown_field"),
    ])
    async def test_a_mapping_that_does_not_fit_the_file_is_refused(self, client, ystad, mapping, code):
        await warehouse(client, ystad)
        answer = await preview(client, SWEDISH, mapping=mapping)
        assert (answer.status_code, answer.json()["error"]) == (400, code)

    async def test_a_mapping_that_is_not_json_is_refused(self, client, ystad):
        await warehouse(client, ystad)
        answer = await client.post("/api/register/import/preview", files={"file": ("r.csv", SWEDISH.encode())},
                                   data={"mapping": "[inventory"})
        assert (answer.status_code, answer.json()["error"]) == (400, "bad_mapping")


class TestImport:
    async def test_new_items_get_their_cards_in_the_importer_s_unit(self, client, ystad):
        await warehouse(client, ystad)
        answer = await apply(client, SWEDISH)
        assert answer.status_code == 200, answer.text
        assert (answer.json()["created"], answer.json()["applied"]) == (2, True)
        found = await cards(ystad.id)
        desk = found["INV-1"]
        assert (desk["title"], desk["width_cm"], desk["weight_g"], desk["brand"], desk["purchase_price_ore"],
                desk["condition"]) == ("Skrivbord", 120, 31_500, "Kinnarps", 1_250_050, "good")
        owners = await Item.select(Item.owner_unit).where(Item.municipality == ystad.id)
        assert {o["owner_unit"] for o in owners} == {ystad.ame_unit}

    async def test_one_bad_row_among_good_ones_writes_nothing(self, client, ystad):
        await warehouse(client, ystad)
        answer = await apply(client, SWEDISH + "INV-3;;;;;;;\n")
        assert answer.status_code == 422
        report = answer.json()
        assert (report["applied"], report["errors"]) == (False, 1)
        assert report["rows"][0]["errors"][0]["code"] == "no_title"
        assert await Item.count().where(Item.municipality == ystad.id) == 0

    async def test_importing_again_updates_and_never_copies(self, client, ystad):
        await warehouse(client, ystad)
        assert (await apply(client, SWEDISH)).status_code == 200
        again = (await apply(client, SWEDISH)).json()
        assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 2)
        edited = SWEDISH.replace("Kontorsstol;;12", "Kontorsstol, blå;;14")
        changed = (await apply(client, edited)).json()
        assert (changed["created"], changed["updated"], changed["unchanged"]) == (0, 1, 1)
        assert await Item.count().where(Item.municipality == ystad.id) == 2
        chair = (await cards(ystad.id))["INV-2"]
        assert (chair["title"], chair["weight_g"], chair["version"]) == ("Kontorsstol, blå", 14_000, 2)

    async def test_an_exported_workbook_edited_and_imported_updates_its_items(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit, "Bokhylla")
        await warehouse(client, ystad)
        saved = await client.put(f"/api/items/{item}/register",
                                 json={"version": 0, "material": "=Björk", "inventory_number": "B-1"})
        assert saved.status_code == 200
        exported = await client.get("/api/register/export.xlsx")
        assert exported.status_code == 200
        assert exported.headers["content-type"].startswith("application/vnd.openxmlformats")
        sheet = load_workbook(io.BytesIO(exported.content)).active
        rows = [list(r) for r in sheet.iter_rows(values_only=True)]
        assert rows[0][:3] == ["Delbar-id", "Inventarienummer", "Benämning"]
        assert rows[1][:3] == [str(item), "B-1", "Bokhylla"]
        material = rows[0].index("Material")
        assert rows[1][material] == "'=Björk"  # shown as text, never run as a formula
        rows[1][rows[0].index("Höjd (cm)")] = 180
        report = (await apply(client, xlsx(rows), name="sakregister.xlsx")).json()
        assert (report["applied"], report["updated"], report["created"]) == (True, 1, 0), report
        card = (await cards(ystad.id))["B-1"]
        assert (card["height_cm"], card["material"], card["version"]) == (180, "=Björk", 2)

    async def test_the_csv_export_opens_in_swedish_excel_and_reads_back_unchanged(self, client, ystad):
        await warehouse(client, ystad)
        assert (await apply(client, SWEDISH)).status_code == 200
        exported = await client.get("/api/register/export.csv")
        assert exported.headers["content-type"] == "text/csv; charset=utf-8"
        assert exported.content.startswith(b"\xef\xbb\xbf")
        lines = list(csv.reader(io.StringIO(exported.content.decode("utf-8-sig")), delimiter=";"))
        assert "31,5" in lines[1] + lines[2]
        report = (await apply(client, exported.content)).json()
        assert (report["unchanged"], report["created"], report["updated"]) == (2, 0, 0), report

    async def test_the_export_holds_only_the_municipality_s_own_items(self, client, ystad, skurup):
        await make_item(skurup.id, skurup.ame_unit, "Skurups soffa")
        await make_item(ystad.id, ystad.ame_unit, "Ystads soffa")
        await warehouse(client, ystad)
        text = (await client.get("/api/register/export.csv")).content.decode("utf-8-sig")
        assert "Ystads soffa" in text
        assert "Skurups soffa" not in text

    async def test_an_english_speaker_s_export_has_english_headers(self, client, ystad):
        await warehouse(client, ystad)
        assert (await client.put("/api/session/language", json={"language": "en"})).status_code in (200, 204)
        text = (await client.get("/api/register/export.csv")).content.decode("utf-8-sig")
        assert text.startswith("Delbar id;Inventory number;Title;Owning unit")

    async def test_the_same_item_twice_in_one_file_is_an_error(self, client, ystad):
        await warehouse(client, ystad)
        report = (await apply(client, SWEDISH + "INV-1;Skrivbord igen;;;;;;\n")).json()
        assert report["rows"][0]["errors"][0]["code"] == "repeated_row"

    async def test_an_unknown_delbar_id_or_another_municipality_s_item_is_refused(self, client, ystad, skurup):
        theirs = await make_item(skurup.id, skurup.ame_unit, "Deras stol")
        await warehouse(client, ystad)
        report = (await apply(client, f"Delbar-id;Benämning\n{theirs};Min nu\n")).json()
        assert report["rows"][0]["errors"][0]["code"] == "unknown_item"
        assert (await Item.select(Item.title).where(Item.id == theirs).first())["title"] == "Deras stol"

    async def test_an_inventory_number_taken_by_another_item_is_an_error(self, client, ystad):
        first, second = await make_item(ystad.id, ystad.ame_unit), await make_item(ystad.id, ystad.ame_unit)
        await warehouse(client, ystad)
        await client.put(f"/api/items/{first}/register", json={"version": 0, "inventory_number": "T-1"})
        report = (await apply(client, f"Delbar-id;Inventarienummer\n{second};T-1\n")).json()
        assert report["rows"][0]["errors"][0]["code"] == "inventory_number_taken"

    async def test_an_employee_may_not_import(self, client, ystad):
        await login(client, ystad.employee_email)
        assert (await apply(client, SWEDISH)).status_code == 403

    async def test_a_reporter_may_preview_but_not_import(self, client, ystad):
        await make_user(ystad.id, ystad.admin_unit, "rapport@ystad.test", "reporter")
        await login(client, "rapport@ystad.test")
        assert (await preview(client, SWEDISH)).status_code == 200
        assert (await apply(client, SWEDISH)).status_code == 403


class TestBadFiles:
    @pytest.mark.parametrize(("body", "name", "code"), [
        (b"", "r.csv", "empty_file"),
        (b"\xff\xfe\x00x", "r.csv", "not_utf8"),
        (b"PK\x03\x04not really a zip", "r.xlsx", "not_xlsx"),
        (b"Inventarienummer;Ben\xc3\xa4mning\n", "r.csv", "empty_file"),
        (b"just text", "r.xlsx", "not_xlsx"),
    ])
    async def test_a_file_that_cannot_be_read_says_why(self, client, ystad, body, name, code):
        await warehouse(client, ystad)
        answer = await preview(client, body, name=name)
        assert (answer.status_code, answer.json()["error"]) == (400, code)

    async def test_too_many_rows_are_refused(self, client, ystad):
        await warehouse(client, ystad)
        body = "Inventarienummer;Benämning\n" + "".join(f"N{i};Stol\n" for i in range(MAX_ROWS + 1))
        answer = await preview(client, body)
        assert (answer.status_code, answer.json()["error"]) == (400, "too_many_rows")

    async def test_a_body_over_the_bound_is_413(self, client, ystad):
        await warehouse(client, ystad)
        answer = await preview(client, b"x" * (11 * 1024 * 1024))
        assert answer.status_code == 413

    async def test_a_form_without_a_file_is_400(self, client, ystad):
        await warehouse(client, ystad)
        answer = await client.post("/api/register/import/preview", data={"mapping": "[]"},
                                   files={"other": ("x", b"y")})
        assert answer.status_code == 400


class TestHostileWorkbooks:
    async def test_a_workbook_that_unpacks_to_gigabytes_is_refused(self, client, ystad):
        import zipfile
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("xl/worksheets/sheet1.xml", b" " * (210 * 1024 * 1024))
        await warehouse(client, ystad)
        answer = await preview(client, out.getvalue(), name="bomb.xlsx")
        assert (answer.status_code, answer.json()["error"]) == (400, "file_too_large")

    async def test_a_workbook_without_its_size_recorded_has_no_empty_columns(self, client, ystad):
        book = Workbook(write_only=True)  # as streaming writers save it: no dimension, rows padded when read
        sheet = book.create_sheet("Inventarier")
        sheet.append(["Inventarienummer", "Benämning"])
        sheet.append(["S-1", "Soffa"])
        out = io.BytesIO()
        book.save(out)
        await warehouse(client, ystad)
        report = (await preview(client, out.getvalue(), name="strömmad.xlsx")).json()
        assert [c["header"] for c in report["columns"]] == ["Inventarienummer", "Benämning"]

    async def test_only_the_first_200_columns_are_read(self, client, ystad):
        await warehouse(client, ystad)
        wide = xlsx([["Inventarienummer", "Benämning", *[f"k{i}" for i in range(400)]],
                     ["W-1", "Bred stol", *["x"] * 400]])
        report = (await preview(client, wide, name="bred.xlsx")).json()
        assert (len(report["columns"]), report["created"]) == (200, 1)
