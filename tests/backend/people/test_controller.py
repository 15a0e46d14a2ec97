"""Importing people and units from an HR system's CSV file: the preview, the import, and their bounds."""

from __future__ import annotations

import pytest

from backend.accounts.tables import Unit, User
from backend.mail.tables import MailMessage, MailToken
from backend.people.hr_csv import MAX_BYTES, MAX_ROWS
from tests.factories import login

pytestmark = pytest.mark.anyio

SWEDISH = ("e-post;namn;enhet;roller;språk\n"
           "nora@ystad.test;Nora Ny;Kultur och fritid;medarbetare;svenska\n"
           "ove@ystad.test;Ove Olsson;Arbetsmarknadsenheten;chaufför, lager;engelska\n")


async def preview(client, body: bytes | str, name: str = "personal.csv"):
    data = body.encode() if isinstance(body, str) else body
    return await client.post("/api/admin/import/preview", files={"file": (name, data, "text/csv")})


async def apply(client, body: bytes | str):
    data = body.encode() if isinstance(body, str) else body
    return await client.post("/api/admin/import", files={"file": ("personal.csv", data, "text/csv")})


@pytest.fixture
async def admin(new_client, ystad):
    client = await new_client()
    await login(client, ystad.admin_email)
    return client


class TestPreview:
    async def test_a_swedish_file_with_semicolons_previews_new_people_and_a_new_unit(self, admin):
        answer = await preview(admin, SWEDISH)
        assert answer.status_code == 200, answer.text
        report = answer.json()
        assert [(r["row"], r["email"], r["action"], r["new_unit"]) for r in report["rows"]] == [
            (2, "nora@ystad.test", "create", True), (3, "ove@ystad.test", "create", False)]
        assert report["new_units"] == ["Kultur och fritid"] and report["created"] == 2 and not report["applied"]

    async def test_the_preview_writes_nothing(self, admin):
        await preview(admin, SWEDISH)
        assert not await User.exists().where(User.email == "nora@ystad.test")
        assert not await Unit.exists().where(Unit.name == "Kultur och fritid")

    async def test_an_english_file_with_commas_and_a_byte_order_mark_is_read(self, admin):
        body = ("\ufeffEmail,Name,Unit,Roles,Language\n"
                'nora@ystad.test,Nora Ny,Arbetsmarknadsenheten,"employee,coordinator",en\n')
        report = (await preview(admin, body.encode("utf-8"))).json()
        [row] = report["rows"]
        assert row["action"] == "create" and row["name"] == "Nora Ny" and row["errors"] == []

    async def test_a_tab_separated_file_with_blank_lines_counts_rows_as_a_spreadsheet_does(self, admin):
        body = "E-post\tNamn\tEnhet\tRoller\n\nnora@ystad.test\tNora Ny\tArbetsmarknadsenheten\tlager|chaufför\n"
        [row] = (await preview(admin, body)).json()["rows"]
        assert (row["row"], row["action"], row["errors"]) == (3, "create", [])

    async def test_a_known_person_shows_the_fields_that_change(self, admin, ystad):
        body = f"e-post;namn;enhet;roller\n{ystad.employee_email};Anna Andersson;Arbetsmarknadsenheten;samordnare\n"
        [row] = (await preview(admin, body)).json()["rows"]
        assert row["action"] == "update" and row["changes"] == ["name", "roles"]

    async def test_rows_with_errors_say_what_is_wrong(self, admin):
        body = ("e-post;namn;enhet;roller;språk\n"
                "inte-en-adress;Nils;Arbetsmarknadsenheten;;\n"
                "nils@ystad.test;Nils;Arbetsmarknadsenheten;trollkarl;\n"
                "nils@ystad.test;Nils;Arbetsmarknadsenheten;;\n"
                "nina@ystad.test;Nina;Arbetsmarknadsenheten;;tyska\n"
                "namnlos@ystad.test;;;;\n")
        rows = (await preview(admin, body)).json()["rows"]
        assert [[e["code"] for e in r["errors"]] for r in rows] == [
            ["bad_email"], ["unknown_role"], ["duplicate"], ["unknown_language"], ["name_missing", "unit_missing"]]
        assert all(r["action"] == "error" for r in rows)
        assert rows[1]["errors"][0]["value"] == "trollkarl" and rows[3]["errors"][0]["value"] == "tyska"

    async def test_an_address_of_another_municipality_is_refused_without_saying_whose(self, admin, skurup):
        body = f"e-post;namn;enhet\n{skurup.employee_email};Anna;Arbetsmarknadsenheten\n"
        [row] = (await preview(admin, body)).json()["rows"]
        [error] = row["errors"]
        assert error["code"] == "email_unavailable" and "skurup" not in error["detail"].lower()

    async def test_a_file_that_is_not_utf8_is_refused_with_a_reason(self, admin):
        answer = await preview(admin, "e-post;namn\nåsa@ystad.test;Åsa\n".encode("latin-1"))
        assert answer.status_code == 400 and answer.json()["error"] == "not_utf8"

    async def test_a_file_without_an_email_column_is_refused(self, admin):
        answer = await preview(admin, "namn;enhet\nNora;Kultur\n")
        assert answer.status_code == 400 and answer.json()["error"] == "no_email_column"

    async def test_an_oversized_file_is_refused_not_crashed(self, admin):
        answer = await preview(admin, b"e-post;namn\n" + b"x" * (MAX_BYTES + 100 * 1024))
        assert answer.status_code == 413 and answer.json()["detail"]

    async def test_a_file_just_over_two_megabytes_is_refused_with_its_reason(self, admin):
        answer = await preview(admin, b"e-post;namn\n" + b"x" * MAX_BYTES)
        assert answer.status_code == 400 and answer.json()["error"] == "file_too_large"

    async def test_more_rows_than_allowed_are_refused(self, admin):
        body = "e-post;namn;enhet\n" + "".join(f"p{i}@ystad.test;P;E\n" for i in range(MAX_ROWS + 1))
        answer = await preview(admin, body)
        assert answer.status_code == 400 and answer.json()["error"] == "too_many_rows"

    async def test_an_employee_may_not_import(self, new_client, ystad):
        employee = await new_client()
        await login(employee, ystad.employee_email)
        assert (await preview(employee, SWEDISH)).status_code == 403


