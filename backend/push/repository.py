"""Every push query. Per-user repositories are bound to one user, so a device or notification
of someone else is simply not found."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from backend.accounts.tables import User
from backend.outbox_repository import Row, chunks
from backend.push.tables import (
    Notification,
    PushKey,
    PushPreference,
    PushSubscription,
)

# The one key pair has a fixed id, so two processes starting at once cannot make two.
KEY_ID = UUID("00000000-0000-0000-0000-00000000a91d")


class KeyRepository:
    async def get(self) -> Row | None:
        return await PushKey.select().where(PushKey.id == KEY_ID).first()

    async def insert_if_absent(self, private_pem: str, public_pem: str, server_key: str, now: datetime) -> None:
        await PushKey.insert(
            PushKey(id=KEY_ID, private_pem=private_pem, public_pem=public_pem, application_server_key=server_key,
                    created_at=now)
        ).on_conflict(action="DO NOTHING")


class SubscriptionRepository:
    """The devices of one user."""

    def __init__(self, user_id: UUID) -> None:
        self.user_id = user_id

    async def by_endpoint(self, endpoint: str) -> Row | None:
        """Any user's device with this endpoint: a browser profile may change hands."""
        return await PushSubscription.select().where(PushSubscription.endpoint == endpoint).first()

    async def insert(self, values: Row, now: datetime) -> None:
        await PushSubscription.insert(PushSubscription(**values, user=self.user_id, created_at=now))

    async def update(self, subscription_id: UUID, values: Row) -> None:
        await PushSubscription.update({**values, PushSubscription.user: self.user_id}).where(
            PushSubscription.id == subscription_id
        )

    async def list(self) -> list[Row]:
        return await PushSubscription.select().where(PushSubscription.user == self.user_id).order_by(
            PushSubscription.created_at
        )

    async def delete_endpoint(self, endpoint: str) -> bool:
        rows = await PushSubscription.delete().where(
            PushSubscription.endpoint == endpoint, PushSubscription.user == self.user_id
        ).returning(PushSubscription.id)
        return bool(rows)


class PreferenceRepository:
    async def get(self, user_id: UUID) -> Row | None:
        return await PushPreference.select().where(PushPreference.user == user_id).first()

    async def of_users(self, user_ids: list[UUID]) -> dict[UUID, Row]:
        rows: list[Row] = []
        for chunk in chunks(user_ids):
            rows += await PushPreference.select().where(PushPreference.user.is_in(chunk))
        return {r["user"]: r for r in rows}

    async def insert(self, user_id: UUID, values: Row, now: datetime) -> None:
        await PushPreference.insert(PushPreference(**values, user=user_id, updated_at=now))

    async def update(self, user_id: UUID, version: int, values: Row, now: datetime) -> bool:
        """Apply values if the row is still at `version`; False when it moved on."""
        rows = await PushPreference.update(
            {**values, PushPreference.version: version + 1, PushPreference.updated_at: now}
        ).where(PushPreference.user == user_id, PushPreference.version == version).returning(PushPreference.id)
        return bool(rows)


class NotificationRepository:
    """The in-app list of one user."""

    def __init__(self, user_id: UUID) -> None:
        self.user_id = user_id

    async def page(self, before_seq: int | None, limit: int) -> list[Row]:
        query = Notification.select().where(Notification.user == self.user_id)
        if before_seq is not None:
            query = query.where(Notification.seq < before_seq)
        return await query.order_by(Notification.seq, ascending=False).limit(limit)

    async def language(self) -> str:
        """The language the user reads in (kept on their account)."""
        row = await User.select(User.language).where(User.id == self.user_id).first()
        return row["language"] if row else "sv"

    async def count_unread(self) -> int:
        return await Notification.count().where(Notification.user == self.user_id, Notification.read_at.is_null())

    async def get(self, notification_id: UUID) -> Row | None:
        return await Notification.select().where(
            Notification.id == notification_id, Notification.user == self.user_id
        ).first()

    async def mark_read(self, notification_id: UUID, now: datetime) -> None:
        await Notification.update({Notification.read_at: now}).where(
            Notification.id == notification_id, Notification.user == self.user_id, Notification.read_at.is_null()
        )

    async def mark_all_read(self, now: datetime) -> None:
        await Notification.update({Notification.read_at: now}).where(
            Notification.user == self.user_id, Notification.read_at.is_null()
        )

