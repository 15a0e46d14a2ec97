"""The daily job's queries: bookings due tomorrow, reminder keys, and the retention clean-up.

The daily job is the system's, not a user's: it reads the bookings of every municipality, and
each reminder goes to the booking's own requester only.
"""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID, uuid4

from backend.bookings.tables import Booking
from backend.push.repository import Row, _chunks
from backend.push.tables import Notification, PushDelivery, PushReminder

PHYSICAL = ("furniture", "equipment")
LOANS = ("lend", "rent")

_BOOKING = (
    Booking.id,
    Booking.requester.as_alias("requester_id"),
    Booking.requester_municipality.as_alias("requester_municipality_id"),
    Booking.owner_municipality.as_alias("owner_municipality_id"),
    Booking.listing.title.as_alias("listing_title"),
    Booking.owner_unit.name.as_alias("owner_unit_name"),
    Booking.owner_municipality.name.as_alias("owner_municipality_name"),
    Booking.delivery_address,
    Booking.period_start,
    Booking.period_end,
)


def _physical():
    """Items someone collects and brings back: not service or staffing windows, not ex-users."""
    return (Booking.window.is_null() & Booking.listing.kind.is_in(list(PHYSICAL))
            & Booking.requester.active.eq(True))


class ReminderRepository:
    async def pickups_on(self, day: date) -> list[Row]:
        """Approved bookings whose first day is `day` (a fulfilled one is already handed over)."""
        return await Booking.select(*_BOOKING).where(
            Booking.status == "approved", Booking.period_start == day, _physical()
        ).order_by(Booking.id)

    async def returns_on(self, day: date) -> list[Row]:
        """Loans and rentals still out (or about to be) whose return day is `day`."""
        return await Booking.select(*_BOOKING).where(
            Booking.status.is_in(["approved", "fulfilled"]), Booking.period_end == day,
            Booking.deal.is_in(list(LOANS)), _physical(),
        ).order_by(Booking.id)

    async def existing(self, keys: list[str]) -> set[str]:
        found: set[str] = set()
        for chunk in _chunks(keys, 500):
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
        for chunk in _chunks(ids, 500):
            await PushDelivery.delete().where(PushDelivery.id.is_in(chunk))

    async def old_notifications(self, before: datetime, limit: int) -> list[UUID]:
        """Old entries of the in-app lists, except those a push is still waiting to carry."""
        waiting = PushDelivery.select(PushDelivery.notification).where(PushDelivery.status == "pending")
        rows = await Notification.select(Notification.id).where(
            Notification.created_at < before, Notification.id.not_in(waiting)
        ).order_by(Notification.created_at).limit(limit)
        return [r["id"] for r in rows]

    async def delete_notifications(self, ids: list[UUID]) -> None:
        for chunk in _chunks(ids, 500):
            await Notification.delete().where(Notification.id.is_in(chunk))

    async def old_reminders(self, before: datetime, limit: int) -> list[UUID]:
        rows = await PushReminder.select(PushReminder.id).where(PushReminder.created_at < before).order_by(
            PushReminder.created_at).limit(limit)
        return [r["id"] for r in rows]

    async def delete_reminders(self, ids: list[UUID]) -> None:
        for chunk in _chunks(ids, 500):
            await PushReminder.delete().where(PushReminder.id.is_in(chunk))
