"""Reading the audit trail: admins only, their own municipality, filters, pages and the CSV export."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from backend import clock
from backend.vocabulary import local_day
from tests.factories import login

pytestmark = pytest.mark.anyio


async def rename_employee(client, ystad, *names: str) -> None:
    for version, name in enumerate(names, start=1):
        response = await client.patch(f"/api/users/{ystad.employee}", json={"version": version, "name": name})
        assert response.status_code == 200


class TestWhoReads:
    async def test_an_employee_is_refused(self, client, ystad):
        await login(client, ystad.employee_email)
        assert (await client.get("/api/audit")).status_code == 403
        assert (await client.get("/api/audit/csv")).status_code == 403

    async def test_an_admin_sees_only_their_own_municipality(self, client, new_client, ystad, skurup):
        await login(client, ystad.admin_email)
        await rename_employee(client, ystad, "Anna Ystad")
        other = await new_client()
        await login(other, skurup.admin_email)
        seen = (await other.get("/api/audit")).json()["entries"]
        assert seen and {e["action"] for e in seen} == {"session.signed_in"}
        assert all(e["actor_id"] == str(skurup.admin) for e in seen)

    async def test_filtering_on_another_municipality_s_person_shows_nothing(self, client, new_client, ystad, skurup):
        other = await new_client()
        await login(other, skurup.admin_email)
        await login(client, ystad.admin_email)
        response = await client.get("/api/audit", params={"actor_id": str(skurup.admin)})
        assert response.status_code == 200 and response.json()["total"] == 0


class TestFilters:
    async def test_newest_first_in_pages(self, client, ystad):
        await login(client, ystad.admin_email)
        await rename_employee(client, ystad, "Ett", "Två", "Tre")
        first = (await client.get("/api/audit", params={"action": "user.changed", "per_page": 2})).json()
        second = (await client.get("/api/audit", params={"action": "user.changed", "per_page": 2, "page": 2})).json()
        assert first["total"] == 3 and [e["after"]["name"] for e in first["entries"]] == ["Tre", "Två"]
        assert [e["after"]["name"] for e in second["entries"]] == ["Ett"]

    async def test_a_kind_matches_all_its_actions_and_a_person_only_theirs(self, client, ystad):
        await login(client, ystad.admin_email)
        await client.patch(f"/api/users/{ystad.employee}", json={"version": 1, "name": "Anna Ny", "roles": ["driver"]})
        kinds = (await client.get("/api/audit", params={"action": "user"})).json()
        assert sorted(e["action"] for e in kinds["entries"]) == ["user.changed", "user.roles_changed"]
        mine = (await client.get("/api/audit", params={"actor_id": str(ystad.employee)})).json()
        assert mine["total"] == 0
        actors = (await client.get("/api/audit/actors")).json()
        assert [a["id"] for a in actors] == [str(ystad.admin)] and actors[0]["name"]

    async def test_a_date_range_includes_its_last_day(self, client, ystad):
        await login(client, ystad.admin_email)
        today = local_day(clock.now())
        inside = await client.get("/api/audit", params={"since": str(today), "until": str(today)})
        before = await client.get("/api/audit", params={"until": str(today - timedelta(days=1))})
        assert inside.json()["total"] == 1 and before.json()["total"] == 0

    async def test_a_range_ending_before_it_starts_is_refused(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.get("/api/audit", params={"since": "2026-05-02", "until": "2026-05-01"})
        assert response.status_code == 400 and response.json()["error"] == "bad_range"

    async def test_an_unknown_kind_of_event_is_refused(self, client, ystad):
        await login(client, ystad.admin_email)
        assert (await client.get("/api/audit", params={"action": "user.deleted"})).status_code == 400


class TestCsv:
    async def test_the_filtered_list_with_bom_and_semicolons(self, client, ystad):
        await login(client, ystad.admin_email)
        await client.patch(f"/api/users/{ystad.employee}", json={"version": 1, "roles": ["driver"]})
        response = await client.get("/api/audit/csv", params={"action": "user.roles_changed"})
        assert response.status_code == 200 and response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.content.startswith("\ufeff".encode())
        rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig")), delimiter=";"))
        assert rows[0][:3] == ["Tid", "Händelse", "Utförd av"] and len(rows) == 2
        assert rows[1][1] == "user.roles_changed"
        assert rows[1][7] == '{"roles": ["employee"]}' and rows[1][8] == '{"roles": ["driver"]}'
        assert rows[1][6] and rows[1][5] == str(ystad.employee)

