"""What happens elsewhere when transport jobs are done: bookings charge the fee, and a delivery
that finished its jobs fulfils their bookings.

The bookings context registers a listener with `on_jobs_done`; it is awaited inside the write
that finished the jobs, so a job, its charge and its booking never disagree.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from uuid import UUID

# (the jobs now done, when, whether their last delivery scan finished them)
Listener = Callable[[list[UUID], datetime, bool], Awaitable[None]]
_listeners: list[Listener] = []


def on_jobs_done(listener: Listener) -> Listener:
    """Register listener for jobs that became done (usable as a decorator)."""
    _listeners.append(listener)
    return listener


async def jobs_done(job_ids: list[UUID], at: datetime, delivered: bool) -> None:
    if not job_ids:
        return
    for listener in _listeners:
        await listener(job_ids, at, delivered)
