"""Password links by e-mail: a reset for a forgotten password and an invitation, read from the SMTP server."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from backend import clock
from backend.mail.tables import MailMessage, MailToken
from tests.backend.mail.conftest import APP_URL, plain_body
from tests.factories import PASSWORD, login

pytestmark = pytest.mark.anyio
NEW_PASSWORD = "ett-nytt-langt-losenord"


def token_in(message) -> str:
    link = next(line for line in plain_body(message).splitlines() if f"{APP_URL}/losenord?" in line)
    return parse_qs(urlsplit(link.split(": ", 1)[1]).query)["nyckel"][0]


async def ask_reset(client, email: str):
    return await client.post("/api/password-links", json={"email": email})


class TestReset:
    async def test_the_answer_is_the_same_whether_or_not_the_address_has_an_account(self, client, ystad, inbox,
                                                                                   mailer):
        known, unknown = await ask_reset(client, ystad.employee_email), await ask_reset(client, "ingen@ystad.test")
        assert known.status_code == unknown.status_code == 202 and known.json() == unknown.json()
        await mailer.run_until_idle()
        assert [r.rcpt_tos for r in inbox.received] == [[ystad.employee_email]]

    async def test_the_link_sets_a_new_password_once(self, client, new_client, ystad, inbox, mailer):
        await ask_reset(client, ystad.employee_email.upper())
        await mailer.run_until_idle()
        [message] = inbox.to(ystad.employee_email)
        assert message["Subject"] == "Välj ett nytt lösenord till Delbar" and "List-Unsubscribe" not in message
        token = token_in(message)
        seen = await client.get(f"/api/password-links/{token}")
        assert seen.status_code == 200 and seen.json() == {"purpose": "reset", "email": ystad.employee_email}
        done = await client.post("/api/password-links/password", json={"token": token, "password": NEW_PASSWORD})
        assert done.status_code == 204, done.text
        browser = await new_client()
        await login(browser, ystad.employee_email, NEW_PASSWORD)
        again = await client.post("/api/password-links/password", json={"token": token, "password": "x" * 12})
        assert again.status_code == 400 and again.json()["error"] == "invalid_link"
        assert (await client.get(f"/api/password-links/{token}")).status_code == 400

    async def test_a_guessed_or_malformed_link_is_refused(self, client, ystad):
        guessed = await client.get("/api/password-links/" + "A" * 43)
        assert guessed.status_code == 400 and guessed.json()["error"] == "invalid_link"
        malformed = await client.get("/api/password-links/not.a.token.at.all.ics")
        assert malformed.status_code == 400 and malformed.json()["error"] == "invalid_request"

    async def test_setting_a_password_ends_the_sessions_the_person_had(self, client, ystad, inbox, mailer):
        await login(client, ystad.employee_email)
        await ask_reset(client, ystad.employee_email)
        await mailer.run_until_idle()
        token = token_in(inbox.to(ystad.employee_email)[0])
        await client.post("/api/password-links/password", json={"token": token, "password": NEW_PASSWORD})
        assert (await client.get("/api/session")).status_code == 401

    async def test_a_link_older_than_an_hour_no_longer_works(self, client, ystad, inbox, mailer, monkeypatch):
        await ask_reset(client, ystad.employee_email)
        await mailer.run_until_idle()
        token = token_in(inbox.to(ystad.employee_email)[0])
        later = clock.now() + timedelta(minutes=61)
        monkeypatch.setattr(clock, "now", lambda: later)
        answer = await client.post("/api/password-links/password", json={"token": token, "password": NEW_PASSWORD})
        assert answer.status_code == 400 and answer.json()["error"] == "invalid_link"

    async def test_only_a_hash_of_the_token_is_stored_and_the_sent_mail_forgets_the_link(self, client, ystad, inbox,
                                                                                         mailer):
        await ask_reset(client, ystad.employee_email)
        await mailer.run_until_idle()
        token = token_in(inbox.to(ystad.employee_email)[0])
        [stored] = await MailToken.select(MailToken.token_hash)
        assert token not in stored["token_hash"] and len(stored["token_hash"]) == 64
        [row] = await MailMessage.select(MailMessage.url, MailMessage.status)
        assert row == {"url": "", "status": "sent"}

    async def test_an_account_gets_at_most_three_links_an_hour(self, client, ystad, inbox, mailer):
        for _ in range(5):
            assert (await ask_reset(client, ystad.employee_email)).status_code == 202
        await mailer.run_until_idle()
        assert len(inbox.to(ystad.employee_email)) == 3

    async def test_one_client_asking_for_many_addresses_is_slowed_down(self, client, ystad):
        answers = [(await ask_reset(client, f"person{n}@ystad.test")).status_code for n in range(21)]
        assert answers[:20] == [202] * 20 and answers[20] == 429

    async def test_a_deactivated_account_gets_no_link(self, client, new_client, ystad, inbox, mailer):
        admin = await new_client()
        await login(admin, ystad.admin_email)
        user = (await admin.get(f"/api/users/{ystad.employee}")).json()
        await admin.patch(f"/api/users/{ystad.employee}", json={"version": user["version"], "active": False})
        assert (await ask_reset(client, ystad.employee_email)).status_code == 202
        await mailer.run_until_idle()
        assert inbox.received == []

    async def test_a_short_password_is_refused_before_the_link_is_spent(self, client, ystad, inbox, mailer):
        await ask_reset(client, ystad.employee_email)
        await mailer.run_until_idle()
        token = token_in(inbox.to(ystad.employee_email)[0])
        short = await client.post("/api/password-links/password", json={"token": token, "password": "kort"})
        assert short.status_code == 400
        assert (await client.get(f"/api/password-links/{token}")).status_code == 200


class TestInvitation:
    async def invite(self, admin, ystad, email="ny@ystad.test", language="sv"):
        return await admin.post("/api/invitations", json={
            "email": email, "name": "Nora Ny", "unit_id": str(ystad.admin_unit), "roles": ["employee"],
            "language": language})

    async def test_an_invited_person_chooses_their_password_from_the_email_and_signs_in(
            self, client, new_client, ystad, inbox, mailer):
        admin = await new_client()
        await login(admin, ystad.admin_email)
        made = await self.invite(admin, ystad)
        assert made.status_code == 201, made.text
        assert set(made.json()) == {"user_id", "email", "expires_in_days"}  # no password anywhere
        await mailer.run_until_idle()
        [message] = inbox.to("ny@ystad.test")
        assert message["Subject"] == "Du är inbjuden till Delbar"
        assert "har bjudit in dig till Delbar, Ystads tjänst" in plain_body(message)
        token = token_in(message)
        assert (await client.get(f"/api/password-links/{token}")).json()["purpose"] == "invite"
        assert (await client.post("/api/password-links/password",
                                  json={"token": token, "password": NEW_PASSWORD})).status_code == 204
        await login(client, "ny@ystad.test", NEW_PASSWORD)

    async def test_the_invitation_is_in_the_language_the_admin_chose(self, new_client, ystad, inbox, mailer):
        admin = await new_client()
        await login(admin, ystad.admin_email)
        await self.invite(admin, ystad, language="en")
        await mailer.run_until_idle()
        [message] = inbox.to("ny@ystad.test")
        assert message["Subject"] == "You are invited to Delbar" and "Choose a password: " in plain_body(message)

    async def test_only_admins_invite_and_an_address_in_use_is_refused(self, client, new_client, ystad, inbox):
        await login(client, ystad.employee_email)
        assert (await self.invite(client, ystad)).status_code == 403
        admin = await new_client()
        await login(admin, ystad.admin_email)
        taken = await self.invite(admin, ystad, email=ystad.employee_email)
        assert taken.status_code == 409

    async def test_nobody_can_sign_in_before_choosing_a_password(self, client, new_client, ystad):
        admin = await new_client()
        await login(admin, ystad.admin_email)
        await self.invite(admin, ystad)
        answer = await client.post("/api/session", json={"email": "ny@ystad.test", "password": PASSWORD})
        assert answer.status_code == 401
