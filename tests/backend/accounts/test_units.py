"""Units: admins manage their own municipality's; nobody sees another municipality's."""

from __future__ import annotations

from uuid import uuid4

import pytest

from tests.factories import login

pytestmark = pytest.mark.anyio


class TestUnitReads:
    async def test_lists_only_my_municipalitys_units(self, client, ystad, skurup):
        await login(client, ystad.employee_email)
        ids = {u["id"] for u in (await client.get("/api/units")).json()}
        assert ids == {str(ystad.admin_unit), str(ystad.ame_unit)}

    async def test_another_municipalitys_unit_is_not_found(self, client, ystad, skurup):
        await login(client, skurup.admin_email)
        response = await client.get(f"/api/units/{ystad.ame_unit}")
        assert response.status_code == 404
        assert response.json()["error"] == "not_found"

    async def test_signed_out_reads_are_refused(self, client, ystad):
        assert (await client.get("/api/units")).status_code == 401


class TestUnitWrites:
    async def test_admin_creates_a_unit(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.post("/api/units", json={"name": "Kultur och fritid", "cost_centre": "5000"})
        assert response.status_code == 201
        assert response.json()["name"] == "Kultur och fritid" and response.json()["version"] == 1

    async def test_employee_cannot_create_a_unit(self, client, ystad):
        await login(client, ystad.employee_email)
        response = await client.post("/api/units", json={"name": "Hemlig enhet"})
        assert response.status_code == 403
        assert len((await client.get("/api/units")).json()) == 2

    async def test_replayed_create_with_the_same_id_returns_the_first_unit(self, client, ystad):
        await login(client, ystad.admin_email)
        body = {"id": str(uuid4()), "name": "Kultur och fritid"}
        first = await client.post("/api/units", json=body)
        second = await client.post("/api/units", json=body)
        assert (first.status_code, second.status_code) == (201, 200)
        assert first.json() == second.json()
        assert len((await client.get("/api/units")).json()) == 3

    async def test_id_used_in_another_municipality_is_a_conflict(self, client, ystad, skurup):
        await login(client, skurup.admin_email)
        response = await client.post("/api/units", json={"id": str(ystad.ame_unit), "name": "Stöld"})
        assert response.status_code == 409

    async def test_duplicate_name_is_a_conflict(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.post("/api/units", json={"name": "Arbetsmarknadsenheten"})
        assert response.status_code == 409 and response.json()["error"] == "name_taken"

    async def test_renaming_to_another_units_name_is_a_conflict(self, client, ystad):
        await login(client, ystad.admin_email)
        body = {"version": 1, "name": "Kommunledningsförvaltningen"}
        response = await client.patch(f"/api/units/{ystad.ame_unit}", json=body)
        assert response.status_code == 409 and response.json()["error"] == "name_taken"

    async def test_same_name_in_two_municipalities_is_fine(self, client, ystad, skurup):
        await login(client, skurup.admin_email)
        assert (await client.post("/api/units", json={"name": "Kultur och fritid"})).status_code == 201
        await login(client, ystad.admin_email)
        assert (await client.post("/api/units", json={"name": "Kultur och fritid"})).status_code == 201

    async def test_update_with_current_version_applies_and_bumps_it(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.patch(f"/api/units/{ystad.ame_unit}", json={"version": 1, "cost_centre": "7200"})
        assert response.status_code == 200
        assert response.json()["cost_centre"] == "7200" and response.json()["version"] == 2

    async def test_update_with_a_stale_version_is_refused(self, client, ystad):
        await login(client, ystad.admin_email)
        await client.patch(f"/api/units/{ystad.ame_unit}", json={"version": 1, "cost_centre": "7200"})
        response = await client.patch(f"/api/units/{ystad.ame_unit}", json={"version": 1, "cost_centre": "7300"})
        assert response.status_code == 409 and response.json()["error"] == "stale_version"
        assert (await client.get(f"/api/units/{ystad.ame_unit}")).json()["cost_centre"] == "7200"

    async def test_admin_cannot_change_another_municipalitys_unit(self, client, ystad, skurup):
        await login(client, skurup.admin_email)
        response = await client.patch(f"/api/units/{ystad.ame_unit}", json={"version": 1, "name": "Kapad"})
        assert response.status_code == 404
        await login(client, ystad.admin_email)
        assert (await client.get(f"/api/units/{ystad.ame_unit}")).json()["name"] == "Arbetsmarknadsenheten"
