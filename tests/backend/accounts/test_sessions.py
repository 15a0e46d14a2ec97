"""Signing in and out: cookies, CSRF, rate limits, revocation, no user enumeration."""

from __future__ import annotations

import pytest

from backend.accounts.tables import LoginAttempt
from backend.app import create_app
from tests.clients import app_client
from tests.factories import PASSWORD, login, make_user

pytestmark = pytest.mark.anyio


class TestLogin:
    async def test_right_password_opens_a_session_with_a_safe_cookie(self, client, ystad):
        response = await client.post("/api/session", json={"email": ystad.employee_email, "password": PASSWORD})
        assert response.status_code == 201
        body = response.json()
        assert body["user"]["email"] == ystad.employee_email
        assert body["user"]["municipality"]["name"] == "Ystad"
        assert body["user"]["roles"] == ["employee"]
        assert len(body["csrf_token"]) >= 32
        cookie = response.headers["set-cookie"].lower()
        assert "delbar_session=" in cookie and "httponly" in cookie and "samesite=lax" in cookie
        assert "secure" not in cookie  # plain http here; https requests get Secure

    async def test_email_is_matched_without_case_or_spaces(self, client, ystad):
        response = await client.post("/api/session",
                                     json={"email": f"  {ystad.employee_email.upper()} ", "password": PASSWORD})
        assert response.status_code == 201

    async def test_https_requests_get_a_secure_cookie(self, app, ystad):
        async with app_client(app, base_url="https://delbar.test") as secure_client:
            response = await secure_client.post("/api/session",
                                                json={"email": ystad.employee_email, "password": PASSWORD})
        assert "secure" in response.headers["set-cookie"].lower()

    async def test_wrong_password_and_unknown_user_get_the_same_answer(self, client, ystad):
        wrong = await client.post("/api/session", json={"email": ystad.employee_email, "password": "nope"})
        unknown = await client.post("/api/session", json={"email": "ghost@ystad.test", "password": "nope"})
        assert wrong.status_code == unknown.status_code == 401
        assert wrong.json() == unknown.json() == {"error": "invalid_credentials",
                                                  "detail": "Wrong e-mail address or password."}

    async def test_deactivated_user_cannot_sign_in(self, client, ystad):
        await make_user(ystad.id, ystad.ame_unit, "gone@ystad.test", active=False)
        response = await client.post("/api/session", json={"email": "gone@ystad.test", "password": PASSWORD})
        assert response.status_code == 401
        assert response.json()["error"] == "invalid_credentials"

    async def test_sixth_wrong_password_in_a_minute_is_rate_limited(self, client, ystad):
        for _ in range(5):
            response = await client.post("/api/session", json={"email": ystad.employee_email, "password": "bad"})
            assert response.status_code == 401
        sixth = await client.post("/api/session", json={"email": ystad.employee_email, "password": PASSWORD})
        assert sixth.status_code == 429
        assert sixth.json()["error"] == "rate_limited"
        assert int(sixth.headers["retry-after"]) > 0

    async def test_failures_on_one_account_do_not_lock_another(self, client, ystad):
        for _ in range(5):
            await client.post("/api/session", json={"email": ystad.employee_email, "password": "bad"})
        other = await client.post("/api/session", json={"email": ystad.admin_email, "password": PASSWORD})
        assert other.status_code == 201

    async def test_many_accounts_from_one_address_are_limited_per_address(self, settings, ystad):
        from dataclasses import replace

        async with app_client(create_app(replace(settings, login_failures_per_address=8))) as strict:
            for n in range(8):
                guess = {"email": f"guess{n}@ystad.test", "password": "bad"}
                assert (await strict.post("/api/session", json=guess)).status_code == 401
            response = await strict.post("/api/session", json={"email": ystad.admin_email, "password": PASSWORD})
        assert response.status_code == 429

    async def test_failed_attempts_store_no_email_address(self, client, ystad):
        await client.post("/api/session", json={"email": ystad.employee_email, "password": "bad"})
        keys = await LoginAttempt.select(LoginAttempt.account_key).output(as_list=True)
        assert len(keys) == 1 and "@" not in keys[0]

    async def test_cross_site_login_post_is_refused(self, client, ystad):
        response = await client.post("/api/session", json={"email": ystad.employee_email, "password": PASSWORD},
                                     headers={"Origin": "https://evil.example"})
        assert response.status_code == 403


