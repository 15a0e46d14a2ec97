"""Users and roles: admin-only management inside one municipality."""

from __future__ import annotations

from uuid import uuid4

import pytest

from tests.factories import PASSWORD, login

pytestmark = pytest.mark.anyio


def new_user(unit_id, **extra) -> dict:
    return {"email": "ny@ystad.test", "name": "Ny Person", "unit_id": str(unit_id),
            "roles": ["driver"], "password": "long enough secret", **extra}


class TestUserAdmin:
    async def test_admin_creates_a_user_who_can_then_sign_in(self, client, new_client, ystad):
        await login(client, ystad.admin_email)
        response = await client.post("/api/users", json=new_user(ystad.ame_unit))
        assert response.status_code == 201
        assert response.json()["roles"] == ["driver"] and response.json()["unit"]["name"] == "Arbetsmarknadsenheten"
        assert "password" not in response.text and "hash" not in response.text
        await login(await new_client(), "ny@ystad.test", "long enough secret")

    async def test_employee_cannot_list_or_create_users(self, client, ystad):
        await login(client, ystad.employee_email)
        assert (await client.get("/api/users")).status_code == 403
        assert (await client.post("/api/users", json=new_user(ystad.ame_unit))).status_code == 403

    async def test_user_in_another_municipalitys_unit_is_refused(self, client, ystad, skurup):
        await login(client, skurup.admin_email)
        response = await client.post("/api/users", json=new_user(ystad.ame_unit, email="x@skurup.test"))
        assert response.status_code == 400 and response.json()["error"] == "unknown_unit"

    async def test_duplicate_email_is_a_conflict(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.post("/api/users", json=new_user(ystad.ame_unit, email=ystad.employee_email))
        assert response.status_code == 409 and response.json()["error"] == "email_taken"

    async def test_unknown_role_is_refused(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.post("/api/users", json=new_user(ystad.ame_unit, roles=["superuser"]))
        assert response.status_code == 400

    async def test_replayed_create_returns_the_same_user(self, client, ystad):
        await login(client, ystad.admin_email)
        body = new_user(ystad.ame_unit, id=str(uuid4()))
        assert (await client.post("/api/users", json=body)).status_code == 201
        assert (await client.post("/api/users", json=body)).status_code == 200

    async def test_admin_changes_roles(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.patch(f"/api/users/{ystad.employee}",
                                      json={"version": 1, "roles": ["coordinator", "driver"]})
        assert response.status_code == 200 and response.json()["roles"] == ["coordinator", "driver"]

    async def test_admin_cannot_drop_their_own_admin_role(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.patch(f"/api/users/{ystad.admin}", json={"version": 1, "roles": ["employee"]})
        assert response.status_code == 403 and response.json()["error"] == "own_account"

    async def test_admin_cannot_deactivate_themselves(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.patch(f"/api/users/{ystad.admin}", json={"version": 1, "active": False})
        assert response.status_code == 403 and response.json()["error"] == "own_account"
        assert (await client.get("/api/session")).status_code == 200

    async def test_deactivating_a_user_ends_their_sessions(self, client, new_client, ystad):
        phone = await new_client()
        await login(phone, ystad.employee_email)
        await login(client, ystad.admin_email)
        deactivated = await client.patch(f"/api/users/{ystad.employee}", json={"version": 1, "active": False})
        assert deactivated.status_code == 200
        assert (await phone.get("/api/session")).status_code == 401

    async def test_password_reset_ends_sessions_and_sets_the_new_password(self, client, new_client, ystad):
        phone = await new_client()
        await login(phone, ystad.employee_email)
        await login(client, ystad.admin_email)
        response = await client.post(f"/api/users/{ystad.employee}/password", json={"password": "brand new secret"})
        assert response.status_code == 204
        assert (await phone.get("/api/session")).status_code == 401
        await login(await new_client(), ystad.employee_email, "brand new secret")


class TestTenantIsolation:
    async def test_user_of_another_municipality_is_not_found(self, client, ystad, skurup):
        await login(client, skurup.admin_email)
        assert (await client.get(f"/api/users/{ystad.employee}")).status_code == 404
        assert (await client.get(f"/api/users/{ystad.employee}/sessions")).status_code == 404

    async def test_admin_cannot_change_or_reset_another_municipalitys_user(self, client, new_client, ystad, skurup):
        await login(client, skurup.admin_email)
        patch = await client.patch(f"/api/users/{ystad.employee}", json={"version": 1, "roles": ["admin"]})
        reset = await client.post(f"/api/users/{ystad.employee}/password", json={"password": "hijacked secret"})
        assert patch.status_code == reset.status_code == 404
        await login(await new_client(), ystad.employee_email, PASSWORD)

    async def test_user_list_holds_only_my_municipality(self, client, ystad, skurup):
        await login(client, skurup.admin_email)
        emails = {u["email"] for u in (await client.get("/api/users")).json()}
        assert emails == {skurup.admin_email, skurup.employee_email}

    async def test_anyone_may_read_themselves_but_not_a_colleague(self, client, ystad):
        await login(client, ystad.employee_email)
        assert (await client.get(f"/api/users/{ystad.employee}")).status_code == 200
        assert (await client.get(f"/api/users/{ystad.admin}")).status_code == 403
