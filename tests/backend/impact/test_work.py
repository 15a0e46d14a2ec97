"""The AME's work: participants by display name, minutes on intakes and repairs, and the hours in the report."""

from __future__ import annotations

import csv
import io
from uuid import uuid4

import pytest

from backend import clock
from backend.vocabulary import month_of
from tests.backend.impact.conftest import signed_in
from tests.backend.impact.test_report_pdf import text_of
from tests.factories import make_item, make_network

pytestmark = pytest.mark.anyio


async def participant(client, name="Lag Syd", kind="team"):
    response = await client.post("/api/ame-participants", json={"name": name, "kind": kind})
    assert response.status_code == 201, response.text
    return response.json()["id"]


class TestParticipants:
    async def test_a_coordinator_adds_a_team_by_its_name_only(self, client, ystad):
        await signed_in(client, ystad, "coordinator")
        team = await participant(client)
        assert (await client.get("/api/ame-participants")).json() == [
            {"id": team, "name": "Lag Syd", "kind": "team", "active": True}]

    async def test_a_retried_create_counts_once(self, client, ystad):
        await signed_in(client, ystad, "coordinator")
        body = {"id": str(uuid4()), "name": "Kim", "kind": "person"}
        assert (await client.post("/api/ame-participants", json=body)).status_code == 201
        assert (await client.post("/api/ame-participants", json=body)).status_code == 200
        assert len((await client.get("/api/ame-participants")).json()) == 1

    @pytest.mark.parametrize("body", [{"name": ""}, {"name": "x" * 101}, {"name": "Kim", "kind": "robot"}])
    async def test_bad_names_and_kinds_are_refused(self, client, ystad, body):
        await signed_in(client, ystad, "coordinator")
        assert (await client.post("/api/ame-participants", json=body)).status_code == 400

    async def test_an_employee_may_not_keep_the_list(self, client, ystad):
        await signed_in(client, ystad, "employee")
        assert (await client.post("/api/ame-participants", json={"name": "Kim"})).status_code == 403
        assert (await client.get("/api/ame-participants")).status_code == 403


class TestItemWork:
    async def test_intake_and_repair_minutes_reach_the_report(self, client, ystad, seeded):
        await signed_in(client, ystad, "coordinator")
        team, kim = await participant(client), await participant(client, "Kim", "person")
        item = await make_item(ystad.id, ystad.ame_unit)
        intake = await client.post("/api/work-entries", json={"kind": "intake", "item_id": str(item), "work": [
            {"participant_id": team, "minutes": 90}, {"participant_id": kim, "minutes": 30}]})
        assert intake.status_code == 200, intake.text
        await client.post("/api/work-entries", json={"kind": "repair", "item_id": str(item),
                                                     "work": [{"participant_id": kim, "minutes": 45}]})
        work = (await client.get("/api/impact/report")).json()["work"]
        assert work["total_minutes"] == 165 and work["tasks"] == 3
        assert [(r["key"], r["minutes"]) for r in work["by_kind"]] == [("intake", 120), ("repair", 45)]
        assert work["by_month"] == [{"key": month_of(clock.now()), "label": "", "minutes": 165, "tasks": 3}]
        assert [(r["label"], r["minutes"]) for r in work["by_municipality"]] == [("Ystad", 165)]

    async def test_recording_again_replaces_the_minutes(self, client, ystad, seeded):
        await signed_in(client, ystad, "coordinator")
        kim = await participant(client, "Kim", "person")
        item = str(await make_item(ystad.id, ystad.ame_unit))
        for minutes in (30, 40):
            await client.post("/api/work-entries", json={"kind": "intake", "item_id": item,
                                                         "work": [{"participant_id": kim, "minutes": minutes}]})
        assert (await client.get("/api/impact/report")).json()["work"]["total_minutes"] == 40

    @pytest.mark.parametrize("minutes", [0, 1441])
    async def test_minutes_are_bounded(self, client, ystad, minutes):
        await signed_in(client, ystad, "coordinator")
        kim = await participant(client, "Kim", "person")
        item = str(await make_item(ystad.id, ystad.ame_unit))
        response = await client.post("/api/work-entries", json={"kind": "intake", "item_id": item,
                                                                 "work": [{"participant_id": kim, "minutes": minutes}]})
        assert response.status_code == 400

    async def test_another_municipalitys_item_or_participant_is_not_found(self, client, new_client, ystad, skurup):
        await signed_in(client, ystad, "coordinator")
        kim = await participant(client, "Kim", "person")
        theirs = await new_client()
        await signed_in(theirs, skurup, "coordinator")
        their_item = str(await make_item(skurup.id, skurup.ame_unit))
        mine = str(await make_item(ystad.id, ystad.ame_unit))
        work = [{"participant_id": kim, "minutes": 10}]
        assert (await client.post("/api/work-entries", json={"kind": "repair", "item_id": their_item,
                                                             "work": work})).status_code == 404
        assert (await theirs.post("/api/work-entries", json={"kind": "repair", "item_id": mine,
                                                             "work": work})).status_code == 404

    async def test_the_pdf_reports_the_hours(self, client, ystad, seeded):
        await signed_in(client, ystad, "coordinator")
        team = await participant(client)
        item = str(await make_item(ystad.id, ystad.ame_unit))
        await client.post("/api/work-entries", json={"kind": "intake", "item_id": item,
                                                     "work": [{"participant_id": team, "minutes": 150}]})
        text = text_of((await client.get("/api/impact/report.pdf")).content)
        assert "Arbete som tjänsten gav (AME)" in text and "2,5 timmar i 1 uppdrag" in text and "Intag" in text


