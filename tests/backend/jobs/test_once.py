"""A job claimed for a slot runs in one process only; the next slot runs again."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from backend.jobs.repository import JobRepository
from backend.jobs.service import KEEP_RUNS, daily, every, forget_old_runs, run_once

pytestmark = pytest.mark.anyio
NOW = datetime(2026, 12, 7, 7, 3, 20, tzinfo=UTC)


class TestSlots:
    def test_a_five_minute_job_s_slot_is_the_start_of_its_five_minutes(self):
        assert every(300, NOW) == "2026-12-07T07:00:00+00:00"
        assert every(300, NOW + timedelta(minutes=1)) == every(300, NOW)
        assert every(300, NOW + timedelta(minutes=2)) != every(300, NOW)

    def test_a_daily_job_s_slot_is_its_day(self):
        assert daily(NOW.date()) == "2026-12-07"


class TestRunOnce:
    async def test_ten_wake_ups_for_one_slot_run_the_work_once(self, app):
        ran: list[int] = []

        async def work(n: int) -> int:
            ran.append(n)
            return n

        results = await asyncio.gather(*[run_once(app.state.db, "share-days", every(60, NOW),
                                                  lambda n=n: work(n), NOW) for n in range(10)])
        assert len(ran) == 1 and [r for r in results if r is not None] == ran

    async def test_the_next_slot_and_another_job_run_again(self, app):
        db = app.state.db

        async def work() -> str:
            return "ran"

        assert await run_once(db, "share-days", every(60, NOW), work, NOW) == "ran"
        assert await run_once(db, "share-days", every(60, NOW), work, NOW) is None
        later = NOW + timedelta(minutes=1)
        assert await run_once(db, "share-days", every(60, later), work, later) == "ran"
        assert await run_once(db, "push-retention", daily(NOW.date()), work, NOW) == "ran"
        async with db.read():
            runs = await JobRepository().runs("share-days")
        assert [r["slot"] for r in runs] == [every(60, NOW), every(60, later)]

    async def test_runs_older_than_the_kept_period_are_forgotten(self, app):
        db = app.state.db

        async def work() -> None:
            return None

        old = NOW - KEEP_RUNS - timedelta(days=1)
        await run_once(db, "push-retention", daily(old.date()), work, old)
        await run_once(db, "push-retention", daily(NOW.date()), work, NOW)
        await forget_old_runs(db, NOW)
        async with db.read():
            assert [r["slot"] for r in await JobRepository().runs("push-retention")] == [daily(NOW.date())]
