"""The day-before reminders: real bookings made through the API, the job run on the real database."""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from datetime import UTC, datetime, time, timedelta

import pytest

from backend import clock
from backend.bookings.reminders import queue_due_reminders
from backend.messages import day_text
from backend.push.daily_repository import ReminderKeyRepository
from backend.push.tables import Notification
from tests.backend.bookings.helpers import days, make_listing, today
from tests.backend.push.conftest import (  # noqa: F401 - fixtures shared by name
    add_device,
    book,
    emulator,
    reminders,
    sides,
    worker,
)
from tests.factories import login, make_unit, make_user

pytestmark = pytest.mark.anyio


class Lockstep:
    """Holds each of two tasks at a step until the other has taken as many, for at most half a
    second: on SQLite the second writer cannot begin before the first commits."""

    def __init__(self) -> None:
        self.steps: Counter = Counter()
        self.changed = asyncio.Condition()

    async def step(self) -> None:
        me = asyncio.current_task()
        async with self.changed:
            self.steps[me] += 1
            self.changed.notify_all()
            caught_up = lambda: len(self.steps) == 2 and min(self.steps.values()) >= self.steps[me]  # noqa: E731
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self.changed.wait_for(caught_up), 0.5)


def move_clock(monkeypatch, to: datetime) -> None:
    monkeypatch.setattr(clock, "now", lambda: to)


class TestPickupDue:
    async def test_a_booking_starting_tomorrow_is_reminded_once_however_often_the_job_runs(self, app, sides, skurup):
        requester, owner, listing = sides
        booking = await book(requester, owner, listing, 1, 4, "approve")
        first = await queue_due_reminders(app.state.db)
        second = await queue_due_reminders(app.state.db)
        assert (first, second) == ({"pickup_due": 1}, {})
        [note] = await reminders()
        assert note["user"] == skurup.employee and note["kind"] == "pickup_due"
        assert note["title"] == "Hämtning i morgon" and note["url"] == f"/bokningar/{booking['id']}"
        assert note["tag"] == f"booking-{booking['id']}"
        tomorrow = today() + timedelta(days=1)
        assert f"Projektor börjar i morgon, {day_text(tomorrow, 'sv', weekday=True)}" in note["body"]
        assert "Arbetsmarknadsenheten, Ystad" in note["body"]  # another municipality's unit is named with it

    async def test_two_jobs_at_the_same_moment_queue_one_reminder(self, app, sides, monkeypatch):
        requester, owner, listing = sides
        await book(requester, owner, listing, 1, 4, "approve")
        lockstep, existing = Lockstep(), ReminderKeyRepository.existing

        async def in_step(self, keys):
            found = await existing(self, keys)
            await lockstep.step()  # both have looked before either stores its keys
            return found

        monkeypatch.setattr(ReminderKeyRepository, "existing", in_step)
        results = await asyncio.gather(queue_due_reminders(app.state.db), queue_due_reminders(app.state.db))
        assert sum(r["pickup_due"] for r in results) == 1
        assert len(await reminders()) == 1

    async def test_it_comes_the_day_before_not_earlier(self, app, sides, monkeypatch):
        requester, owner, listing = sides
        await book(requester, owner, listing, 3, 6, "approve")
        assert await queue_due_reminders(app.state.db) == {}
        move_clock(monkeypatch, clock.now() + timedelta(days=2))
        assert await queue_due_reminders(app.state.db) == {"pickup_due": 1}

    async def test_tomorrow_is_swedish_local_time(self, app, sides, monkeypatch):
        requester, owner, listing = sides
        await book(requester, owner, listing, 2, 4, "approve")
        start = today() + timedelta(days=2)
        # 23:30 UTC two days before is already the day before `start` in Stockholm (UTC+1 or +2).
        move_clock(monkeypatch, datetime.combine(start - timedelta(days=2), time(23, 30), tzinfo=UTC))
        assert await queue_due_reminders(app.state.db) == {"pickup_due": 1}

    async def test_a_delivered_booking_says_where_it_is_delivered(self, app, sides):
        requester, owner, listing = sides
        response = await requester.post("/api/bookings", json={"listing_id": str(listing), "start": days(1),
                                                               "end": days(3), "delivery_address": "Skolgatan 3"})
        assert (await owner.post(f"/api/bookings/{response.json()['id']}/approve", json={})).status_code == 200
        await queue_due_reminders(app.state.db)
        [note] = await reminders()
        assert note["title"] == "Leverans i morgon" and "levereras till Skolgatan 3" in note["body"]

    async def test_requested_declined_and_cancelled_bookings_are_not_reminded(self, app, sides):
        requester, owner, listing = sides
        await book(requester, owner, listing, 1, 2, "decline")
        await book(requester, owner, listing, 1, 3, "approve", "cancel")
        await book(requester, owner, listing, 1, 2)  # still only requested
        assert await queue_due_reminders(app.state.db) == {}
        assert await reminders() == []


