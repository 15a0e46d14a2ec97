"""Factor overrides and purchase checks: bounds, reasons, roles, and history that does not change."""

from __future__ import annotations

from datetime import UTC
from uuid import uuid4

import pytest

from backend.impact.tables import ImpactEntry, ImpactFactor, PurchaseCheck
from tests.backend.impact.conftest import signed_in

pytestmark = pytest.mark.anyio
CHAIR = {"category_slug": "kontorsstolar", "co2e_kg": 65.5, "new_price_ore": 300_000, "source": "Egen LCA 2026"}


class TestFactorOverride:
    async def test_an_admin_override_is_a_new_version(self, client, ystad, seeded):
        await signed_in(client, ystad, "admin")
        body = (await client.post("/api/impact/factors", json=CHAIR)).json()
        assert (body["version"], body["own"], body["co2e_kg"]) == (2, True, 65.5)
        assert await ImpactFactor.count().where(ImpactFactor.category_slug == "kontorsstolar") == 2

    @pytest.mark.parametrize("co2e_kg", [-5, 0, 1e9])
    async def test_an_impossible_figure_is_refused(self, client, ystad, seeded, co2e_kg):
        await signed_in(client, ystad, "admin")
        response = await client.post("/api/impact/factors", json={**CHAIR, "co2e_kg": co2e_kg})
        assert response.status_code == 400
        assert await ImpactFactor.count().where(ImpactFactor.municipality == ystad.id) == 0

    async def test_both_bases_at_once_are_refused(self, client, ystad, seeded):
        await signed_in(client, ystad, "admin")
        response = await client.post("/api/impact/factors", json={**CHAIR, "co2e_kg_per_kg": 2})
        assert response.status_code == 400 and response.json()["error"] == "one_basis"

    @pytest.mark.parametrize("role", ["reporter", "coordinator", "employee"])
    async def test_only_an_admin_overrides(self, client, ystad, seeded, role):
        await signed_in(client, ystad, role)
        assert (await client.post("/api/impact/factors", json=CHAIR)).status_code == 403

    async def test_a_reporter_sees_defaults_with_source_and_boundary(self, client, ystad, seeded):
        await signed_in(client, ystad, "reporter")
        factors = {f["category_slug"]: f for f in (await client.get("/api/impact/factors")).json()}
        assert factors["kontorsstolar"]["co2e_kg"] == 72.0 and "FIRA" in factors["kontorsstolar"]["source"]
        assert factors["soffor"]["co2e_kg"] == 55.0 and "WRAP" in factors["soffor"]["source"]
        assert factors["*"]["co2e_kg_per_kg"] == 2.0 and factors["*"]["boundary"]

    async def test_factors_carry_their_source_in_readable_swedish_and_english(self, client, ystad, seeded):
        await signed_in(client, ystad, "reporter")
        chairs = {f["category_slug"]: f for f in (await client.get("/api/impact/factors")).json()}["kontorsstolar"]
        assert chairs["sv"]["category"] == "Kontorsstolar" and "kontorsstol, 72 kg" in chairs["sv"]["source"]
        assert chairs["en"]["category"] == "Office chairs" and "office task chair" in chairs["en"]["source"]
        assert "Från råvara till fabriksgrind" in chairs["sv"]["boundary"]


def _check(**fields):
    return {"need": "Två kontorsstolar", "category_slug": "kontorsstolar", "quantity": 2,
            "search_query": "kontorsstol", **fields}


class TestPurchaseCheck:
    async def test_new_without_a_reason_is_refused(self, client, ystad, seeded):
        await signed_in(client, ystad, "employee")
        response = await client.post("/api/purchase-checks", json=_check(decision="bought_new", reason="  "))
        assert response.status_code == 400 and response.json()["error"] == "reason_required"
        assert await PurchaseCheck.count() == 0

    async def test_new_with_a_reason_is_recorded(self, client, ystad, seeded):
        await signed_in(client, ystad, "employee")
        body = (await client.post("/api/purchase-checks", json=_check(
            decision="bought_new", reason="Ergonomisk anpassning", spent_ore=900_000))).json()
        assert (body["decision"], body["reason"], body["spent_ore"]) == ("bought_new", "Ergonomisk anpassning", 900_000)

    async def test_bought_used_books_what_it_avoided(self, client, ystad, seeded):
        await signed_in(client, ystad, "employee")
        check = (await client.post("/api/purchase-checks", json=_check())).json()
        body = (await client.patch(f"/api/purchase-checks/{check['id']}", json={
            "decision": "bought_used", "spent_ore": 100_000, "version": check["version"]})).json()
        entry = await ImpactEntry.select().first()
        # 2 × 72 kg; 2 × 4 500 kr − 1 000 kr paid
        assert body["decision"] == "bought_used" and (entry["co2e_g"], entry["saved_ore"]) == (144_000, 800_000)

    async def test_a_decision_is_final(self, client, ystad, seeded):
        await signed_in(client, ystad, "employee")
        check = (await client.post("/api/purchase-checks", json=_check(decision="reused"))).json()
        response = await client.patch(f"/api/purchase-checks/{check['id']}", json={
            "decision": "bought_new", "reason": "x", "version": check["version"]})
        assert response.status_code == 409

    async def test_a_replayed_create_returns_the_same_check(self, client, ystad, seeded):
        await signed_in(client, ystad, "employee")
        check_id = str(uuid4())
        first = await client.post("/api/purchase-checks", json=_check(id=check_id))
        again = await client.post("/api/purchase-checks", json=_check(id=check_id))
        assert (first.status_code, again.status_code) == (201, 200) and await PurchaseCheck.count() == 1

    async def test_a_reporter_cannot_open_a_check(self, client, ystad, seeded):
        await signed_in(client, ystad, "reporter")
        assert (await client.post("/api/purchase-checks", json=_check())).status_code == 403

    async def test_more_than_an_int32_of_ore_is_a_400_naming_the_field(self, client, ystad, seeded):
        await signed_in(client, ystad, "employee")
        response = await client.post("/api/purchase-checks", json=_check(
            decision="bought_new", reason="Akut", spent_ore=3_000_000_000))
        assert response.status_code == 400 and "spent_ore" in response.json()["detail"]

    @pytest.mark.parametrize("step", ["create", "decide"])
    async def test_another_municipalitys_private_listing_is_a_404(self, client, ystad, skurup, seeded, step):
        theirs = await _private_listing(skurup)
        await signed_in(client, ystad, "employee")
        if step == "create":
            response = await client.post("/api/purchase-checks", json=_check(decision="reused", listing_id=str(theirs)))
        else:
            check = (await client.post("/api/purchase-checks", json=_check())).json()
            response = await client.patch(f"/api/purchase-checks/{check['id']}", json={
                "decision": "reused", "listing_id": str(theirs), "version": check["version"]})
        assert response.status_code == 404 and response.json()["error"] == "not_found"
        assert await PurchaseCheck.count().where(PurchaseCheck.listing_id == theirs) == 0