class TestSession:
    async def test_no_cookie_means_not_signed_in(self, client):
        response = await client.get("/api/session")
        assert response.status_code == 401
        assert response.json()["error"] == "not_authenticated"

    async def test_session_answers_who_i_am_and_the_csrf_token(self, client, ystad):
        token = await login(client, ystad.employee_email)
        body = (await client.get("/api/session")).json()
        assert body["user"]["email"] == ystad.employee_email and body["csrf_token"] == token

    async def test_forged_cookie_is_not_a_session(self, client, ystad):
        client.cookies.set("delbar_session", "forged-token")
        assert (await client.get("/api/session")).status_code == 401

    async def test_session_survives_an_app_restart(self, client, ystad, settings):
        await login(client, ystad.employee_email)
        async with app_client(create_app(settings)) as restarted:
            restarted.cookies = client.cookies
            assert (await restarted.get("/api/session")).status_code == 200

    async def test_logout_revokes_the_session(self, client, ystad):
        await login(client, ystad.employee_email)
        cookie = client.cookies.get("delbar_session")
        assert (await client.delete("/api/session")).status_code == 204
        client.cookies.set("delbar_session", cookie)
        assert (await client.get("/api/session")).status_code == 401


class TestCsrf:
    async def test_write_without_token_is_refused(self, client, ystad):
        await login(client, ystad.admin_email)
        del client.headers["X-CSRF-Token"]
        response = await client.post("/api/units", json={"name": "Ny enhet"})
        assert response.status_code == 403
        assert "CSRF" in response.json()["detail"]

    async def test_write_with_another_sessions_token_is_refused(self, client, new_client, ystad):
        other = await new_client()
        other_token = await login(other, ystad.employee_email)
        await login(client, ystad.admin_email)
        response = await client.post("/api/units", json={"name": "Ny enhet"}, headers={"X-CSRF-Token": other_token})
        assert response.status_code == 403

    async def test_write_with_the_token_is_accepted(self, client, ystad):
        await login(client, ystad.admin_email)
        assert (await client.post("/api/units", json={"name": "Ny enhet"})).status_code == 201


class TestPasswordChange:
    async def test_change_signs_out_other_devices_but_not_this_one(self, client, new_client, ystad):
        phone = await new_client()
        await login(phone, ystad.employee_email)
        await login(client, ystad.employee_email)
        response = await client.post("/api/session/password",
                                     json={"current_password": PASSWORD, "new_password": "a much longer secret"})
        assert response.status_code == 204
        assert (await phone.get("/api/session")).status_code == 401
        assert (await client.get("/api/session")).status_code == 200
        fresh = await new_client()
        new_password = {"email": ystad.employee_email, "password": "a much longer secret"}
        assert (await fresh.post("/api/session", json=new_password)).status_code == 201

    async def test_wrong_current_password_changes_nothing(self, client, ystad):
        await login(client, ystad.employee_email)
        response = await client.post("/api/session/password",
                                     json={"current_password": "wrong", "new_password": "a much longer secret"})
        assert response.status_code == 400 and response.json()["error"] == "wrong_password"

    async def test_short_new_password_is_refused(self, client, ystad):
        await login(client, ystad.employee_email)
        response = await client.post("/api/session/password",
                                     json={"current_password": PASSWORD, "new_password": "short"})
        assert response.status_code == 400


class TestDevices:
    async def test_lists_my_sessions_and_marks_the_current_one(self, client, new_client, ystad):
        await login(await new_client(), ystad.employee_email)
        await login(client, ystad.employee_email)
        sessions = (await client.get("/api/sessions")).json()
        assert len(sessions) == 2 and sum(s["current"] for s in sessions) == 1

    async def test_revoking_another_users_session_in_another_municipality_is_not_found(self, client, new_client, ystad,
                                                                                         skurup):
        ystad_client = await new_client()
        await login(ystad_client, ystad.admin_email)
        ystad_session = (await ystad_client.get("/api/sessions")).json()[0]["id"]
        await login(client, skurup.admin_email)
        assert (await client.delete(f"/api/sessions/{ystad_session}")).status_code == 404
        assert (await ystad_client.get("/api/session")).status_code == 200