class TestReturnDue:
    async def test_a_loan_ending_tomorrow_is_reminded_to_the_borrower(self, app, sides, skurup, ystad, monkeypatch):
        requester, owner, listing = sides
        await book(requester, owner, listing, 1, 5, "approve", "fulfil")
        move_clock(monkeypatch, clock.now() + timedelta(days=4))  # the return day (the end) is tomorrow
        assert await queue_due_reminders(app.state.db) == {"return_due": 1}
        assert await queue_due_reminders(app.state.db) == {}
        [note] = await reminders()
        assert note["user"] == skurup.employee and note["title"] == "Återlämning i morgon"
        assert "Projektor ska lämnas tillbaka i morgon" in note["body"]
        assert not await Notification.exists().where(Notification.user == ystad.employee,
                                                     Notification.kind == "return_due")

    async def test_a_returned_loan_and_a_give_have_nothing_to_return(self, app, sides, ystad, monkeypatch):
        requester, owner, listing = sides
        await book(requester, owner, listing, 1, 2, "approve", "fulfil", "return")
        gift, _ = await make_listing(ystad, deal="give", title="Soffa")
        await book(requester, owner, gift, 2, None, "approve")
        move_clock(monkeypatch, clock.now() + timedelta(days=1))  # the loan's return day and the gift's first day
        assert await queue_due_reminders(app.state.db) == {"pickup_due": 1}  # the sofa: collected, never returned
        day = day_text(today() + timedelta(days=1), "sv", weekday=True)
        assert [n["body"] for n in await reminders()] == [
            f"Din bokning av Soffa börjar i morgon, {day}. Hämta hos Arbetsmarknadsenheten, Ystad."]


class TestMunicipalities:
    async def test_each_municipalitys_bookings_remind_only_their_own_borrowers(self, app, client, new_client, ystad,
                                                                               skurup):
        ystad_borrower = await make_user(ystad.id, await make_unit(ystad.id, "Skolan"), "larare@ystad.test")
        skurup_borrower = await make_user(skurup.id, await make_unit(skurup.id, "Biblioteket"), "bibl@skurup.test")
        for tenant, email, title in ((ystad, "larare@ystad.test", "Ystads projektor"),
                                     (skurup, "bibl@skurup.test", "Skurups tält")):
            listing, _ = await make_listing(tenant, title=title, visibility="municipality")
            requester, owner = await new_client(), await new_client()
            await login(requester, email)
            await login(owner, tenant.employee_email)
            await book(requester, owner, listing, 1, 3, "approve")
        assert await queue_due_reminders(app.state.db) == {"pickup_due": 2}
        by_user = {n["user"]: n["body"] for n in await reminders()}
        assert set(by_user) == {ystad_borrower, skurup_borrower}
        assert "Ystads projektor" in by_user[ystad_borrower] and "Skurups tält" in by_user[skurup_borrower]
        # In the borrower's own municipality the unit is named without it.
        assert by_user[skurup_borrower].endswith("Hämta hos Arbetsmarknadsenheten.")
        assert "Ystad" not in by_user[skurup_borrower] and "Skurup" not in by_user[ystad_borrower]
        await login(client, "bibl@skurup.test")
        entries = (await client.get("/api/notifications")).json()["items"]
        assert [e["kind"] for e in entries] == ["pickup_due", "booking_approved"]
        assert "Skurups tält" in entries[0]["body"]


class TestDelivered:
    async def test_the_reminder_reaches_the_borrowers_phone(self, app, sides, emulator, worker):
        requester, owner, listing = sides
        phone = await add_device(requester, emulator)
        owner_phone = await add_device(owner, emulator)
        booking = await book(requester, owner, listing, 1, 3, "approve")
        await worker.run_until_idle()  # the approval itself
        await queue_due_reminders(app.state.db)
        assert (await worker.run_until_idle())["sent"] == 1
        assert [p["kind"] for p in phone.payloads()] == ["booking_approved", "pickup_due"]
        payload = phone.payloads()[-1]
        assert payload["title"] == "Hämtning i morgon" and payload["url"] == f"/bokningar/{booking['id']}"
        assert payload["tag"] == f"booking-{booking['id']}"
        assert [p["kind"] for p in owner_phone.payloads()] == ["booking_requested"]

    async def test_a_borrower_who_turned_the_kind_off_gets_it_in_the_list_only(self, app, sides, emulator, worker):
        requester, owner, listing = sides
        phone = await add_device(requester, emulator)
        kinds = (await requester.get("/api/push/preferences")).json()["kinds"] | {"pickup_due": False}
        assert (await requester.put("/api/push/preferences", json={"version": 1, "kinds": kinds})).status_code == 200
        await book(requester, owner, listing, 1, 3, "approve")
        await queue_due_reminders(app.state.db)
        await worker.run_until_idle()
        assert [p["kind"] for p in phone.payloads()] == ["booking_approved"]
        kinds = [n["kind"] for n in (await requester.get("/api/notifications")).json()["items"]]
        assert kinds == ["pickup_due", "booking_approved"]
