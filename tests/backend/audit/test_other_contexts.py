"""The audit entries written by the other contexts' administration: impact factors, period locks and
invitations, each in the same transaction as the change."""

from __future__ import annotations

import json

import pytest

from backend.audit.tables import AuditEvent
from tests.backend.billing.conftest import MONTH, coordinator, make_line  # noqa: F401 (a fixture)
from tests.backend.impact.conftest import seeded, signed_in  # noqa: F401 (a fixture)
from tests.factories import login

pytestmark = pytest.mark.anyio
CHAIR = {"category_slug": "kontorsstolar", "co2e_kg": 65.5, "new_price_ore": 300_000, "source": "Egen LCA 2026"}


async def entries(action: str) -> list[dict]:
    return await AuditEvent.select().where(AuditEvent.action == action).order_by(AuditEvent.at)


class TestFactors:
    async def test_an_override_keeps_the_national_figures_before_and_its_own_after(self, client, ystad, seeded):
        await signed_in(client, ystad, "admin")
        assert (await client.post("/api/impact/factors", json=CHAIR)).status_code in (200, 201)
        [entry] = await entries("factor.changed")
        before, after = json.loads(entry["before"]), json.loads(entry["after"])
        assert after["co2e_g"] == 65_500 and after["source"] == "Egen LCA 2026"
        assert before and before["co2e_g"] != 65_500 and entry["object_name"] == "kontorsstolar"


class TestPeriods:
    async def test_locking_a_month_is_recorded_once(self, coordinator, ystad, skurup):
        await make_line(ystad, skurup, 12_500)
        export = f"/api/billing/periods/{MONTH}/export"
        assert (await coordinator.post(export)).status_code in (200, 201)
        assert (await coordinator.post(export)).status_code == 200
        [entry] = await entries("period.locked")
        assert json.loads(entry["after"]) == {"month": MONTH, "line_count": 1, "total_ore": 12_500}

    async def test_an_empty_month_refused_leaves_no_entry(self, coordinator):
        assert (await coordinator.post(f"/api/billing/periods/{MONTH}/export")).status_code == 400
        assert await entries("period.locked") == []


class TestInvitations:
    async def test_an_invitation_records_the_new_user_and_the_invitation(self, client, ystad):
        await login(client, ystad.admin_email)
        made = await client.post("/api/invitations", json={
            "email": "ny@ystad.test", "name": "Nora Ny", "unit_id": str(ystad.admin_unit), "roles": ["employee"],
            "language": "sv"})
        assert made.status_code == 201, made.text
        assert len(await entries("user.created")) == 1
        [invited] = await entries("user.invited")
        assert invited["object_name"] == "Nora Ny" and json.loads(invited["after"]) == {"email": "ny@ystad.test"}
