"""The push context's daily work: the reminders other contexts queue (bookings: pickups and returns
tomorrow), and the retention clean-up.

The reminders are given by whoever builds the app or the command (backend.app, backend.__main__),
so push depends on no context that sends through it. It runs wherever pushes are sent (the app
process on SQLite, `push-worker` processes on PostgreSQL) and looks every few minutes: reminders
from 07:00 Swedish time, so nobody is woken at midnight, and again later in the day for bookings
approved since (keys make a second look send nothing twice); the clean-up once a day. However
many processes look, each look and each day's clean-up runs in one of them (backend.jobs).
`python -m backend push-due` runs both at once, for cron.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime, time

from backend import clock
from backend.db import Database
from backend.jobs.service import daily, every, forget_old_runs, run_once
from backend.push.retention import purge
from backend.vocabulary import STOCKHOLM

log = logging.getLogger("delbar.push")
CHECK_SECONDS = 300.0
REMIND_FROM = time(7, 0)
# Queues what is due for tomorrow and not queued yet (idempotent); the counts per kind.
Reminder = Callable[[Database, datetime], Awaitable[Counter]]
# Another context's part of the daily retention clean-up (conversations); the counts of what it deleted.
CleanUp = Callable[[Database, datetime], Awaitable[Counter]]


class DailyJobs:
    def __init__(self, db: Database, retention_days: int, reminders: Sequence[Reminder] = (),
                 check_seconds: float = CHECK_SECONDS, clean_ups: Sequence[CleanUp] = ()) -> None:
        self.db, self.retention_days, self.check_seconds = db, retention_days, check_seconds
        self.reminders, self.clean_ups = tuple(reminders), tuple(clean_ups)
        self._purged_on: date | None = None
        self._stop = asyncio.Event()
        self._task: asyncio.Task | None = None

    async def tick(self, now: datetime | None = None) -> Counter:
        """One look: what is due at this hour and not done yet."""
        now = now or clock.now()
        local = now.astimezone(STOCKHOLM)
        counts: Counter = Counter()
        if local.time() >= REMIND_FROM:
            counts += await run_once(self.db, "push-reminders", every(self.check_seconds, now),
                                     lambda: self._remind(now), now) or Counter()
        if self._purged_on != local.date():
            counts += await run_once(self.db, "push-retention", daily(local.date()), lambda: self._clean_up(now),
                                     now) or Counter()
            self._purged_on = local.date()
        return counts

    async def _clean_up(self, now: datetime) -> Counter:
        await forget_old_runs(self.db, now)
        return await self._purge(now)

    async def _purge(self, now: datetime) -> Counter:
        counts = await purge(self.db, now, self.retention_days)
        for clean_up in self.clean_ups:
            counts += await clean_up(self.db, now)
        return counts

    async def run_now(self) -> Counter:
        """Everything at once, whatever the hour (the cron command)."""
        now = clock.now()
        return await self._remind(now) + await self._purge(now)

    async def _remind(self, now: datetime) -> Counter:
        counts: Counter = Counter()
        for reminder in self.reminders:
            counts += await reminder(self.db, now)
        return counts

    async def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                counts = await self.tick()
                if counts:
                    log.info("push daily: %s", ", ".join(f"{k} {v}" for k, v in sorted(counts.items())))
            except Exception:  # a bad run must not end the loop; it is logged and tried again
                log.exception("push daily run failed")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), self.check_seconds)

    def start(self) -> None:
        self._stop.clear()
        self._task = asyncio.get_running_loop().create_task(self._loop(), name="push-daily")

    async def stop(self) -> None:
        self._stop.set()
        if self._task is not None:
            await self._task
            self._task = None
