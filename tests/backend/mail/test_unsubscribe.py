"""The signed one-click unsubscribe link (RFC 8058): no sign-in, GET asks, POST turns that e-mail off."""

from __future__ import annotations

import pytest

from backend.mail.outbox import channels_for
from backend.mail.service import save_choices
from tests.backend.mail.conftest import APP_URL
from tests.backend.mail.test_worker import queue_approved
from tests.factories import login

pytestmark = pytest.mark.anyio


async def link_for(app, ystad, inbox, mailer) -> str:
    await queue_approved(app, ystad.employee)
    await mailer.run_until_idle()
    [message] = inbox.to(ystad.employee_email)
    return message["List-Unsubscribe"].strip("<>").removeprefix(APP_URL)


async def choose(app, user_id, channels: dict[str, str]) -> None:
    async with app.state.db.write():
        await save_choices(user_id, channels)


async def channel(app, user_id, kind: str) -> str:
    async with app.state.db.read():
        return (await channels_for([user_id], kind))[user_id]


class TestUnsubscribe:
    async def test_get_asks_first_and_changes_nothing(self, app, client, ystad, inbox, mailer):
        await choose(app, ystad.employee, {"booking_approved": "both"})
        link = await link_for(app, ystad, inbox, mailer)
        page = await client.get(link)
        assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
        assert "Vill du sluta få e-post om godkända bokningar från Delbar?" in page.text
        assert '<form method="post">' in page.text
        assert await channel(app, ystad.employee, "booking_approved") == "both"

    async def test_one_click_post_turns_that_kind_of_mail_off_and_keeps_push(self, app, client, ystad, inbox,
                                                                              mailer):
        await choose(app, ystad.employee, {"booking_approved": "both", "want_matched": "email"})
        link = await link_for(app, ystad, inbox, mailer)
        answer = await client.post(link, content=b"List-Unsubscribe=One-Click",
                                   headers={"content-type": "application/x-www-form-urlencoded"})
        assert answer.status_code == 200 and "Du får inte längre e-post om godkända bokningar" in answer.text
        assert await channel(app, ystad.employee, "booking_approved") == "push"
        assert await channel(app, ystad.employee, "want_matched") == "email"

    async def test_email_only_becomes_none(self, app, client, ystad, inbox, mailer):
        await choose(app, ystad.employee, {"booking_approved": "email"})
        link = await link_for(app, ystad, inbox, mailer)
        assert (await client.post(link)).status_code == 200
        assert await channel(app, ystad.employee, "booking_approved") == "none"

    async def test_page_is_in_the_persons_language(self, app, client, ystad, inbox, mailer):
        await login(client, ystad.employee_email)
        await client.put("/api/session/language", json={"language": "en"})
        link = await link_for(app, ystad, inbox, mailer)
        page = await client.get(link)
        assert '<html lang="en">' in page.text and "stop e-mails about approved bookings" in page.text

    async def test_a_changed_signature_or_kind_is_refused(self, app, client, ystad, inbox, mailer):
        await choose(app, ystad.employee, {"booking_approved": "email"})
        link = await link_for(app, ystad, inbox, mailer)
        forged = link.replace("k=booking_approved", "k=want_matched")
        assert (await client.post(forged)).status_code == 404
        assert (await client.get(link[:-3] + "AAA")).status_code == 404
        assert await channel(app, ystad.employee, "booking_approved") == "email"
