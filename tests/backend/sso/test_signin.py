"""Signing in through a real OpenID provider (npm oidc-provider) over HTTP: accounts, roles, refusals."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import httpx
import pytest

from backend.accounts.tables import User
from backend.audit.tables import AuditEvent
from backend.sso.sealing import Sealer
from backend.sso.signin import STARTS_PER_CLIENT
from backend.sso.tables import IdentityProvider
from tests.factories import Tenant, login, make_municipality, make_unit, make_user
from tests.oidc import CLIENT_ID, OpenIdProvider, log_in_at_provider

pytestmark = pytest.mark.anyio
ANNA = "anna.andersson@ystad.exempel.se"


def path_of(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.path}?{parts.query}" if parts.query else parts.path


async def start(client: httpx.AsyncClient, email: str = ANNA, next_path: str = "/annonser") -> httpx.Response:
    return await client.get("/api/sso/start", params={"email": email, "next": next_path})


async def callback_for(client: httpx.AsyncClient, account: str = "anna", email: str = ANNA) -> str:
    """Start at Delbar, sign in at the provider; the path of the callback the provider sends the browser to."""
    started = await start(client, email)
    assert started.status_code == 303, started.text
    return path_of(await log_in_at_provider(started.headers["location"], account))


async def sign_in(client: httpx.AsyncClient, account: str = "anna", email: str = ANNA) -> httpx.Response:
    return await client.get(await callback_for(client, account, email))


def refusal(response: httpx.Response) -> str:
    assert response.status_code == 303, response.text
    location = urlsplit(response.headers["location"])
    assert location.path == "/login", response.headers["location"]
    return parse_qs(location.query)["sso_error"][0]


async def failures() -> list[dict]:
    rows = await AuditEvent.select(AuditEvent.after, AuditEvent.municipality).where(
        AuditEvent.action == "session.sign_in_failed")
    return rows


async def last_failure_reason() -> str:
    rows = await AuditEvent.select(AuditEvent.after).where(
        AuditEvent.action == "session.sign_in_failed").order_by(AuditEvent.at, ascending=False).first()
    return rows["after"]


class TestFirstSignIn:
    async def test_new_person_gets_an_account_with_the_mapped_unit_and_roles(
            self, client: httpx.AsyncClient, ystad: Tenant, ystad_sso: dict) -> None:
        response = await sign_in(client)
        assert response.status_code == 303 and response.headers["location"] == "/annonser"
        session = await client.get("/api/session")
        assert session.status_code == 200
        user = session.json()["user"]
        assert (user["email"], user["name"], user["language"]) == (ANNA, "Anna Andersson", "en")
        assert user["municipality"]["id"] == str(ystad.id)
        assert user["unit"]["id"] == str(ystad.ame_unit)
        assert user["roles"] == ["coordinator", "employee"]

    async def test_sign_in_is_in_the_audit_trail_with_its_method(
            self, client: httpx.AsyncClient, ystad: Tenant, ystad_sso: dict) -> None:
        await sign_in(client)
        rows = await AuditEvent.select(AuditEvent.action, AuditEvent.after, AuditEvent.municipality).where(
            AuditEvent.action.is_in(["session.signed_in", "user.created"]))
        actions = {r["action"]: r for r in rows}
        assert set(actions) == {"session.signed_in", "user.created"}
        assert '"method": "oidc"' in actions["session.signed_in"]["after"]
        assert actions["session.signed_in"]["municipality"] == ystad.id

    async def test_the_new_account_has_no_password_that_signs_in(
            self, client: httpx.AsyncClient, new_client, ystad_sso: dict) -> None:
        await sign_in(client)
        other = await new_client()
        for password in ("", "delbar-timing-equaliser", "!signs-in-through-the-provider"):
            answer = await other.post("/api/session", json={"email": ANNA, "password": password or "x"})
            assert answer.status_code == 401

    async def test_unmapped_department_lands_in_the_default_unit(
            self, client: httpx.AsyncClient, ystad: Tenant, ystad_sso: dict, oidc_provider: OpenIdProvider,
            anna_claims: dict) -> None:
        oidc_provider.set_claims("anna", {**anna_claims, "department": "Okänd förvaltning", "groups": []})
        await sign_in(client)
        user = (await client.get("/api/session")).json()["user"]
        assert user["unit"]["id"] == str(ystad.admin_unit)
        assert user["roles"] == ["employee"]


class TestLaterSignIns:
    async def test_a_person_removed_from_the_group_loses_the_role(
            self, client: httpx.AsyncClient, new_client, ystad: Tenant, ystad_sso: dict,
            oidc_provider: OpenIdProvider, anna_claims: dict) -> None:
        await sign_in(client)
        oidc_provider.set_claims("anna", {**anna_claims, "groups": []})
        again = await new_client()
        await sign_in(again)
        assert (await again.get("/api/session")).json()["user"]["roles"] == ["employee"]
        changed = await AuditEvent.select(AuditEvent.before, AuditEvent.after).where(
            AuditEvent.action == "user.roles_changed").first()
        assert "coordinator" in changed["before"] and "coordinator" not in changed["after"]

    async def test_a_role_the_mapping_never_grants_is_kept(
            self, client: httpx.AsyncClient, new_client, ystad: Tenant, ystad_sso: dict) -> None:
        user = await make_user(ystad.id, ystad.admin_unit, ANNA, "employee", "reporter")
        await sign_in(client)
        session = (await client.get("/api/session")).json()["user"]
        assert session["id"] == str(user)
        assert session["roles"] == ["coordinator", "employee", "reporter"]

    async def test_a_deactivated_person_is_refused_though_the_provider_says_yes(
            self, client: httpx.AsyncClient, ystad: Tenant, ystad_sso: dict) -> None:
        await make_user(ystad.id, ystad.admin_unit, ANNA, "employee", active=False)
        assert refusal(await sign_in(client)) == "inactive"
        assert (await client.get("/api/session")).status_code == 401
        assert '"reason": "inactive"' in await last_failure_reason()

    async def test_an_address_with_an_account_in_another_municipality_is_refused(
            self, client: httpx.AsyncClient, ystad: Tenant, ystad_sso: dict) -> None:
        elsewhere = await make_municipality("Skurup")
        await make_user(elsewhere, await make_unit(elsewhere, "Skola"), ANNA, "employee")
        assert refusal(await sign_in(client)) == "other_municipality"

    async def test_local_accounts_still_sign_in_with_a_password(
            self, client: httpx.AsyncClient, ystad: Tenant, ystad_sso: dict) -> None:
        await login(client, ystad.employee_email)
        assert (await client.get("/api/session")).json()["user"]["email"] == ystad.employee_email


class TestRefusals:
    async def test_callback_without_the_browsers_state_cookie(
            self, client: httpx.AsyncClient, new_client, ystad_sso: dict) -> None:
        callback = await callback_for(client)
        other_browser = await new_client()
        assert refusal(await other_browser.get(callback)) == "bad_state"
        assert (await other_browser.get("/api/session")).status_code == 401

    async def test_wrong_state(self, client: httpx.AsyncClient, ystad_sso: dict) -> None:
        callback = await callback_for(client)
        state = parse_qs(urlsplit(callback).query)["state"][0]
        assert refusal(await client.get(callback.replace(state, state[:-2] + "xx"))) == "bad_state"

    async def test_missing_state(self, client: httpx.AsyncClient, ystad_sso: dict) -> None:
        assert refusal(await client.get("/api/sso/callback?code=abc")) == "bad_state"

    async def test_replayed_code(self, client: httpx.AsyncClient, ystad_sso: dict) -> None:
        callback = await callback_for(client)
        first = await client.get(callback)
        assert first.status_code == 303 and first.headers["location"] == "/annonser"
        # The same callback again, from the same browser (the state cookie put back as it was).
        state = parse_qs(urlsplit(callback).query)["state"][0]
        client.cookies.set("delbar_sso_state", state, domain="testserver.local", path="/api/sso")
        assert refusal(await client.get(callback)) == "state_used"

    async def test_expired_token(self, client: httpx.AsyncClient, ystad_sso: dict,
                                 oidc_provider: OpenIdProvider) -> None:
        callback = await callback_for(client)
        oidc_provider.tamper_next_token("expired")
        assert refusal(await client.get(callback)) == "token_expired"

    async def test_token_signed_with_a_wrong_key(self, client: httpx.AsyncClient, ystad_sso: dict,
                                                 oidc_provider: OpenIdProvider) -> None:
        callback = await callback_for(client)
        oidc_provider.tamper_next_token("wrong_key")
        assert refusal(await client.get(callback)) == "bad_signature"
        assert (await client.get("/api/session")).status_code == 401

    async def test_wrong_audience(self, client: httpx.AsyncClient, ystad_sso: dict,
                                  oidc_provider: OpenIdProvider) -> None:
        callback = await callback_for(client)
        oidc_provider.tamper_next_token("wrong_audience")
        assert refusal(await client.get(callback)) == "wrong_audience"

    async def test_unknown_issuer(self, client: httpx.AsyncClient, ystad_sso: dict,
                                  oidc_provider: OpenIdProvider) -> None:
        callback = await callback_for(client)
        oidc_provider.tamper_next_token("other_issuer")
        assert refusal(await client.get(callback)) == "wrong_issuer"

    async def test_client_id_the_provider_does_not_know(
            self, client: httpx.AsyncClient, new_client, ystad: Tenant, ystad_sso: dict) -> None:
        admin = await new_client()
        await login(admin, ystad.admin_email)
        setting = {**_without_secret(ystad_sso), "client_id": "not-registered"}
        assert (await admin.put("/api/sso/provider", json=setting)).status_code == 200
        started = await start(client)
        assert started.status_code == 303
        async with httpx.AsyncClient() as browser:
            answer = await browser.get(started.headers["location"])
        assert answer.status_code == 400  # the provider refuses to sign in for a client it does not know

    async def test_discovery_document_of_another_issuer(self, client: httpx.AsyncClient, new_client,
                                                        ystad: Tenant, ystad_sso: dict) -> None:
        admin = await new_client()
        await login(admin, ystad.admin_email)
        # The same server under another name: its discovery document names 127.0.0.1, not localhost.
        issuer = ystad_sso["provider"]["issuer"].replace("127.0.0.1", "localhost")
        setting = {**_without_secret(ystad_sso), "issuer": issuer}
        assert (await admin.put("/api/sso/provider", json=setting)).status_code == 200
        assert refusal(await start(client)) == "wrong_issuer"

    async def test_provider_unreachable(self, client: httpx.AsyncClient, new_client, ystad: Tenant,
                                        ystad_sso: dict) -> None:
        admin = await new_client()
        await login(admin, ystad.admin_email)
        setting = {**_without_secret(ystad_sso), "issuer": "http://127.0.0.1:9"}
        assert (await admin.put("/api/sso/provider", json=setting)).status_code == 200
        assert refusal(await start(client)) == "provider_unreachable"
        assert '"reason": "provider_unreachable"' in await last_failure_reason()

    async def test_address_whose_domain_has_no_provider(self, client: httpx.AsyncClient, ystad_sso: dict) -> None:
        assert refusal(await start(client, "someone@elsewhere.example.org")) == "no_provider"

    async def test_provider_vouching_for_an_address_outside_its_domains(
            self, client: httpx.AsyncClient, ystad_sso: dict, oidc_provider: OpenIdProvider,
            anna_claims: dict) -> None:
        oidc_provider.set_claims("anna", {**anna_claims, "email": "anna@annan-kommun.exempel.se"})
        assert refusal(await sign_in(client)) == "email_domain"
        assert await User.count() == 2  # Ystad's admin and employee; nobody was made

    async def test_a_secret_sealed_with_another_key(self, client: httpx.AsyncClient, ystad_sso: dict) -> None:
        other_key = Sealer("the key before DELBAR_SECRET_KEY changed").seal("delbar-test-secret")
        await IdentityProvider.update({IdentityProvider.client_secret: other_key}, force=True)
        assert refusal(await sign_in(client)) == "provider_misconfigured"

    async def test_too_many_sign_ins_started_from_one_client(self, client: httpx.AsyncClient,
                                                             ystad_sso: dict) -> None:
        for _ in range(STARTS_PER_CLIENT):
            assert (await start(client)).status_code == 303
        assert refusal(await start(client)) == "rate_limited"
        assert '"reason": "rate_limited"' in await last_failure_reason()

    async def test_the_person_cancels_at_the_provider(self, client: httpx.AsyncClient, ystad_sso: dict) -> None:
        started = await start(client)
        state = parse_qs(urlsplit(started.headers["location"]).query)["state"][0]
        answer = await client.get("/api/sso/callback", params={"state": state, "error": "access_denied"})
        assert refusal(answer) == "provider_refused"

    async def test_a_return_path_to_another_site_is_not_followed(self, client: httpx.AsyncClient,
                                                                  ystad_sso: dict) -> None:
        started = await start(client, next_path="//evil.example/")
        response = await client.get(path_of(await log_in_at_provider(started.headers["location"], "anna")))
        assert response.headers["location"] == "/"


class TestRouting:
    async def test_an_address_in_a_provider_domain_is_routed_to_it(self, client: httpx.AsyncClient,
                                                                   ystad_sso: dict) -> None:
        answer = (await client.get("/api/sso/discover", params={"email": "Bertil@Ystad.exempel.se"})).json()
        assert answer["provider"]["display_name"] == "Ystads konto"
        assert answer["provider"]["start_url"].startswith("/api/sso/start?email=")

    async def test_other_addresses_use_a_password(self, client: httpx.AsyncClient, ystad_sso: dict) -> None:
        answer = await client.get("/api/sso/discover", params={"email": "anna@ystad.test"})
        assert answer.json() == {"provider": None}

    async def test_the_authorization_request_uses_pkce_state_and_nonce(self, client: httpx.AsyncClient,
                                                                        ystad_sso: dict) -> None:
        query = parse_qs(urlsplit((await start(client)).headers["location"]).query)
        assert query["code_challenge_method"] == ["S256"] and len(query["code_challenge"][0]) == 43
        assert query["client_id"] == [CLIENT_ID] and query["state"] and query["nonce"]
        assert query["redirect_uri"] == ["http://127.0.0.1:8000/api/sso/callback"]


class TestSignOut:
    async def test_signing_out_ends_the_session_and_leads_to_the_providers_sign_out(
            self, client: httpx.AsyncClient, ystad_sso: dict, oidc_provider: OpenIdProvider) -> None:
        await sign_in(client)
        client.headers["X-CSRF-Token"] = (await client.get("/api/session")).json()["csrf_token"]
        answer = await client.post("/api/sso/logout")
        assert answer.status_code == 200
        url = urlsplit(answer.json()["redirect_url"])
        assert f"{url.scheme}://{url.netloc}" == oidc_provider.issuer
        query = parse_qs(url.query)
        assert query["post_logout_redirect_uri"] == ["http://127.0.0.1:8000/login"]
        assert query["id_token_hint"][0].count(".") == 2
        assert (await client.get("/api/session")).status_code == 401
        async with httpx.AsyncClient() as browser:  # the provider accepts the request (its own sign-out page)
            assert (await browser.get(answer.json()["redirect_url"])).status_code == 200

    async def test_a_password_session_signs_out_without_a_provider(self, client: httpx.AsyncClient,
                                                                   ystad: Tenant, ystad_sso: dict) -> None:
        await login(client, ystad.employee_email)
        answer = await client.post("/api/sso/logout")
        assert answer.json() == {"redirect_url": None}
        assert (await client.get("/api/session")).status_code == 401


def _without_secret(read: dict) -> dict:
    provider = read["provider"]
    return {k: v for k, v in provider.items() if k not in {"id", "client_secret_set"}}