async def _private_listing(tenant):
    """A published listing only the tenant's own unit may see."""
    from backend import clock
    from backend.catalog.tables import Listing

    now, listing_id = clock.now(), uuid4()
    await Listing.insert(Listing(id=listing_id, municipality=tenant.id, owner_unit=tenant.ame_unit, kind="furniture",
                                 deal="give", title="Skurups stol", status="published", visibility="unit",
                                 published_at=now, created_at=now, updated_at=now))
    return listing_id

    async def test_outcomes_and_savings_reach_the_report(self, client, new_client, ystad, seeded):
        await signed_in(client, ystad, "employee")
        for decision in ("reused", "bought_used", "bought_new"):
            await client.post("/api/purchase-checks", json=_check(decision=decision, reason="behov"))
        await client.post("/api/purchase-checks", json=_check())
        reporter = await signed_in(await new_client(), ystad, "reporter")
        checks = (await reporter.get("/api/impact/report")).json()["checks"]
        assert {k: checks[k] for k in ("checks", "reused", "bought_used", "bought_new", "undecided")} == {
            "checks": 4, "reused": 1, "bought_used": 1, "bought_new": 1, "undecided": 1}
        assert checks["reuse_share"] == round(2 / 3, 4) and checks["co2e_kg"] == 144.0

    async def test_the_report_gives_each_units_share(self, client, new_client, ystad, seeded):
        await signed_in(client, ystad, "employee")
        for decision in ("reused", "bought_new"):
            await client.post("/api/purchase-checks", json=_check(decision=decision, reason="behov"))
        await client.post("/api/purchase-checks", json=_check())
        reporter = await signed_in(await new_client(), ystad, "reporter")
        units = (await reporter.get("/api/impact/report")).json()["check_units"]
        assert [(u["unit"], u["checks"], u["reused"], u["bought_new"], u["undecided"], u["reuse_share"])
                for u in units] == [("Arbetsmarknadsenheten", 3, 1, 1, 1, 0.5)]
        other = await reporter.get(f"/api/impact/report?unit_id={ystad.admin_unit}")
        assert other.json()["check_units"] == []


class TestHistoryDoesNotChange:
    async def test_an_override_leaves_earlier_entries_and_reports_as_they_were(self, app, client, new_client, ystad,
                                                                               seeded):
        from datetime import datetime

        from backend.catalog.categories import category_id
        from backend.impact.ledger import book_reuse

        async with app.state.db.write():
            await book_reuse(municipality_id=ystad.id, unit_id=ystad.ame_unit, booking_id=uuid4(), listing_id=None,
                             category_id=category_id("kontorsstolar"), deal="give", quantity=1, paid_ore=0,
                             weight_g=None, completed_at=datetime(2026, 1, 10, tzinfo=UTC))
        reporter = await signed_in(await new_client(), ystad, "reporter")
        query = "/api/impact/report?from_month=2026-01&to_month=2026-01"
        before = (await reporter.get(query)).json()
        await signed_in(client, ystad, "admin")
        await client.post("/api/impact/factors", json={**CHAIR, "co2e_kg": 10})
        after = (await reporter.get(query)).json()
        assert after["totals"] == before["totals"] and after["totals"]["co2e_kg"] == 72.0


class TestSearchIsRecorded:
    async def test_the_check_keeps_what_delbar_offered(self, client, ystad, seeded):
        from backend import clock
        from backend.catalog.tables import Listing

        now = clock.now()
        await Listing.insert(Listing(id=uuid4(), municipality=ystad.id, owner_unit=ystad.ame_unit, kind="furniture",
                                     deal="give", title="Kontorsstol grå", search_text="kontorsstol grå",
                                     status="published", visibility="municipality", published_at=now,
                                     created_at=now, updated_at=now))
        await signed_in(client, ystad, "employee")
        body = (await client.post("/api/purchase-checks", json=_check(search_query="kontorsstol"))).json()
        assert body["search_hits"] == 1 and [o["title"] for o in body["offered"]] == ["Kontorsstol grå"]
