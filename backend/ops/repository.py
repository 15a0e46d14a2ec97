"""What the operator's metrics read from the database: the push and e-mail outboxes' state."""

from __future__ import annotations

from datetime import datetime

from piccolo.query.functions.aggregate import Count

from backend.mail.tables import MailMessage
from backend.push.tables import PushDelivery


class OutboxStatsRepository:
    """Rows per status, how many wait for another try, and when the oldest waiting one was queued."""

    async def push_statuses(self) -> dict[str, int]:
        rows = await PushDelivery.select(PushDelivery.status, Count(alias="n")).group_by(PushDelivery.status)
        return {row["status"]: row["n"] for row in rows}

    async def mail_statuses(self) -> dict[str, int]:
        rows = await MailMessage.select(MailMessage.status, Count(alias="n")).group_by(MailMessage.status)
        return {row["status"]: row["n"] for row in rows}

    async def push_retrying(self) -> int:
        return await PushDelivery.count().where((PushDelivery.status == "pending") & (PushDelivery.attempts > 0))

    async def mail_retrying(self) -> int:
        return await MailMessage.count().where((MailMessage.status == "pending") & (MailMessage.attempts > 0))

    async def push_oldest_pending(self) -> datetime | None:
        created = PushDelivery.notification.created_at
        row = await (PushDelivery.select(created.as_alias("at")).where(PushDelivery.status == "pending")
                     .order_by(created).first())
        return row["at"] if row else None

    async def mail_oldest_pending(self) -> datetime | None:
        row = await (MailMessage.select(MailMessage.created_at.as_alias("at")).where(MailMessage.status == "pending")
                     .order_by(MailMessage.created_at).first())
        return row["at"] if row else None
