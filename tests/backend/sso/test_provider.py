"""The admin's identity provider setting over HTTP: the secret stays secret, the mapping is checked, changes audited."""

from __future__ import annotations

import json

import httpx
import pytest

from backend.audit.tables import AuditEvent
from backend.sso.tables import IdentityProvider
from tests.backend.sso.conftest import provider_setting
from tests.factories import Tenant, login, make_tenant, make_unit
from tests.oidc import CLIENT_SECRET, OpenIdProvider

pytestmark = pytest.mark.anyio


@pytest.fixture
async def admin(client: httpx.AsyncClient, ystad: Tenant) -> httpx.AsyncClient:
    await login(client, ystad.admin_email)
    return client


class TestSetting:
    async def test_nothing_is_set_up_at_first(self, admin: httpx.AsyncClient) -> None:
        answer = (await admin.get("/api/sso/provider")).json()
        assert answer["provider"] is None and answer["secret_key_set"] is True
        assert answer["redirect_uri"] == "http://127.0.0.1:8000/api/sso/callback"

    async def test_the_secret_is_never_returned_and_is_stored_encrypted(
            self, admin: httpx.AsyncClient, ystad: Tenant, oidc_provider: OpenIdProvider) -> None:
        answer = await admin.put("/api/sso/provider", json=provider_setting(oidc_provider, ystad))
        assert answer.status_code == 200
        assert CLIENT_SECRET not in answer.text and CLIENT_SECRET not in (await admin.get("/api/sso/provider")).text
        assert answer.json()["provider"]["client_secret_set"] is True
        stored = await IdentityProvider.select(IdentityProvider.client_secret).first()
        assert stored["client_secret"] and CLIENT_SECRET not in stored["client_secret"]

    async def test_a_change_keeps_the_secret_when_none_is_sent(
            self, admin: httpx.AsyncClient, ystad: Tenant, oidc_provider: OpenIdProvider) -> None:
        first = (await admin.put("/api/sso/provider", json=provider_setting(oidc_provider, ystad))).json()
        change = provider_setting(oidc_provider, ystad, version=first["provider"]["version"],
                                  display_name="Logga in med Ystads konto", client_secret=None)
        answer = await admin.put("/api/sso/provider", json=change)
        assert answer.status_code == 200
        assert answer.json()["provider"]["display_name"] == "Logga in med Ystads konto"
        assert answer.json()["provider"]["client_secret_set"] is True

    async def test_every_change_is_audited_with_the_secret_masked(
            self, admin: httpx.AsyncClient, ystad: Tenant, oidc_provider: OpenIdProvider) -> None:
        first = (await admin.put("/api/sso/provider", json=provider_setting(oidc_provider, ystad))).json()
        change = provider_setting(oidc_provider, ystad, version=first["provider"]["version"],
                                  client_secret="a-new-secret-value", domains=["ystad.exempel.se", "ystad.se"])
        await admin.put("/api/sso/provider", json=change)
        assert (await admin.delete("/api/sso/provider")).status_code == 204
        rows = await AuditEvent.select(AuditEvent.action, AuditEvent.before, AuditEvent.after).where(
            AuditEvent.action.like("sso.%")).order_by(AuditEvent.at)
        assert [r["action"] for r in rows] == ["sso.provider_created", "sso.provider_changed", "sso.provider_removed"]
        changed = rows[1]
        assert json.loads(changed["before"]) == {"client_secret": "set", "domains": ["ystad.exempel.se"]}
        assert json.loads(changed["after"]) == {"client_secret": "changed", "domains": ["ystad.exempel.se", "ystad.se"]}
        assert all(CLIENT_SECRET not in r["before"] + r["after"] and "a-new-secret" not in r["after"] for r in rows)

    async def test_a_stale_version_is_refused(self, admin: httpx.AsyncClient, ystad: Tenant,
                                              oidc_provider: OpenIdProvider) -> None:
        await admin.put("/api/sso/provider", json=provider_setting(oidc_provider, ystad))
        answer = await admin.put("/api/sso/provider", json=provider_setting(oidc_provider, ystad, version=0))
        assert answer.status_code == 409 and answer.json()["error"] == "stale_version"


class TestRefused:
    async def test_a_new_provider_needs_its_secret(self, admin: httpx.AsyncClient, ystad: Tenant,
                                                   oidc_provider: OpenIdProvider) -> None:
        answer = await admin.put("/api/sso/provider", json=provider_setting(oidc_provider, ystad, client_secret=None))
        assert answer.status_code == 400 and answer.json()["error"] == "secret_missing"

    async def test_a_unit_of_another_municipality(self, admin: httpx.AsyncClient, ystad: Tenant,
                                                  oidc_provider: OpenIdProvider) -> None:
        skurup = await make_tenant("Skurup")
        setting = provider_setting(oidc_provider, ystad, unit_map=[{"value": "X", "unit_id": str(skurup.ame_unit)}])
        answer = await admin.put("/api/sso/provider", json=setting)
        assert answer.status_code == 400 and answer.json()["error"] == "unknown_unit"

    async def test_a_domain_another_municipality_routes(self, admin: httpx.AsyncClient, new_client, ystad: Tenant,
                                                        oidc_provider: OpenIdProvider) -> None:
        skurup = await make_tenant("Skurup")
        theirs = await new_client()
        await login(theirs, skurup.admin_email)
        setting = provider_setting(oidc_provider, ystad, default_unit_id=str(skurup.admin_unit), unit_map=[])
        assert (await theirs.put("/api/sso/provider", json=setting)).status_code == 200
        answer = await admin.put("/api/sso/provider", json=provider_setting(oidc_provider, ystad))
        assert answer.status_code == 409 and answer.json()["error"] == "domain_taken"

    @pytest.mark.parametrize("issuer", ["http://idp.example.se", "ftp://idp.example.se", "https://"])
    async def test_an_issuer_that_is_not_https(self, admin: httpx.AsyncClient, ystad: Tenant,
                                               oidc_provider: OpenIdProvider, issuer: str) -> None:
        answer = await admin.put("/api/sso/provider", json=provider_setting(oidc_provider, ystad, issuer=issuer))
        assert answer.status_code == 400

    async def test_someone_who_is_not_an_admin(self, client: httpx.AsyncClient, ystad: Tenant,
                                               oidc_provider: OpenIdProvider) -> None:
        await login(client, ystad.employee_email)
        assert (await client.get("/api/sso/provider")).status_code == 403
        answer = await client.put("/api/sso/provider", json=provider_setting(oidc_provider, ystad))
        assert answer.status_code == 403

    async def test_another_municipalitys_admin_does_not_see_it(
            self, admin: httpx.AsyncClient, new_client, ystad: Tenant, oidc_provider: OpenIdProvider) -> None:
        await admin.put("/api/sso/provider", json=provider_setting(oidc_provider, ystad))
        skurup = await make_tenant("Skurup")
        theirs = await new_client()
        await login(theirs, skurup.admin_email)
        assert (await theirs.get("/api/sso/provider")).json()["provider"] is None
        assert (await theirs.delete("/api/sso/provider")).status_code == 404
        assert await IdentityProvider.count() == 1

    async def test_mapped_unit_is_checked_like_the_default(self, admin: httpx.AsyncClient, ystad: Tenant,
                                                           oidc_provider: OpenIdProvider) -> None:
        unit = await make_unit(ystad.id, "Kultur och fritid")
        setting = provider_setting(oidc_provider, ystad, unit_map=[{"value": "Kultur", "unit_id": str(unit)}])
        assert (await admin.put("/api/sso/provider", json=setting)).status_code == 200
