"""The outbox queries: writing notifications and deliveries, and the worker's claim and results."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from piccolo.table import Table

from backend.db import engine_is_sqlite
from backend.push.repository import Row, _chunks
from backend.push.tables import Notification, PushDelivery, PushSubscription

# A delivery is due when it is pending, its time has come, nobody holds a live lease on it, and
# no earlier delivery to the same device is still pending: one device gets its messages in order.
_CLAIM = """
SELECT d.id FROM push_delivery d
WHERE d.status = 'pending' AND d.next_attempt_at <= {}
  AND (d.leased_until IS NULL OR d.leased_until < {})
  AND NOT EXISTS (
    SELECT 1 FROM push_delivery e
    WHERE e.subscription = d.subscription AND e.status = 'pending'
      AND (e.seq < d.seq OR (e.seq = d.seq AND e.id < d.id)))
ORDER BY d.seq
LIMIT {}"""


def _sqlite_value(value: object) -> object:
    """What Piccolo stores on SQLite: UUIDs as text, aware datetimes as UTC text."""
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime):
        return str(value.astimezone(UTC))
    return value


async def _bulk_insert(table: type[Table], rows: list[Row]) -> None:
    """One executemany on the caller's transaction: a fan-out of 10,000 rows must not build
    10,000 Piccolo objects (that alone took seconds)."""
    if not rows:
        return
    engine = table._meta.db
    transaction = engine.current_transaction.get()
    if transaction is None:
        raise RuntimeError("bulk inserts run inside a write transaction")
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    if engine.engine_type == "sqlite":
        marks = ", ".join("?" for _ in columns)
        values = [tuple(_sqlite_value(r[c]) for c in columns) for r in rows]
    else:
        marks = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
        values = [tuple(r[c] for c in columns) for r in rows]
    sql = f'INSERT INTO "{table._meta.tablename}" ({names}) VALUES ({marks})'
    await transaction.connection.executemany(sql, values)


class DeliveryRepository:
    async def subscriptions_of(self, user_ids: list[UUID]) -> list[Row]:
        rows: list[Row] = []
        for chunk in _chunks(user_ids, 500):
            rows += await PushSubscription.select(PushSubscription.id, PushSubscription.user).where(
                PushSubscription.user.is_in(chunk)
            )
        return rows

    async def insert_notifications(self, rows: list[Row]) -> None:
        await _bulk_insert(Notification, [{**r, "read_at": None} for r in rows])

    async def insert_deliveries(self, rows: list[Row]) -> None:
        await _bulk_insert(PushDelivery, [{**r, "leased_until": None, "last_error": "", "sent_at": None} for r in rows])

    async def any_due(self, now: datetime) -> bool:
        """A cheap look before claiming, so an idle worker does not take SQLite's write lock."""
        return await PushDelivery.exists().where(
            PushDelivery.status == "pending", PushDelivery.next_attempt_at <= now,
            PushDelivery.leased_until.is_null() | (PushDelivery.leased_until < now),
        )

    async def claim(self, now: datetime, limit: int, lease_until: datetime, *,
                    skip_locked: bool | None = None) -> list[UUID]:
        """Lease up to `limit` due deliveries; SKIP LOCKED (PostgreSQL) lets other workers take the rest."""
        if skip_locked is None:
            skip_locked = not engine_is_sqlite(PushDelivery)
        sql = _CLAIM + (" FOR UPDATE OF d SKIP LOCKED" if skip_locked else "")
        ids = [r["id"] for r in await PushDelivery.raw(sql, now, now, limit)]
        ids = [i if isinstance(i, UUID) else UUID(str(i)) for i in ids]
        for chunk in _chunks(ids, 500):
            await PushDelivery.update(
                {PushDelivery.leased_until: lease_until, PushDelivery.attempts: PushDelivery.attempts + 1}
            ).where(PushDelivery.id.is_in(chunk))
        return ids

    async def details(self, ids: list[UUID]) -> list[Row]:
        """What sending needs: the message, the device and how often it was tried."""
        rows: list[Row] = []
        for chunk in _chunks(ids, 500):
            rows += await PushDelivery.select(
                PushDelivery.id,
                PushDelivery.attempts,
                PushDelivery.seq,
                PushDelivery.subscription.id.as_alias("subscription_id"),
                PushDelivery.subscription.endpoint.as_alias("endpoint"),
                PushDelivery.subscription.p256dh.as_alias("p256dh"),
                PushDelivery.subscription.auth.as_alias("auth"),
                PushDelivery.notification.id.as_alias("notification_id"),
                PushDelivery.notification.kind.as_alias("kind"),
                PushDelivery.notification.title.as_alias("title"),
                PushDelivery.notification.body.as_alias("body"),
                PushDelivery.notification.message.as_alias("message"),
                PushDelivery.notification.params.as_alias("params"),
                PushDelivery.notification.user.language.as_alias("language"),
                PushDelivery.notification.url.as_alias("url"),
                PushDelivery.notification.tag.as_alias("tag"),
                PushDelivery.notification.created_at.as_alias("created_at"),
            ).where(PushDelivery.id.is_in(chunk))
        return sorted(rows, key=lambda r: r["seq"])

    async def mark_sent(self, ids: list[UUID], now: datetime) -> None:
        for chunk in _chunks(ids, 500):
            await PushDelivery.update(
                {PushDelivery.status: "sent", PushDelivery.sent_at: now, PushDelivery.leased_until: None,
                 PushDelivery.last_error: ""}
            ).where(PushDelivery.id.is_in(chunk))

    async def reschedule(self, delivery_id: UUID, at: datetime, error: str) -> None:
        await PushDelivery.update(
            {PushDelivery.next_attempt_at: at, PushDelivery.leased_until: None, PushDelivery.last_error: error[:300]}
        ).where(PushDelivery.id == delivery_id)

    async def close(self, delivery_id: UUID, status: str, error: str) -> None:
        """Stop trying: the message is refused for good or too old to matter."""
        await PushDelivery.update(
            {PushDelivery.status: status, PushDelivery.leased_until: None, PushDelivery.last_error: error[:300]}
        ).where(PushDelivery.id == delivery_id)

    async def delete_subscriptions(self, ids: list[UUID]) -> None:
        """Forget devices the push service no longer knows; their deliveries go with them."""
        for chunk in _chunks(ids, 500):
            await PushSubscription.delete().where(PushSubscription.id.is_in(chunk))

    async def count_by_status(self) -> dict[str, int]:
        rows = await PushDelivery.raw("SELECT status, COUNT(*) AS n FROM push_delivery GROUP BY status")
        return {r["status"]: r["n"] for r in rows}
