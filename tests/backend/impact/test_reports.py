"""The report: known reuses give hand-calculated totals, and the network view shows only aggregates."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from uuid import uuid4

import pytest

from backend.catalog.categories import category_id
from backend.impact.ledger import book_reuse
from tests.backend.impact.conftest import signed_in
from tests.factories import make_network

pytestmark = pytest.mark.anyio
RANGE = "from_month=2026-01&to_month=2026-03"


async def _reuse(app, tenant, slug, month, *, quantity=1, paid_ore=0, weight_g=None, deal="give", unit=None):
    async with app.state.db.write():
        await book_reuse(
            municipality_id=tenant.id, unit_id=unit or tenant.ame_unit, booking_id=uuid4(), listing_id=None,
            category_id=category_id(slug), deal=deal, quantity=quantity, paid_ore=paid_ore, weight_g=weight_g,
            completed_at=datetime(2026, month, 15, 12, tzinfo=UTC))


@pytest.fixture
async def known_reuses(app, ystad, seeded):
    """Two chairs given (Jan), a height-adjustable desk sold for 1 000 kr (Feb), a 20 kg table lent (Mar)."""
    await _reuse(app, ystad, "kontorsstolar", 1, quantity=2)
    await _reuse(app, ystad, "hoj-och-sankbara-skrivbord", 2, paid_ore=100_000, deal="sell")
    await _reuse(app, ystad, "bord", 3, weight_g=20_000, deal="lend", unit=ystad.admin_unit)


class TestMunicipalityReport:
    async def test_totals_match_the_hand_calculation(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        body = (await client.get(f"/api/impact/report?{RANGE}")).json()
        # CO2e: 2 × 72 + 110 + 20 × 2 = 294 kg.  Saved: 2 × 4 500 + (8 000 − 1 000) + 1 500 = 17 500 kr.
        # Waste: 2 × 17 + 45 + 20 = 99 kg.
        assert body["totals"] == {"reuses": 3, "pieces": 4, "co2e_kg": 294.0, "saved_ore": 1_750_000,
                                  "waste_kg": 99.0}

    async def test_months_trend_and_groups(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        body = (await client.get(f"/api/impact/report?{RANGE}")).json()
        assert [(m["month"], m["co2e_kg"]) for m in body["months"]] == [
            ("2026-01", 144.0), ("2026-02", 110.0), ("2026-03", 40.0)]
        assert {r["key"]: r["reuses"] for r in body["by_deal"]} == {"give": 1, "sell": 1, "lend": 1}
        assert [r["key"] for r in body["by_category"]] == ["kontorsstolar", "hoj-och-sankbara-skrivbord", "bord"]

    async def test_a_unit_sees_only_its_own_reuses(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        body = (await client.get(f"/api/impact/report?{RANGE}&unit_id={ystad.admin_unit}")).json()
        assert body["totals"]["co2e_kg"] == 40.0

    async def test_the_report_names_the_factors_it_used(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        factors = (await client.get(f"/api/impact/report?{RANGE}")).json()["factors"]
        assert {(f["category_slug"], f["version"], f["entries"]) for f in factors} == {
            ("kontorsstolar", 1, 1), ("hoj-och-sankbara-skrivbord", 1, 1), ("*", 1, 1)}
        assert all(f["source"] and f["boundary"] for f in factors)

    async def test_national_factors_read_in_swedish_and_english(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        factors = {f["category_slug"]: f for f in (await client.get(f"/api/impact/report?{RANGE}")).json()["factors"]}
        chair = factors["kontorsstolar"]
        assert chair["sv"]["category"] == "Kontorsstolar" and chair["en"]["category"] == "Office chairs"
        assert "kontorsstol, 72 kg CO2e" in chair["sv"]["source"] and "office task chair" in chair["en"]["source"]
        assert "fabriksgrind" in chair["sv"]["boundary"]
        assert factors["*"]["sv"]["category"].startswith("Övrigt")

    async def test_categories_are_named_in_both_languages(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        rows = (await client.get(f"/api/impact/report?{RANGE}")).json()["by_category"]
        assert [(r["label"], r["label_en"]) for r in rows] == [
            ("Kontorsstolar", "Office chairs"), ("Höj- och sänkbara skrivbord", "Height-adjustable desks"),
            ("Bord", "Tables")]

    async def test_another_municipalitys_unit_is_not_found(self, client, ystad, skurup, known_reuses):
        await signed_in(client, ystad, "reporter")
        assert (await client.get(f"/api/impact/report?unit_id={skurup.admin_unit}")).status_code == 404

    async def test_an_employee_may_not_read_reports(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "employee")
        assert (await client.get("/api/impact/report")).status_code == 403


class TestPeriods:
    async def test_each_unit_has_its_own_totals(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        rows = (await client.get(f"/api/impact/report?{RANGE}")).json()["by_unit"]
        assert [(r["key"], r["co2e_kg"], r["reuses"]) for r in rows] == [
            (str(ystad.ame_unit), 254.0, 2), (str(ystad.admin_unit), 40.0, 1)]
        assert all(r["label"] for r in rows)

    async def test_a_quarter_is_compared_with_the_quarter_before(self, app, client, ystad, known_reuses):
        await _reuse(app, ystad, "kontorsstolar", 11, quantity=1)  # 2026-11 is in neither period
        async with app.state.db.write():
            await book_reuse(
                municipality_id=ystad.id, unit_id=ystad.ame_unit, booking_id=uuid4(), listing_id=None,
                category_id=category_id("kontorsstolar"), deal="give", quantity=1, paid_ore=0, weight_g=None,
                completed_at=datetime(2025, 11, 15, 12, tzinfo=UTC))
        await signed_in(client, ystad, "reporter")
        previous = (await client.get(f"/api/impact/report?{RANGE}")).json()["previous"]
        assert (previous["from_month"], previous["to_month"]) == ("2025-10", "2025-12")
        assert previous["totals"]["co2e_kg"] == 72.0 and previous["totals"]["reuses"] == 1
        # 3 reuses, 294 kg and 17 500 kr now against 1 chair (72 kg, 4 500 kr) before.
        assert previous["change"] == {"reuses": 2.0, "co2e_kg": round(222 / 72, 4),
                                      "saved_ore": round(1_300_000 / 450_000, 4)}

    async def test_a_period_with_nothing_before_has_no_change(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        change = (await client.get(f"/api/impact/report?{RANGE}")).json()["previous"]["change"]
        assert change == {"reuses": None, "co2e_kg": None, "saved_ore": None}

    async def test_more_than_five_years_is_refused_with_a_reason(self, client, ystad, seeded):
        await signed_in(client, ystad, "reporter")
        response = await client.get("/api/impact/report?from_month=2020-01&to_month=2025-01")
        assert response.status_code == 400 and "60 months" in response.text
        ok = await client.get("/api/impact/report?from_month=2020-01&to_month=2024-12")
        assert ok.status_code == 200


class TestNetworkReport:
    async def test_other_members_appear_only_as_totals(self, app, client, ystad, skurup, known_reuses):
        await make_network("Sydkusten", ystad.id, skurup.id)
        await _reuse(app, skurup, "soffor", 2)
        await signed_in(client, ystad, "reporter")
        body = (await client.get(f"/api/impact/report?view=network&{RANGE}")).json()
        assert body["totals"]["co2e_kg"] == 294.0 + 55.0
        assert [(m["municipality"], m["co2e_kg"], m["reuses"]) for m in body["municipalities"]] == [
            ("Skurup", 55.0, 1), ("Ystad", 294.0, 3)]
        assert set(body) == {"scope", "from_month", "to_month", "unit_id", "totals", "previous", "months",
                             "by_deal", "by_category", "by_unit", "municipalities", "checks", "check_units",
                             "factors", "work"}
        assert body["check_units"] == [] and body["by_unit"] == []

    async def test_a_municipality_outside_the_network_is_left_out(self, app, client, ystad, skurup, known_reuses):
        await _reuse(app, skurup, "soffor", 2)
        await signed_in(client, ystad, "reporter")
        body = (await client.get(f"/api/impact/report?view=network&{RANGE}")).json()
        assert [m["municipality"] for m in body["municipalities"]] == ["Ystad"]


class TestExports:
    async def test_csv_is_swedish_and_carries_the_totals(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        response = await client.get(f"/api/impact/report/csv?{RANGE}")
        text = response.content.decode("utf-8")
        assert response.headers["content-type"] == "text/csv; charset=utf-8"
        assert text.startswith("\ufeffAvsnitt;") and "Totalt;2026-01–2026-03;3;4;294,0;17500,00;99,0;0,0;0\r\n" in text

    async def test_csv_names_categories_deals_and_factor_sources_in_swedish(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        text = (await client.get(f"/api/impact/report/csv?{RANGE}")).content.decode("utf-8")
        assert "Kategori;Kontorsstolar;" in text and "Affärsform;Säljes;" in text
        assert "Inköpskontroll;Återbrukat från Delbar;0" in text
        assert "Faktor;Kontorsstolar (version 1, nationell);1" in text
        assert "Källa;Kontorsstolar;FIRA International, jämförelse av kontorsmöblers koldioxidavtryck" in text
        assert "kontorsstolar" not in text and "office task chair" not in text

    async def test_csv_in_english_when_asked(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        text = (await client.get(f"/api/impact/report/csv?{RANGE}&lang=en")).content.decode("utf-8")
        assert text.startswith("\ufeffSection;") and "Category;Office chairs;" in text
        assert "Source;Office chairs;FIRA International, Benchmarking" in text

    @pytest.mark.parametrize("name", ["trend", "categories", "checks", "municipalities"])
    async def test_each_chart_is_an_accessible_svg(self, client, ystad, known_reuses, name):
        await signed_in(client, ystad, "reporter")
        response = await client.get(f"/api/impact/report/charts/{name}?{RANGE}")
        assert response.headers["content-type"].startswith("image/svg+xml")
        assert '<title id="t">' in response.text and '<desc id="d">' in response.text

    async def test_the_trend_chart_labels_every_month_with_its_value(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        svg = (await client.get(f"/api/impact/report/charts/trend?{RANGE}")).text
        assert ">144</text>" in svg and ">110</text>" in svg and ">40</text>" in svg

    async def test_not_decided_checks_have_a_pattern_of_their_own(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        svg = (await client.get(f"/api/impact/report/charts/checks?{RANGE}")).text
        fills = re.findall(r'fill="url\(#([a-z-]+)\)"', svg)
        assert len(fills) == 4 and len(set(fills)) == 4

    async def test_the_english_chart_names_categories_in_english(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        svg = (await client.get(f"/api/impact/report/charts/categories?{RANGE}&lang=en")).text
        assert "Office chairs" in svg and "Kontorsstolar" not in svg and "per category" in svg

    async def test_an_unknown_chart_language_is_refused(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        assert (await client.get(f"/api/impact/report/charts/trend?{RANGE}&lang=fi")).status_code == 400
