"""Personal calendar feeds: a secret URL per user (only its hash stored), revocable at any time."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime

from backend import clock
from backend.bookings import ical
from backend.bookings.repository import BookingRepository, FeedRepository
from backend.db import Database
from backend.errors import NotFound
from backend.tenancy import Actor
from backend.transport.repository import JobRepository


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class FeedService:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def create(self, actor: Actor) -> tuple[str, datetime]:
        """A new secret for the actor; any older feed URL stops working."""
        token, now = secrets.token_urlsafe(32), clock.now()
        async with self.db.write():
            await FeedRepository().revoke_all(actor.user_id, now)
            await FeedRepository().insert(actor.user_id, token_hash(token), now)
        return token, now

    async def revoke(self, actor: Actor) -> None:
        async with self.db.write():
            await FeedRepository().revoke_all(actor.user_id, clock.now())

    async def render(self, token: str) -> str:
        """The feed's calendar text; 404 for an unknown or revoked token."""
        async with self.db.read():
            user = await FeedRepository().owner(token_hash(token))
            if user is None:
                raise NotFound("No such calendar.")
            bookings = await BookingRepository(user["municipality"]).list_for_calendar(user["id"])
            jobs = await JobRepository(user["municipality"]).list(driver=user["id"]) if user["driver"] else []
        lang = user["language"]
        events = [ical.booking_event(b, lang) for b in bookings] + [ical.job_event(j, lang) for j in jobs if j["day"]]
        return ical.calendar(events, clock.now(), name=f"Delbar – {user['name']}")
