"""The finance export's column mapping: saved per municipality, checked column by column, and used by
the month's mapped CSV."""

from __future__ import annotations

import pytest

from backend.audit.tables import AuditEvent
from tests.backend.billing.conftest import MONTH, make_line
from tests.factories import login, make_user

pytestmark = pytest.mark.anyio
URL = "/api/billing/mapping"
FINANCE = {"columns": [{"column": "payer_cost_centre", "header": "Ansvar"}, {"column": "amount", "header": "Summa"},
                       {"column": "from", "header": "Fr.o.m."}, {"column": "description", "header": "Text"}],
           "date_format": "dmy_dot", "decimal_separator": "."}


class TestSaving:
    async def test_before_saving_the_mapping_is_delbars_own_layout(self, coordinator):
        body = (await coordinator.get(URL)).json()
        assert (body["saved"], body["version"]) == (False, 0)
        assert body["columns"][0] == {"column": "period", "header": "Period"} and len(body["columns"]) == 14
        assert {"column": "charged_on", "header": "Debiterad"} in body["available"]

    async def test_a_coordinator_saves_columns_order_headers_and_formats(self, coordinator):
        saved = await coordinator.put(URL, json={**FINANCE, "version": 0})
        assert saved.status_code == 200, saved.text
        body = (await coordinator.get(URL)).json()
        assert body["columns"] == FINANCE["columns"] and (body["date_format"], body["decimal_separator"]) == (
            "dmy_dot", ".")
        assert (body["saved"], body["version"]) == (True, 1)
        assert await AuditEvent.count().where(AuditEvent.action == "period.mapping_changed") == 1

    async def test_saving_from_an_old_version_is_a_conflict(self, coordinator):
        await coordinator.put(URL, json={**FINANCE, "version": 0})
        assert (await coordinator.put(URL, json={**FINANCE, "version": 1})).status_code == 200
        stale = await coordinator.put(URL, json={**FINANCE, "version": 1})
        assert stale.status_code == 409 and stale.json()["error"] == "stale_version"
        first_again = await coordinator.put(URL, json={**FINANCE, "version": 0})
        assert first_again.status_code == 409

    @pytest.mark.parametrize(("columns", "error"), [
        ([{"column": "colour", "header": "Färg"}], "unknown_column"),
        ([{"column": "amount", "header": "   "}], "empty_header"),
        ([{"column": "amount", "header": "A"}, {"column": "amount", "header": "B"}], "duplicate_column"),
        ([{"column": "amount", "header": ""}], "invalid_request"),
        ([{"column": "amount", "header": f"H{n}"} for n in range(21)], "invalid_request"),
        ([], "invalid_request"),
    ])
    async def test_a_bad_mapping_is_a_400_that_says_why(self, coordinator, columns, error):
        response = await coordinator.put(URL, json={**FINANCE, "columns": columns})
        assert response.status_code == 400 and response.json()["error"] == error
        assert response.json()["detail"]

    @pytest.mark.parametrize("field", [{"date_format": "us"}, {"decimal_separator": ";"}])
    async def test_an_unknown_format_is_a_400(self, coordinator, field):
        assert (await coordinator.put(URL, json={**FINANCE, **field})).status_code == 400

    @pytest.mark.parametrize("role", ["employee", "reporter", "driver"])
    async def test_only_coordinators_and_admins_see_or_change_it(self, client, ystad, role):
        await make_user(ystad.id, ystad.ame_unit, f"{role}@ystad.test", role)
        await login(client, f"{role}@ystad.test")
        assert (await client.get(URL)).status_code == 403
        assert (await client.put(URL, json=FINANCE)).status_code == 403

    async def test_each_municipality_has_its_own(self, coordinator, new_client, skurup):
        await coordinator.put(URL, json=FINANCE)
        other = await new_client()
        await make_user(skurup.id, skurup.ame_unit, "samordnare@skurup.test", "coordinator")
        await login(other, "samordnare@skurup.test")
        assert (await other.get(URL)).json()["saved"] is False


class TestMappedFile:
    async def test_the_locked_month_comes_in_the_saved_layout(self, coordinator, ystad, skurup):
        await make_line(ystad, skurup, 123_450, description="Hyra av kontorsstol, 1–14 juni")
        await coordinator.put(URL, json=FINANCE)
        await coordinator.post(f"/api/billing/periods/{MONTH}/export")
        response = await coordinator.get(f"/api/billing/periods/{MONTH}/mapped.csv")
        assert response.status_code == 200 and response.headers["content-type"] == "text/csv; charset=utf-8"
        assert response.content.decode("utf-8") == (
            "\ufeffAnsvar;Summa;Fr.o.m.;Text\r\n1000;1234.50;01.06.2025;Hyra av kontorsstol, 1–14 juni\r\n")

    async def test_without_a_mapping_it_is_delbars_own_file(self, coordinator, ystad, skurup):
        await make_line(ystad, skurup, 10_000)
        await coordinator.post(f"/api/billing/periods/{MONTH}/export")
        mapped = (await coordinator.get(f"/api/billing/periods/{MONTH}/mapped.csv")).content
        assert mapped == (await coordinator.get(f"/api/billing/periods/{MONTH}/basis.csv")).content

    async def test_an_open_month_has_no_mapped_file_yet(self, coordinator, ystad, skurup):
        await make_line(ystad, skurup, 10_000)
        response = await coordinator.get(f"/api/billing/periods/{MONTH}/mapped.csv")
        assert response.status_code == 409 and response.json()["error"] == "not_exported"

    async def test_the_period_names_its_mapped_file(self, coordinator, ystad, skurup):
        await make_line(ystad, skurup, 10_000)
        body = (await coordinator.get(f"/api/billing/periods/{MONTH}")).json()
        assert body["mapped_csv_url"] == f"/api/billing/periods/{MONTH}/mapped.csv"
