"""What the audit trail records: administrative changes with before → after, and every sign-in."""

from __future__ import annotations

import json

import pytest

from backend.audit.tables import AuditEvent
from tests.factories import PASSWORD, login

pytestmark = pytest.mark.anyio


async def entries(action: str | None = None) -> list[dict]:
    query = AuditEvent.select().order_by(AuditEvent.at)
    return await (query.where(AuditEvent.action == action) if action else query)


class TestUserChanges:
    async def test_a_role_change_keeps_the_roles_before_and_after_and_who_made_it(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.patch(f"/api/users/{ystad.employee}", json={"version": 1, "roles": ["driver"]})
        assert response.status_code == 200
        [entry] = await entries("user.roles_changed")
        assert entry["before"] == '{"roles": ["employee"]}' and entry["after"] == '{"roles": ["driver"]}'
        assert entry["actor"] == ystad.admin and entry["actor_name"]
        assert entry["municipality"] == ystad.id and entry["object_id"] == str(ystad.employee)

    async def test_only_the_changed_fields_are_kept(self, client, ystad):
        await login(client, ystad.admin_email)
        await client.patch(f"/api/users/{ystad.employee}", json={"version": 1, "name": "Anna Ny"})
        [entry] = await entries("user.changed")
        assert set(json.loads(entry["after"])) == {"name"}
        assert await entries("user.roles_changed") == []

    async def test_a_new_user_is_recorded_without_any_password(self, client, ystad):
        await login(client, ystad.admin_email)
        body = {"email": "ny@ystad.test", "name": "Ny Person", "unit_id": str(ystad.ame_unit), "roles": ["driver"],
                "password": "long enough secret"}
        assert (await client.post("/api/users", json=body)).status_code == 201
        [entry] = await entries("user.created")
        assert "ny@ystad.test" in entry["after"] and "secret" not in entry["after"] and "hash" not in entry["after"]

    async def test_unit_move_deactivation_and_password_are_each_recorded(self, client, ystad):
        await login(client, ystad.admin_email)
        await client.patch(f"/api/users/{ystad.employee}",
                           json={"version": 1, "unit_id": str(ystad.admin_unit), "active": False})
        await client.post(f"/api/users/{ystad.employee}/password", json={"password": "another long secret"})
        actions = [e["action"] for e in await entries() if e["action"].startswith("user.")]
        assert sorted(actions) == ["user.deactivated", "user.password_set", "user.unit_changed"]
        assert "another long secret" not in str(await entries("user.password_set"))

    async def test_a_refused_change_leaves_no_entry(self, client, ystad):
        await login(client, ystad.admin_email)
        stale = await client.patch(f"/api/users/{ystad.employee}", json={"version": 7, "roles": ["driver"]})
        assert stale.status_code == 409
        assert await entries("user.roles_changed") == []


class TestOtherAdministration:
    async def test_a_unit_rename_is_recorded(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.patch(f"/api/units/{ystad.ame_unit}", json={"version": 1, "name": "AME Syd"})
        assert response.status_code == 200
        [entry] = await entries("unit.renamed")
        assert "Arbetsmarknadsenheten" in entry["before"] and "AME Syd" in entry["after"]

    async def test_a_new_network_and_an_invitation_are_recorded(self, client, ystad, skurup):
        await login(client, ystad.admin_email)
        network = (await client.post("/api/networks", json={"name": "Sydkusten"})).json()
        invited = await client.post(f"/api/networks/{network['id']}/invitations",
                                    json={"municipality_id": str(skurup.id)})
        assert invited.status_code in (200, 201), invited.text
        assert [e["action"] for e in await entries() if e["action"].startswith("network.")] == [
            "network.created", "network.member_added"]

    async def test_the_transport_tariff_is_recorded_from_nothing_to_its_fee(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.put("/api/transport-tariff",
                                    json={"fee_ore": 25000, "payee_unit_id": str(ystad.ame_unit)})
        assert response.status_code == 200, response.text
        [entry] = await entries("tariff.changed")
        assert entry["before"] == "{}" and '"fee_ore": 25000' in entry["after"]

    async def test_mail_defaults_keep_only_the_kinds_that_changed(self, client, ystad):
        await login(client, ystad.admin_email)
        current = (await client.get("/api/mail/defaults")).json()
        response = await client.put("/api/mail/defaults", json={
            "version": current["version"], "channels": current["channels"], "off_kinds": ["want_matched"]})
        assert response.status_code == 200, response.text
        [entry] = await entries("mail.defaults_changed")
        assert entry["before"] == '{"off_kinds": []}' and entry["after"] == '{"off_kinds": ["want_matched"]}'


class TestSignIns:
    async def test_a_sign_in_is_recorded_with_where_from(self, client, ystad):
        await client.post("/api/session", json={"email": ystad.employee_email, "password": PASSWORD},
                          headers={"User-Agent": "Testbrowser/1.0"})
        [entry] = await entries("session.signed_in")
        assert entry["actor"] == ystad.employee and entry["municipality"] == ystad.id
        assert entry["address"] and entry["user_agent"] == "Testbrowser/1.0"

    async def test_a_wrong_password_is_recorded_with_its_reason_and_never_the_password(self, client, ystad):
        response = await client.post("/api/session", json={"email": ystad.employee_email, "password": "fel-lösen-123"})
        assert response.status_code == 401
        [entry] = await entries("session.sign_in_failed")
        assert entry["after"] == '{"reason": "wrong_password"}' and entry["municipality"] == ystad.id
        assert entry["actor"] is None and entry["object_id"] == str(ystad.employee) and entry["object_name"]
        assert "fel-lösen-123" not in str(await entries())

    async def test_an_unknown_address_is_recorded_for_no_municipality(self, client, ystad):
        await client.post("/api/session", json={"email": "ingen@ystad.test", "password": "whatever123"})
        [entry] = await entries("session.sign_in_failed")
        assert entry["municipality"] is None and entry["object_id"] == ""
        assert entry["after"] == '{"reason": "unknown_account"}' and "ingen@" not in str(entry)

    async def test_a_rate_limited_attempt_is_recorded_as_such(self, client, ystad):
        for _ in range(5):
            await client.post("/api/session", json={"email": ystad.employee_email, "password": "bad"})
        sixth = await client.post("/api/session", json={"email": ystad.employee_email, "password": PASSWORD})
        assert sixth.status_code == 429
        reasons = [json.loads(e["after"])["reason"] for e in await entries("session.sign_in_failed")]
        assert reasons == ["wrong_password"] * 5 + ["rate_limited"]
        assert await entries("session.signed_in") == []
