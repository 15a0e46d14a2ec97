"""The daily job's queries: reminder keys, and the retention clean-up (system work, no user)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4

from backend.outbox_repository import chunks
from backend.push.tables import Notification, PushDelivery, PushReminder


class ReminderKeyRepository:
    """Keys of reminders already queued (kind:booking:day), so a second run queues nothing twice."""

    async def existing(self, keys: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in chunks(keys):
            rows = await PushReminder.select(PushReminder.key).where(PushReminder.key.is_in(chunk))
            found |= {r["key"] for r in rows}
        return found

    async def claim(self, keys: list[str], now: datetime) -> set[str]:
        """Store the keys; the ones returned are new. A racing process's keys are skipped (on
        PostgreSQL its insert waits for ours to commit or roll back, then does nothing)."""
        if not keys:
            return set()
        rows = await PushReminder.insert(
            *[PushReminder(id=uuid4(), key=key, created_at=now) for key in keys]
        ).on_conflict(action="DO NOTHING").returning(PushReminder.key)
        return {r["key"] for r in rows}


class RetentionRepository:
    """Oldest first, a chunk at a time, so each delete is a short transaction."""

    async def finished_deliveries(self, before: datetime, limit: int) -> list[UUID]:
        rows = await PushDelivery.select(PushDelivery.id).where(
            PushDelivery.status != "pending", PushDelivery.notification.created_at < before
        ).limit(limit)
        return [r["id"] for r in rows]

    async def delete_deliveries(self, ids: list[UUID]) -> None:
        for chunk in chunks(ids):
            await PushDelivery.delete().where(PushDelivery.id.is_in(chunk))

    async def old_notifications(self, before: datetime, limit: int) -> list[UUID]:
        """Old entries of the in-app lists, except those a push is still waiting to carry."""
        waiting = PushDelivery.select(PushDelivery.notification).where(PushDelivery.status == "pending")
        rows = await Notification.select(Notification.id).where(
            Notification.created_at < before, Notification.id.not_in(waiting)
        ).order_by(Notification.created_at).limit(limit)
        return [r["id"] for r in rows]

    async def delete_notifications(self, ids: list[UUID]) -> None:
        for chunk in chunks(ids):
            await Notification.delete().where(Notification.id.is_in(chunk))

    async def old_reminders(self, before: datetime, limit: int) -> list[UUID]:
        rows = await PushReminder.select(PushReminder.id).where(PushReminder.created_at < before).order_by(
            PushReminder.created_at).limit(limit)
        return [r["id"] for r in rows]

    async def delete_reminders(self, ids: list[UUID]) -> None:
        for chunk in chunks(ids):
            await PushReminder.delete().where(PushReminder.id.is_in(chunk))
