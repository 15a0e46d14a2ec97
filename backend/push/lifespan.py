"""The app's push hooks: make the VAPID key on start, run the in-process worker while serving."""

from __future__ import annotations

from collections.abc import Sequence

from backend.db import Database
from backend.push.daily import CleanUp, DailyJobs, Reminder
from backend.push.keys import load_or_create_key
from backend.push.worker import PushWorker
from backend.settings import Settings


class PushLifespan:
    """On SQLite the worker must live in the app process (one writer); on PostgreSQL it may, and
    `python -m backend push-worker` processes can share the queue with it (DELBAR_PUSH_WORKER=0
    leaves sending to them alone). The daily reminders and clean-up run beside the worker."""

    def __init__(self, db: Database, settings: Settings, reminders: Sequence[Reminder] = (),
                 clean_ups: Sequence[CleanUp] = ()) -> None:
        self.db, self.settings, self.reminders, self.clean_ups = db, settings, reminders, clean_ups
        self.worker: PushWorker | None = None
        self.daily: DailyJobs | None = None

    async def start(self) -> None:
        await load_or_create_key(self.db)
        if self.settings.push_worker:
            self.worker = PushWorker(self.db, self.settings.push_contact)
            self.worker.start()
            self.daily = DailyJobs(self.db, self.settings.push_retention_days, self.reminders,
                                   clean_ups=self.clean_ups)
            self.daily.start()

    async def stop(self) -> None:
        if self.daily is not None:
            await self.daily.stop()
            self.daily = None
        if self.worker is not None:
            await self.worker.stop()
            self.worker = None
