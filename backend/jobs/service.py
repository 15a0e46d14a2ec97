"""Run a background job once per time slot, however many processes wake for it.

Every app process (and every `push-worker`) runs the same timers: share days every minute, the
push reminders every few minutes, the retention clean-up once a day. Each wake-up first claims
its (job, slot) in the database; the process whose insert succeeds does the work, the others do
nothing for that slot. The claim commits before the work, so a process that dies mid-job leaves
its slot done: every job here is idempotent and picks up what was missed in its next slot.
"""

from __future__ import annotations

import os
import socket
from collections.abc import Awaitable, Callable
from datetime import date, datetime, timedelta
from typing import TypeVar

from backend.db import Database
from backend.jobs.repository import JobRepository

T = TypeVar("T")
PROCESS = f"{socket.gethostname()}:{os.getpid()}"
KEEP_RUNS = timedelta(days=30)


def every(seconds: float, now: datetime) -> str:
    """The slot of a job that runs every `seconds`: the start of the period `now` falls in."""
    start = int(now.timestamp() // seconds * seconds)
    return datetime.fromtimestamp(start, now.tzinfo).isoformat(timespec="seconds")


def daily(day: date) -> str:
    return day.isoformat()


async def run_once(db: Database, job: str, slot: str, work: Callable[[], Awaitable[T]],
                   now: datetime) -> T | None:
    """`work()`'s result if this process claimed (job, slot), None if another process has it."""
    async with db.write():
        claimed = await JobRepository().claim(job, slot, PROCESS, now)
    return await work() if claimed else None


async def forget_old_runs(db: Database, now: datetime) -> None:
    """The claims of the last KEEP_RUNS are kept, to show where and when each job ran."""
    async with db.write():
        await JobRepository().forget_before(now - KEEP_RUNS)
