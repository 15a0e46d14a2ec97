"""Retention: conversation messages older than the configured days are deleted, with their photos.

The days are the installation's DELBAR_CONVERSATION_RETENTION_DAYS (checked by the settings loader)
unless the conversation's owner municipality has set its own (RetentionSetting, within
MIN_DAYS..MAX_DAYS): each municipality's conversations are cleaned with its own days.

Runs in the push context's daily clean-up (backend.push.daily), which calls it with the database
and the time. A conversation whose last message is past the retention goes whole (participants
and messages with it); in the others, the old messages go. Photos are deleted from the photo store
first, then the rows, so no photo is left behind without a message to find it by. Each chunk is
its own short write transaction, as in the push clean-up.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from uuid import UUID

import anyio

from backend.conversations.repository import RetentionRepository, Scope
from backend.conversations.service import photo_key
from backend.db import Database
from backend.storage import PhotoStore

CHUNK = 500


def message_clean_up(days: int, store: PhotoStore) -> Callable[[Database, datetime], Awaitable[Counter]]:
    """The daily clean-up's conversation part: `days` is the installation's default."""

    async def clean_up(db: Database, now: datetime) -> Counter:
        return await purge_messages(db, now, days, store)
    return clean_up


async def purge_messages(db: Database, now: datetime, days: int, store: PhotoStore, chunk: int = CHUNK) -> Counter:
    """Delete messages older than each municipality's days (else `days`) and conversations left
    without any; the counts of deleted rows."""
    repository = RetentionRepository()
    async with db.read():
        custom = await repository.custom_days()
    counts = await _purge(db, now - timedelta(days=days), store, chunk,
                          Scope(excluded=tuple(row["municipality"] for row in custom)))
    for row in custom:
        counts += await _purge(db, now - timedelta(days=row["days"]), store, chunk, Scope(only=row["municipality"]))
    return +counts


async def _purge(db: Database, before: datetime, store: PhotoStore, chunk: int, scope: Scope) -> Counter:
    repository, counts = RetentionRepository(), Counter()
    while True:
        async with db.read():
            ids = await repository.old_conversations(before, chunk, scope)
            photos = await repository.photos_in(ids)
        await _delete_photos(store, photos)
        async with db.write():
            await repository.delete_conversations(ids)
        counts["conversations_deleted"] += len(ids)
        if len(ids) < chunk:
            break
    while True:
        async with db.read():
            rows = await repository.old_messages(before, chunk, scope)
        await _delete_photos(store, [(r["conversation"], r["id"]) for r in rows if r["photo"]])
        async with db.write():
            await repository.delete_messages([r["id"] for r in rows])
        counts["messages_deleted"] += len(rows)
        if len(rows) < chunk:
            break
    return counts


async def _delete_photos(store: PhotoStore, messages: list[tuple[UUID, UUID]]) -> None:
    # The store may be a remote object store: its calls block, so they run off the event loop.
    for conversation_id, message_id in messages:
        for size in ("display", "thumb"):
            await anyio.to_thread.run_sync(store.delete, photo_key(conversation_id, message_id, size))
