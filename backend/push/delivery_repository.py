"""The outbox queries: writing notifications and deliveries, and the worker's claim and results."""

from __future__ import annotations

from uuid import UUID

from backend.outbox_repository import LeaseRepository, Row, bulk_insert, chunks
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


class DeliveryRepository(LeaseRepository):
    table = PushDelivery
    claim_sql = _CLAIM
    alias = "d"

    async def subscriptions_of(self, user_ids: list[UUID]) -> list[Row]:
        rows: list[Row] = []
        for chunk in chunks(user_ids):
            rows += await PushSubscription.select(PushSubscription.id, PushSubscription.user).where(
                PushSubscription.user.is_in(chunk)
            )
        return rows

    async def insert_notifications(self, rows: list[Row]) -> None:
        await bulk_insert(Notification, [{**r, "read_at": None} for r in rows])

    async def details(self, ids: list[UUID]) -> list[Row]:
        """What sending needs: the message, the device and how often it was tried."""
        rows: list[Row] = []
        for chunk in chunks(ids):
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

    async def delete_subscriptions(self, ids: list[UUID]) -> None:
        """Forget devices the push service no longer knows; their deliveries go with them."""
        for chunk in chunks(ids):
            await PushSubscription.delete().where(PushSubscription.id.is_in(chunk))
