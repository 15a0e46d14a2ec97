"""A municipality's own retention for its conversations: its admin reads and sets it."""

from __future__ import annotations

from backend import clock
from backend.conversations.repository import RetentionRepository
from backend.db import Database
from backend.tenancy import Actor

ADMIN = "admin"


class RetentionService:
    def __init__(self, db: Database, actor: Actor, default_days: int) -> None:
        self.db, self.actor, self.default_days = db, actor, default_days
        self.repository = RetentionRepository()

    async def get(self) -> tuple[int | None, int]:
        """(the municipality's own days or None, the days that apply)."""
        self.actor.require(ADMIN)
        async with self.db.read():
            own = await self.repository.days_of(self.actor.municipality_id)
        return own, own or self.default_days

    async def set(self, own_days: int | None) -> tuple[int | None, int]:
        """Set the admin's own municipality's days (bounded by the API); None: the installation's."""
        self.actor.require(ADMIN)
        async with self.db.write():
            await self.repository.set_days(self.actor.municipality_id, own_days, clock.now())
        return own_days, own_days or self.default_days
