"""The daily job as the app runs it: when it reminds, how often it cleans up, and that it runs."""

from __future__ import annotations

import asyncio
from datetime import datetime, time, timedelta

import pytest

from backend import clock
from backend.app import REMINDERS
from backend.push.daily import DailyJobs
from backend.push.lifespan import PushLifespan
from backend.push.tables import Notification
from backend.settings import Settings
from backend.vocabulary import STOCKHOLM
from tests.backend.bookings.helpers import today
from tests.backend.push.conftest import book, queued, reminders

pytestmark = pytest.mark.anyio


def local(day_offset: int, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(today() + timedelta(days=day_offset), time(hour, minute), tzinfo=STOCKHOLM)


def at(monkeypatch, when: datetime) -> datetime:
    monkeypatch.setattr(clock, "now", lambda: when)
    return when


class TestTick:
    async def test_reminders_wait_for_the_morning_then_come_once(self, app, sides, monkeypatch):
        requester, owner, listing = sides
        await book(requester, owner, listing, 1, 3, "approve")
        jobs = DailyJobs(app.state.db, retention_days=90, reminders=REMINDERS)
        assert await jobs.tick(at(monkeypatch, local(0, 6, 59))) == {}
        assert await jobs.tick(at(monkeypatch, local(0, 7, 0))) == {"pickup_due": 1}
        assert await jobs.tick(at(monkeypatch, local(0, 7, 5))) == {}
        assert len(await reminders()) == 1

    async def test_a_booking_approved_after_the_morning_run_is_reminded_at_the_next_look(self, app, sides,
                                                                                        monkeypatch):
        requester, owner, listing = sides
        jobs = DailyJobs(app.state.db, retention_days=90, reminders=REMINDERS)
        assert await jobs.tick(at(monkeypatch, local(0, 7, 0))) == {}
        await book(requester, owner, listing, 1, 3, "approve")
        assert await jobs.tick(at(monkeypatch, local(0, 15, 0))) == {"pickup_due": 1}

    async def test_the_clean_up_runs_once_a_day(self, app, client, ystad, monkeypatch):
        jobs = DailyJobs(app.state.db, retention_days=90, reminders=REMINDERS)
        await queued(app, monkeypatch, ystad.employee, "Gammal", 91)
        assert await jobs.tick(at(monkeypatch, local(0, 3, 0))) == {"notifications_deleted": 1}
        await queued(app, monkeypatch, ystad.employee, "Gammal igen", 91)
        assert await jobs.tick(at(monkeypatch, local(0, 23, 55))) == {}
        assert await jobs.tick(at(monkeypatch, local(1, 0, 0))) == {"notifications_deleted": 1}

    def test_retention_below_a_day_is_refused_at_start(self):
        with pytest.raises(ValueError, match="DELBAR_PUSH_RETENTION_DAYS must be at least 1"):
            Settings.from_env({"DELBAR_PUSH_RETENTION_DAYS": "0"})


class TestInTheApp:
    async def test_the_app_process_reminds_without_being_asked(self, app, sides, settings, monkeypatch):
        requester, owner, listing = sides
        await book(requester, owner, listing, 1, 3, "approve")
        at(monkeypatch, local(0, 8, 0))
        lifespan = PushLifespan(app.state.db, settings, REMINDERS)
        await lifespan.start()
        try:
            for _ in range(100):
                if await Notification.exists().where(Notification.kind == "pickup_due"):
                    break
                await asyncio.sleep(0.05)
        finally:
            await lifespan.stop()
        assert [n["kind"] for n in await reminders()] == ["pickup_due"]
