"""Exporting a month: it locks, a second export returns the same file, and bad requests change nothing."""

from __future__ import annotations

import pytest
from lxml import etree
from peppol.xsd import validate_xsd

from backend import clock
from backend.billing.charges import placed_month
from backend.billing.tables import InvoiceDocument, InvoicePeriod
from backend.vocabulary import month_of
from tests.backend.billing.conftest import MONTH, make_line, set_org_number
from tests.factories import login, make_user

pytestmark = pytest.mark.anyio
EXPORT = f"/api/billing/periods/{MONTH}/export"


class TestExport:
    async def test_an_empty_month_is_refused_with_a_clear_message(self, coordinator):
        response = await coordinator.post(EXPORT)
        assert response.status_code == 400 and response.json()["error"] == "empty_period"
        assert "nothing to invoice" in response.json()["detail"]
        assert await InvoicePeriod.count() == 0

    async def test_the_first_export_locks_the_month(self, coordinator, ystad, skurup):
        await make_line(ystad, ystad, 45_000)
        await make_line(ystad, skurup, 12_000)
        response = await coordinator.post(EXPORT)
        assert response.status_code == 201
        body = response.json()
        assert body["period"] == {"month": MONTH, "locked": True, "line_count": 2, "total_ore": 57_000,
                                  "exported_at": body["period"]["exported_at"], "current": False}

    async def test_exporting_again_returns_the_same_file(self, coordinator, ystad):
        await make_line(ystad, ystad, 45_000)
        await coordinator.post(EXPORT)
        first = (await coordinator.get(f"/api/billing/periods/{MONTH}/basis.csv")).content
        await make_line(ystad, ystad, 99_900)  # written behind the lock's back: must not reach the file
        again = await coordinator.post(EXPORT)
        second = (await coordinator.get(f"/api/billing/periods/{MONTH}/basis.csv")).content
        assert again.status_code == 200 and first == second and first.startswith("\ufeff".encode())
        assert await InvoicePeriod.count() == 1

    async def test_the_file_is_csv_in_utf8_named_once(self, coordinator, ystad):
        await make_line(ystad, ystad, 45_000)
        await coordinator.post(EXPORT)
        response = await coordinator.get(f"/api/billing/periods/{MONTH}/basis.csv")
        assert response.headers["content-type"] == "text/csv; charset=utf-8"

    async def test_a_month_that_has_not_ended_is_refused(self, coordinator):
        response = await coordinator.post("/api/billing/periods/2999-01/export")
        assert response.status_code == 400 and response.json()["error"] == "period_not_over"

    async def test_a_malformed_month_is_refused(self, coordinator):
        assert (await coordinator.post("/api/billing/periods/2025-13/export")).status_code == 400

    async def test_an_open_month_has_no_file_yet(self, coordinator, ystad):
        await make_line(ystad, ystad, 100)
        response = await coordinator.get(f"/api/billing/periods/{MONTH}/basis.csv")
        assert response.status_code == 409 and response.json()["error"] == "not_exported"


class TestInvoicesBetweenMunicipalities:
    async def test_each_counterpart_gets_a_schema_valid_ubl_invoice(self, coordinator, ystad, skurup):
        await set_org_number(ystad, "212000-1001")
        await set_org_number(skurup, "212000-1002")
        await make_line(ystad, skurup, 12_000, quantity=2)
        await make_line(ystad, ystad, 45_000)
        body = (await coordinator.post(EXPORT)).json()
        assert [(d["counterpart"], d["total_ore"], d["document_type"]) for d in body["documents"]] == [
            ("Skurup", 12_000, "Invoice")]
        xml = (await coordinator.get(body["documents"][0]["url"])).content
        ok, errors = validate_xsd(etree.ElementTree(etree.fromstring(xml)))
        assert ok, errors

    async def test_without_organisation_numbers_no_ubl_is_made(self, coordinator, ystad, skurup):
        await make_line(ystad, skurup, 12_000)
        body = (await coordinator.post(EXPORT)).json()
        assert body["documents"] == [] and await InvoiceDocument.count() == 0


class TestAccess:
    @pytest.mark.parametrize("role", ["employee", "reporter", "warehouse"])
    async def test_only_coordinators_and_admins_export(self, client, ystad, role):
        await make_line(ystad, ystad, 100)
        await make_user(ystad.id, ystad.ame_unit, f"{role}@ystad.test", role)
        await login(client, f"{role}@ystad.test")
        assert (await client.post(EXPORT)).status_code == 403
        assert (await client.get("/api/billing/periods")).status_code == 403
        assert await InvoicePeriod.count() == 0

    async def test_another_municipalitys_lines_are_not_listed(self, coordinator, ystad, skurup):
        await make_line(skurup, ystad, 100)
        periods = (await coordinator.get("/api/billing/periods")).json()
        assert [(p["current"], p["line_count"]) for p in periods] == [(True, 0)]


class TestPreview:
    async def test_an_open_month_shows_its_totals_per_cost_centre_and_counterpart(self, coordinator, ystad, skurup):
        await make_line(ystad, ystad, 45_000)
        await make_line(ystad, ystad, 5_000)
        await make_line(ystad, skurup, 12_000)
        body = (await coordinator.get(f"/api/billing/periods/{MONTH}")).json()
        assert body["period"]["locked"] is False and len(body["lines"]) == 3
        assert [(g["payer_municipality"], g["payer_cost_centre"], g["line_count"], g["total_ore"])
                for g in body["by_cost_centre"]] == [("Skurup", "1000", 1, 12_000), ("Ystad", "1000", 2, 50_000)]
        assert [(g["payer_municipality"], g["total_ore"]) for g in body["by_counterpart"]] == [
            ("Skurup", 12_000), ("Ystad", 50_000)]
        assert await InvoicePeriod.count() == 0  # looking locks nothing

    async def test_the_running_month_is_listed_as_current_even_before_its_first_line(self, coordinator, ystad):
        await make_line(ystad, ystad, 45_000)
        periods = (await coordinator.get("/api/billing/periods")).json()
        current = month_of(clock.now())
        assert periods[0] == {"month": current, "locked": False, "line_count": 0, "total_ore": 0,
                              "exported_at": None, "current": True}
        assert [p["current"] for p in periods if p["month"] == MONTH] == [False]


class TestSummary:
    async def test_the_printable_summary_totals_each_cost_centre(self, coordinator, ystad, skurup):
        await make_line(ystad, skurup, 12_000)
        await make_line(ystad, skurup, 3_050)
        html = (await coordinator.get(f"/api/billing/periods/{MONTH}/summary")).text
        assert "Skurup – kostnadsställe 1000" in html and "150,50 kr" in html and "Öppen" in html


class TestPlacedMonth:
    def test_a_charge_for_an_open_month_stays_in_it(self):
        assert placed_month("2025-06", {"2025-05"}) == ("2025-06", False)

    def test_a_charge_for_a_locked_month_is_a_correction_in_the_next_open_one(self):
        assert placed_month("2025-11", {"2025-11", "2025-12"}) == ("2026-01", True)
