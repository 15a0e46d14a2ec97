"""Personal calendar feeds: a secret URL per user (only its hash stored), revocable at any time."""

from __future__ import annotations

import hashlib
import secrets
from datetime import datetime
from uuid import UUID, uuid4

from backend import clock
from backend.accounts.tables import User, UserRole
from backend.bookings import ical
from backend.bookings.repository import BookingRepository, Row
from backend.bookings.tables import CalendarFeed
from backend.db import Database
from backend.errors import NotFound
from backend.logistics.jobs_repository import JobRepository
from backend.tenancy import Actor


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class FeedRepository:
    async def revoke_all(self, user_id: UUID, now: datetime) -> None:
        await CalendarFeed.update({CalendarFeed.revoked_at: now}).where(
            CalendarFeed.user == user_id, CalendarFeed.revoked_at.is_null())

    async def insert(self, user_id: UUID, hashed: str, now: datetime) -> None:
        await CalendarFeed.insert(CalendarFeed(id=uuid4(), user=user_id, token_hash=hashed, created_at=now))

    async def owner(self, hashed: str) -> Row | None:
        """The active user behind a live feed token, with their municipality and whether they drive."""
        feed = await CalendarFeed.select(CalendarFeed.user).where(
            CalendarFeed.token_hash == hashed, CalendarFeed.revoked_at.is_null()).first()
        if feed is None:
            return None
        user = await User.select(User.id, User.municipality, User.name).where(
            User.id == feed["user"], User.active.eq(True)).first()
        if user:
            user["driver"] = await UserRole.exists().where(UserRole.user == user["id"], UserRole.role == "driver")
        return user


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
        events = [ical.booking_event(b) for b in bookings] + [ical.job_event(j) for j in jobs if j["day"]]
        return ical.calendar(events, clock.now(), name=f"Delbar – {user['name']}")
