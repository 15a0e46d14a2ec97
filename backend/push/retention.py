"""Retention: pushes and in-app notifications older than the configured days are deleted.

Finished deliveries (sent, failed, expired) go first, then the notifications, then old reminder
keys; a notification a push is still waiting to carry is kept whatever its age. The audit trail's
entries are kept, but their personal data (address, browser, the actor's name) is blanked. Each chunk is
its own short write transaction, so a large first clean-up does not hold SQLite's write lock.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from backend.audit.service import blank_personal_data
from backend.db import Database
from backend.push.daily_repository import RetentionRepository

CHUNK = 1000


async def purge(db: Database, now: datetime, days: int, chunk: int = CHUNK) -> Counter:
    """Delete what is older than `days`; the counts of deleted rows."""
    if days < 1:
        raise ValueError("push retention must be at least one day")
    before, repository, counts = now - timedelta(days=days), RetentionRepository(), Counter()
    steps = (
        ("deliveries_deleted", repository.finished_deliveries, repository.delete_deliveries),
        ("notifications_deleted", repository.old_notifications, repository.delete_notifications),
        ("reminders_deleted", repository.old_reminders, repository.delete_reminders),
    )
    for name, find, delete in steps:
        while True:
            async with db.write():
                ids = await find(before, chunk)
                await delete(ids)
            counts[name] += len(ids)
            if len(ids) < chunk:
                break
    counts += await blank_personal_data(db, now, days, chunk)
    return +counts
