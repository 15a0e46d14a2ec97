"""The one place bookings tell people what happened: rows in the push outbox, same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from backend.bookings.repository import PeopleRepository, Row
from backend.messages import booking_when
from backend.push.outbox import notify_message


async def owner_side(booking: Row) -> list[UUID]:
    """The owning unit's people and the owner municipality's coordinators."""
    return await PeopleRepository().owner_side(booking["owner_municipality_id"], booking["owner_unit_id"])


async def emit(kind: str, user_ids: Iterable[UUID], booking: Row, skip: UUID | None = None) -> None:
    """Queue a notification about a booking for these users (not the person who caused it), each to be
    read in their own language: what, when (the dates as entered) and, for a change, the new status."""
    users = [u for u in user_ids if u != skip]
    params = {"listing": booking["listing_title"], "period": booking_when(booking),
              "status": {"status": booking["status"]}}
    await notify_message(users, kind, kind, params, f"/bokningar/{booking['id']}", tag=f"booking-{booking['id']}")
