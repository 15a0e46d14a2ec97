"""The outbox and the worker against a real SMTP server (aiosmtpd): what a mailbox would receive."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from urllib.parse import parse_qs, urlsplit

import pytest

from backend import clock
from backend.mail.outbox import queue
from backend.mail.repository import OutboxRepository
from backend.mail.tables import MailMessage
from backend.mail.worker import MailWorker
from tests.backend.mail.conftest import APP_URL, html_body, plain_body
from tests.factories import login

pytestmark = pytest.mark.anyio

PARAMS = {"listing": "Kontorsstol", "period": {"period": ["2026-12-10", "2026-12-14"]}}


async def queue_approved(app, user_id, url: str = "/bokningar/1") -> None:
    async with app.state.db.write():
        await queue([user_id], "booking_approved", "booking_approved", PARAMS, url)


async def statuses(app) -> dict[str, int]:
    async with app.state.db.read():
        return await OutboxRepository().count_by_status()


def move_clock(monkeypatch, by: timedelta) -> None:
    now = clock.now() + by
    monkeypatch.setattr(clock, "now", lambda: now)


class TestMessage:
    async def test_headers_name_the_person_and_offer_one_click_unsubscribe(self, app, client, ystad, inbox, mailer):
        await queue_approved(app, ystad.employee)
        assert (await mailer.run_until_idle())["sent"] == 1
        [message] = inbox.to(ystad.employee_email)
        assert message["To"] == ystad.employee_email and message["From"] == "Delbar <noreply@delbar.test>"
        assert message["Subject"] == "Din bokning är godkänd"
        assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
        link = message["List-Unsubscribe"].strip("<>")
        assert link.startswith(f"{APP_URL}/api/mail/unsubscribe?")
        assert parse_qs(urlsplit(link).query)["k"] == ["booking_approved"]
        assert message["Message-ID"].endswith("@delbar.test>") and message["Content-Language"] == "sv"
        assert message.get_content_type() == "multipart/alternative"

    async def test_swedish_reader_gets_swedish_text_and_html_with_a_link_into_the_app(self, app, client, ystad,
                                                                                     inbox, mailer):
        await queue_approved(app, ystad.employee)
        await mailer.run_until_idle()
        [message] = inbox.to(ystad.employee_email)
        text = plain_body(message)
        assert text.splitlines()[:3] == ["Din bokning är godkänd", "",
                                         "Kontorsstol, 10 dec 2026, återlämnas 14 dec 2026."]
        assert f"Öppna i Delbar: {APP_URL}/bokningar/1" in text
        assert "Sluta skicka e-post om godkända bokningar" in text
        html = html_body(message)
        assert '<html lang="sv">' in html and f'href="{APP_URL}/bokningar/1"' in html

    async def test_english_reader_gets_english_text(self, app, client, ystad, inbox, mailer):
        await login(client, ystad.employee_email)
        assert (await client.put("/api/session/language", json={"language": "en"})).status_code == 200
        await queue_approved(app, ystad.employee)
        await mailer.run_until_idle()
        [message] = inbox.to(ystad.employee_email)
        assert message["Subject"] == "Your booking is approved" and message["Content-Language"] == "en"
        text = plain_body(message)
        assert "Kontorsstol, 10 Dec 2026, returned 14 Dec 2026." in text
        assert f"Open in Delbar: {APP_URL}/bokningar/1" in text and "Stop e-mails about approved bookings" in text
        assert '<html lang="en">' in html_body(message)

    async def test_text_in_html_is_escaped(self, app, client, ystad, inbox, mailer):
        async with app.state.db.write():
            await queue([ystad.employee], "booking_approved", "booking_approved",
                        PARAMS | {"listing": "<script>alert(1)</script>"}, "/bokningar/1")
        await mailer.run_until_idle()
        html = html_body(inbox.to(ystad.employee_email)[0])
        assert "<script>" not in html and "&lt;script&gt;" in html


class TestFailures:
    async def test_temporary_refusal_is_retried_later_and_then_delivered(self, app, client, ystad, inbox, mailer,
                                                                         monkeypatch):
        inbox.refuse_data[ystad.employee_email] = ["451 4.3.0 Try again later"]
        await queue_approved(app, ystad.employee)
        assert (await mailer.run_until_idle())["retry"] == 1
        assert inbox.to(ystad.employee_email) == [] and await statuses(app) == {"pending": 1}
        assert (await mailer.run_until_idle()) == {}  # not due yet: it waits for its backoff
        move_clock(monkeypatch, timedelta(minutes=5))
        assert (await mailer.run_until_idle())["sent"] == 1
        assert len(inbox.to(ystad.employee_email)) == 1 and await statuses(app) == {"sent": 1}

    async def test_permanent_refusal_is_recorded_and_not_retried(self, app, client, ystad, inbox, mailer,
                                                                 monkeypatch):
        inbox.refuse_data[ystad.employee_email] = ["554 5.6.0 Message rejected"]
        await queue_approved(app, ystad.employee)
        assert (await mailer.run_until_idle())["refused"] == 1
        move_clock(monkeypatch, timedelta(days=1))
        assert (await mailer.run_until_idle()) == {}
        [row] = await MailMessage.select(MailMessage.status, MailMessage.last_error, MailMessage.attempts)
        assert row == {"status": "refused", "last_error": "554 5.6.0 Message rejected", "attempts": 1}

    async def test_refused_recipient_is_recorded_as_a_bounce(self, app, client, ystad, inbox, mailer):
        inbox.refuse_rcpt[ystad.employee_email] = "550 5.1.1 No such mailbox"
        await queue_approved(app, ystad.employee)
        await queue_approved(app, ystad.admin)
        counts = await mailer.run_until_idle()
        assert counts == {"bounced": 1, "sent": 1}
        assert len(inbox.to(ystad.admin_email)) == 1  # the connection goes on after a refused recipient
        [row] = await MailMessage.select(MailMessage.last_error).where(MailMessage.status == "bounced")
        assert row["last_error"].startswith("550 5.1.1")

    async def test_server_down_keeps_the_mail_queued(self, app, client, ystad, inbox, mailer):
        await queue_approved(app, ystad.employee)
        closed = MailWorker(app.state.db, mailer.settings, type(mailer.sender)(
            type(mailer.sender.config)("127.0.0.1", 1, "none", timeout=2)))
        assert (await closed.run_until_idle())["retry"] == 1
        assert await statuses(app) == {"pending": 1}

    async def test_gives_up_after_the_last_attempt(self, app, client, ystad, inbox, mailer, monkeypatch):
        inbox.refuse_data[ystad.employee_email] = ["421 4.7.0 Busy"] * 20
        await queue_approved(app, ystad.employee)
        for _ in range(mailer.config.max_attempts):
            await mailer.run_until_idle()
            move_clock(monkeypatch, timedelta(days=1))
        assert await statuses(app) == {"failed": 1} and inbox.to(ystad.employee_email) == []


class TestOnce:
    async def test_two_workers_at_once_send_each_mail_once(self, app, client, ystad, inbox, mailer):
        async with app.state.db.write():
            await queue([ystad.employee, ystad.admin] * 1, "booking_approved", "booking_approved", PARAMS, "/")
            for n in range(30):
                await queue([ystad.employee], "booking_approved", "booking_approved",
                            PARAMS | {"listing": f"Stol {n}"}, "/")
        other = MailWorker(app.state.db, mailer.settings, mailer.sender, mailer.config)
        first, second = await asyncio.gather(mailer.run_until_idle(), other.run_until_idle())
        assert first["sent"] + second["sent"] == 32
        bodies = [plain_body(m).splitlines()[2] for m in inbox.to(ystad.employee_email)]
        assert len(bodies) == 31 and len(set(bodies)) == 31
        assert await statuses(app) == {"sent": 32}

    async def test_a_leased_mail_is_not_claimed_again_until_its_lease_ends(self, app, client, ystad, monkeypatch):
        await queue_approved(app, ystad.employee)
        repository, now = OutboxRepository(), clock.now()
        async with app.state.db.write():
            assert len(await repository.claim(now, 10, now + timedelta(minutes=5))) == 1
        async with app.state.db.write():
            assert await repository.claim(now, 10, now + timedelta(minutes=5)) == []
        later = now + timedelta(minutes=6)
        async with app.state.db.write():
            assert len(await repository.claim(later, 10, later + timedelta(minutes=5))) == 1

    async def test_queue_outside_a_transaction_is_refused(self, app, client, ystad):
        with pytest.raises(RuntimeError):
            await queue([ystad.employee], "booking_approved", "booking_approved", PARAMS, "/")
