"""What goes by e-mail: each event of the other contexts, through the real API, read from the SMTP server."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import pytest

from backend import clock
from backend.bookings.reminders import queue_due_reminders
from backend.mail import channels
from backend.mail.service import save_choices
from backend.push.kinds import CHOOSABLE
from backend.push.outbox import notify_message
from backend.vocabulary import STOCKHOLM
from tests.backend.bookings.conftest import as_owner, as_requester, world  # noqa: F401 - fixtures by name
from tests.backend.bookings.helpers import days, today
from tests.backend.mail.conftest import APP_URL, plain_body
from tests.factories import login, make_unit, make_user

pytestmark = pytest.mark.anyio


async def by_email(app, user_id, *kinds: str, channel: str = "email") -> None:
    async with app.state.db.write():
        await save_choices(user_id, dict.fromkeys(kinds, channel))


def test_the_kinds_people_choose_for_are_pushs_kinds():
    assert channels.KINDS == CHOOSABLE


class TestBookings:
    async def test_a_request_and_its_answer_go_to_both_sides_by_email(self, app, as_requester, as_owner, world,
                                                                     inbox, mailer):
        await by_email(app, world.approver.employee, "booking_requested")
        await by_email(app, world.requester.employee, "booking_approved")
        booking = (await as_requester.post("/api/bookings", json={"listing_id": str(world.listing),
                                                                  "start": days(3), "end": days(5)})).json()
        assert (await mailer.run_until_idle())["sent"] == 1
        [request] = inbox.to(world.approver.employee_email)
        assert request["Subject"] == "Ny förfrågan" and f"{APP_URL}/bokningar/{booking['id']}" in plain_body(request)
        await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
        assert (await mailer.run_until_idle())["sent"] == 1
        [answer] = inbox.to(world.requester.employee_email)
        assert answer["Subject"] == "Din bokning är godkänd"

    async def test_an_english_reader_gets_the_answer_in_english(self, app, as_requester, as_owner, world, inbox,
                                                               mailer):
        await as_requester.put("/api/session/language", json={"language": "en"})
        await by_email(app, world.requester.employee, "booking_declined")
        booking = (await as_requester.post("/api/bookings", json={"listing_id": str(world.listing),
                                                                  "start": days(3), "end": days(5)})).json()
        await as_owner.post(f"/api/bookings/{booking['id']}/decline", json={"reason": "Behövs själva"})
        await mailer.run_until_idle()
        [answer] = inbox.to(world.requester.employee_email)
        assert answer["Subject"] == "Your request was declined" and "returned" in plain_body(answer)

    async def test_push_only_sends_no_email(self, app, as_requester, world, inbox, mailer):
        await as_requester.post("/api/bookings", json={"listing_id": str(world.listing), "start": days(3),
                                                       "end": days(5)})
        assert await mailer.run_until_idle() == {}
        assert inbox.received == []

    async def test_a_pickup_reminder_goes_by_email(self, app, as_requester, as_owner, world, inbox, mailer,
                                                  monkeypatch):
        await by_email(app, world.requester.employee, "pickup_due")
        booking = (await as_requester.post("/api/bookings", json={"listing_id": str(world.listing),
                                                                  "start": days(1), "end": days(3)})).json()
        await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
        morning = datetime.combine(today(), time(7, 30), tzinfo=STOCKHOLM)
        monkeypatch.setattr(clock, "now", lambda: morning)
        assert (await queue_due_reminders(app.state.db, morning))["pickup_due"] == 1
        await mailer.run_until_idle()
        [reminder] = inbox.to(world.requester.employee_email)
        assert reminder["Subject"] == "Hämtning i morgon"


class TestTransportAndWants:
    async def test_a_driver_gets_an_assigned_job_by_email(self, app, as_requester, as_owner, world, new_client,
                                                          inbox, mailer):
        await by_email(app, world.driver, "job_assigned")
        booking = (await as_requester.post("/api/bookings", json={
            "listing_id": str(world.listing), "start": days(2), "end": days(5),
            "delivery_address": "Skolgatan 3, 274 30 Skurup"})).json()
        await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
        coordinator = await new_client()
        await login(coordinator, world.coordinator_email)
        job = (await coordinator.get("/api/transport-jobs")).json()[0]
        assigned = await coordinator.post(f"/api/transport-jobs/{job['id']}/assign", json={
            "driver_id": str(world.driver), "day": days(2), "version": job["version"]})
        assert assigned.status_code == 200, assigned.text
        await mailer.run_until_idle()
        [mail] = inbox.to(world.driver_email)
        assert mail["Subject"] == "Nytt transportuppdrag" and "Skolgatan 3, 274 30 Skurup" in plain_body(mail)

    async def test_a_want_match_goes_by_email_with_a_link_to_the_listing(self, app, client, new_client, ystad,
                                                                         inbox, mailer):
        seeker = await new_client()
        unit = await make_unit(ystad.id, "Förskolan Solen")
        seeker_id = await make_user(ystad.id, unit, "letare@ystad.test")
        await by_email(app, seeker_id, "want_matched")
        await login(seeker, "letare@ystad.test")
        assert (await seeker.post("/api/wants", json={"text": "kontorsstolar"})).status_code == 201
        await login(client, ystad.employee_email)
        listing = (await client.post("/api/listings", json={"kind": "furniture", "deal": "give",
                                                            "title": "Tio kontorsstolar med hjul"})).json()
        await client.post(f"/api/listings/{listing['id']}/status",
                          json={"status": "published", "version": listing["version"]})
        await mailer.run_until_idle()
        [mail] = inbox.to("letare@ystad.test")
        assert mail["Subject"] == "Något du efterlyser finns nu"
        body = plain_body(mail)
        assert "Tio kontorsstolar med hjul matchar din efterlysning." in body
        assert f"{APP_URL}/annons/{listing['id']}" in body


class TestDigest:
    async def test_a_days_want_matches_come_in_one_email_the_next_morning(self, app, client, ystad, inbox, mailer,
                                                                          monkeypatch):
        await by_email(app, ystad.employee, "want_matched", channel="digest")
        day = datetime.combine(today(), time(10), tzinfo=STOCKHOLM)
        monkeypatch.setattr(clock, "now", lambda: day)
        async with app.state.db.write():
            for title in ("Soffa", "Skrivbord", "Hyllor"):
                await notify_message([ystad.employee], "want_matched", "want_matched", {"listing": title}, "/annons/1")
        assert await mailer.gather_digests() == 0 and await mailer.run_until_idle() == {}
        monkeypatch.setattr(clock, "now", lambda: day + timedelta(hours=21, minutes=30))  # 07:30 the next day
        assert await mailer.gather_digests() == 1
        assert await mailer.gather_digests() == 0
        assert (await mailer.run_until_idle())["sent"] == 1
        [digest] = inbox.to(ystad.employee_email)
        body = plain_body(digest)
        assert digest["Subject"].startswith("Delbar: det här hände")
        assert [line for line in body.splitlines() if line.startswith("* ")] == ["* Något du efterlyser finns nu"] * 3
        assert "Soffa matchar" in body and "Hyllor matchar" in body
        assert "k=digest" in digest["List-Unsubscribe"]

    async def test_the_daily_look_deletes_e_mails_finished_before_the_retention(self, app, client, ystad, inbox,
                                                                               mailer, monkeypatch):
        from backend.mail.outbox import queue
        from tests.backend.mail.test_worker import PARAMS, statuses

        start = datetime.combine(today(), time(10), tzinfo=STOCKHOLM)
        monkeypatch.setattr(clock, "now", lambda: start)
        async with app.state.db.write():
            await queue([ystad.employee], "booking_approved", "booking_approved", PARAMS, "/")
        await mailer.run_until_idle()
        monkeypatch.setattr(clock, "now", lambda: start + timedelta(days=mailer.settings.push_retention_days, hours=-2))
        await mailer.gather_digests()
        assert await statuses(app) == {"sent": 1}  # 08:00 that day: sent two hours less than the retention ago
        monkeypatch.setattr(clock, "now", lambda: start + timedelta(days=mailer.settings.push_retention_days + 1))
        await mailer.gather_digests()
        assert await statuses(app) == {}
