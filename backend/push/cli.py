"""`python -m backend push-worker`: senders as their own processes, for PostgreSQL deployments;
`python -m backend push-due`: the daily reminders and clean-up once, for cron."""

from __future__ import annotations

from collections.abc import Sequence

from backend.db import Database
from backend.outbox_worker import run_until_stopped
from backend.piccolo_conf import use_engine
from backend.push.daily import CleanUp, DailyJobs, Reminder
from backend.push.worker import PushWorker
from backend.settings import Settings


def _summary(counts) -> str:
    return ", ".join(f"{k}: {v}" for k, v in sorted(counts.items()))


async def run_worker(settings: Settings, *, once: bool, reminders: Sequence[Reminder] = (),
                     clean_ups: Sequence[CleanUp] = ()) -> int:
    """Send until SIGTERM/SIGINT (or, with once, until nothing is due); leased rows survive a kill.
    A long-running worker also does the daily reminders and clean-up."""
    database = Database.from_url(settings.database_url)
    use_engine(database.engine)
    await database.start()
    try:
        worker = PushWorker(database, settings.push_contact)
        if once:
            counts = await worker.run_until_idle()
            print(_summary(counts) or "nothing due")
            return 0
        await run_until_stopped(worker, DailyJobs(database, settings.push_retention_days, reminders,
                                                  clean_ups=clean_ups))
        return 0
    finally:
        await database.stop()


async def run_daily(settings: Settings, reminders: Sequence[Reminder] = (), clean_ups: Sequence[CleanUp] = ()) -> int:
    """Queue tomorrow's pickup and return reminders not queued yet, and delete what is past retention."""
    database = Database.from_url(settings.database_url)
    daily = DailyJobs(database, settings.push_retention_days, reminders, clean_ups=clean_ups)
    use_engine(database.engine)
    await database.start()
    try:
        print(_summary(await daily.run_now()) or "nothing to do")
        return 0
    finally:
        await database.stop()