def csv_rows(content: bytes) -> list[list[str]]:
    text = content.decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


class TestWorkInTheCsv:
    async def _recorded(self, client, ystad):
        """Two hours of intake (a team and a person) and one of repair, this month."""
        await signed_in(client, ystad, "coordinator")
        team, kim = await participant(client), await participant(client, "Kim", "person")
        item = str(await make_item(ystad.id, ystad.ame_unit))
        await client.post("/api/work-entries", json={"kind": "intake", "item_id": item, "work": [
            {"participant_id": team, "minutes": 90}, {"participant_id": kim, "minutes": 30}]})
        await client.post("/api/work-entries", json={"kind": "repair", "item_id": item,
                                                     "work": [{"participant_id": kim, "minutes": 60}]})

    async def test_the_hours_stand_beside_co2e_and_money_per_month_kind_and_municipality(self, client, ystad, seeded):
        await self._recorded(client, ystad)
        rows = csv_rows((await client.get("/api/impact/report/csv")).content)
        header = rows[0]
        assert header[4:] == ["kg CO2e", "Sparat kr", "kg avfall", "Arbetstimmar (AME)", "Arbetsuppdrag (AME)"]
        assert all(len(r) == len(header) for r in rows)
        by_key = {(r[0], r[1]): r for r in rows}
        assert next(r for r in rows if r[0] == "Totalt")[7:] == ["3,0", "3"]
        assert by_key[("Månad", month_of(clock.now()))][7:] == ["3,0", "3"]
        other_months = [r for r in rows if r[0] == "Månad" and r[1] != month_of(clock.now())]
        assert other_months and all(r[7:] == ["0,0", "0"] for r in other_months)
        assert by_key[("Arbete per typ", "Intag")][7:] == ["2,0", "2"]
        assert by_key[("Arbete per typ", "Reparation")][7:] == ["1,0", "1"]
        assert ("Arbete per typ", "Transport") not in by_key
        assert by_key[("Arbete per kommun", "Ystad")][7:] == ["3,0", "3"]

    async def test_the_english_csv_names_the_kinds_in_english(self, client, ystad, seeded):
        await self._recorded(client, ystad)
        rows = csv_rows((await client.get("/api/impact/report/csv?lang=en")).content)
        assert rows[0][7:] == ["Work hours (AME)", "Work tasks (AME)"]
        by_key = {(r[0], r[1]): r for r in rows}
        assert by_key[("Work per kind", "Intake")][7:] == ["2,0", "2"]
        assert by_key[("Work per municipality", "Ystad")][7:] == ["3,0", "3"]

    async def test_a_network_csv_gives_each_member_its_hours(self, client, ystad, skurup, seeded):
        await make_network("Sydkusten", ystad.id, skurup.id)
        await self._recorded(client, ystad)
        response = await client.get("/api/impact/report/csv?view=network")
        assert response.status_code == 200
        members = {r[1]: r[7:] for r in csv_rows(response.content) if r[0] == "Kommun"}
        assert members == {"Ystad": ["3,0", "3"], "Skurup": ["0,0", "0"]}