class TestImport:
    async def test_new_people_are_created_in_new_units_and_invited_by_email(self, admin, ystad):
        answer = await apply(admin, SWEDISH)
        assert answer.status_code == 200, answer.text
        assert answer.json()["applied"] and answer.json()["changed"]
        nora = await User.select(User.name, User.unit.name, User.language).where(
            User.email == "nora@ystad.test").first()
        assert nora == {"name": "Nora Ny", "unit.name": "Kultur och fritid", "language": "sv"}
        ove = await User.select(User.language).where(User.email == "ove@ystad.test").first()
        assert ove["language"] == "en"
        invitations = await MailMessage.select(MailMessage.user.email).where(MailMessage.message == "invitation")
        assert sorted(m["user.email"] for m in invitations) == ["nora@ystad.test", "ove@ystad.test"]
        links = await MailToken.select(MailToken.purpose, MailToken.user.email)
        assert sorted((t["user.email"], t["purpose"]) for t in links) == [
            ("nora@ystad.test", "invite"), ("ove@ystad.test", "invite")]

    async def test_a_second_import_of_the_same_file_changes_nothing_and_says_so(self, admin):
        await apply(admin, SWEDISH)
        again = (await apply(admin, SWEDISH)).json()
        assert again["applied"] and not again["changed"] and again["unchanged"] == 2
        assert await MailMessage.count().where(MailMessage.message == "invitation") == 2
        assert await Unit.count().where(Unit.name == "Kultur och fritid") == 1

    async def test_a_known_person_is_updated(self, admin, ystad):
        body = f"e-post;namn;enhet;roller;språk\n{ystad.employee_email};Anna A;Ny enhet;samordnare;en\n"
        assert (await apply(admin, body)).status_code == 200
        anna = (await admin.get(f"/api/users/{ystad.employee}")).json()
        assert (anna["name"], anna["unit"]["name"], anna["roles"], anna["language"]) == (
            "Anna A", "Ny enhet", ["coordinator"], "en")

    async def test_what_an_import_changes_is_in_the_audit_trail(self, admin, ystad):
        assert (await apply(admin, SWEDISH)).status_code == 200
        body = f"e-post;namn;enhet;roller;språk\n{ystad.employee_email};Anna A;Kultur och fritid;samordnare;sv\n"
        assert (await apply(admin, body)).status_code == 200
        actions = [e["action"] for e in (await admin.get("/api/audit", params={"per_page": 100})).json()["entries"]]
        assert actions.count("user.created") == 2 and actions.count("user.invited") == 2
        assert actions.count("unit.created") == 1
        assert "user.changed" in actions and "user.roles_changed" in actions

    async def test_a_file_with_an_error_is_refused_whole(self, admin):
        body = SWEDISH + "trasig;Trasig;Kultur;;\n"
        answer = await apply(admin, body)
        assert answer.status_code == 422 and not answer.json()["applied"]
        assert [r["row"] for r in answer.json()["rows"] if r["errors"]] == [4]
        assert not await User.exists().where(User.email == "nora@ystad.test")
        assert not await Unit.exists().where(Unit.name == "Kultur och fritid")

    async def test_an_admin_cannot_drop_their_own_admin_role(self, admin, ystad):
        answer = await apply(admin, f"e-post;roller\n{ystad.admin_email};medarbetare\n")
        assert answer.status_code == 422 and answer.json()["rows"][0]["errors"][0]["code"] == "own_account"

    async def test_another_municipality_is_not_touched(self, new_client, skurup, ystad):
        other = await new_client()
        await login(other, skurup.admin_email)
        answer = await apply(other, f"e-post;namn\n{ystad.employee_email};Stulen\n")
        assert answer.status_code == 422
        anna = await User.select(User.name).where(User.id == ystad.employee).first()
        assert anna["name"] != "Stulen"
