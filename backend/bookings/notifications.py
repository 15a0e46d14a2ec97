"""The one place bookings tell people what happened: rows in the push outbox, same transaction."""

from __future__ import annotations

from collections.abc import Iterable
from uuid import UUID

from backend.bookings.repository import PeopleRepository, Row
from backend.push.outbox import notify

_TITLES = {
    "booking_requested": "Ny förfrågan",
    "booking_approved": "Din bokning är godkänd",
    "booking_declined": "Din förfrågan avböjdes",
    "booking_cancelled": "En bokning avbokades",
    "booking_changed": "En bokning ändrades",
    "job_assigned": "Nytt transportuppdrag",
    "job_changed": "Ett transportuppdrag ändrades",
}


async def owner_side(booking: Row) -> list[UUID]:
    """The owning unit's people and the owner municipality's coordinators."""
    return await PeopleRepository().owner_side(booking["owner_municipality_id"], booking["owner_unit_id"])


async def emit(kind: str, user_ids: Iterable[UUID], booking: Row, body: str = "", skip: UUID | None = None) -> None:
    """Queue a notification about a booking for these users (not the person who caused it)."""
    users = [u for u in user_ids if u != skip]
    title = _TITLES.get(kind, "Delbar")
    text = body or f"{booking['listing_title']} ({booking['status']})"
    await notify(users, kind, title, text, f"/bokningar/{booking['id']}", tag=f"booking-{booking['id']}")
