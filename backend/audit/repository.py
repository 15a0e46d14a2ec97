"""Every audit query: append, read one municipality's entries, and blank personal data past retention."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from backend.audit.tables import AuditEvent

Row = dict[str, Any]


class AuditWriter:
    """Appends entries; any municipality (the service names it), never an update or a delete."""

    async def name_of(self, user_id: UUID | str) -> str:
        """A person's name now, to keep with the entry (the accounts context owns the table)."""
        rows = await AuditEvent.raw("SELECT name FROM app_user WHERE id = {}", UUID(str(user_id)))
        return rows[0]["name"] if rows else ""

    async def append(self, values: Row) -> None:
        await AuditEvent.insert(AuditEvent(**values))


class AuditRepository:
    """The entries of one municipality, newest first."""

    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    def _where(self, query: Any, action: str | None, actor: UUID | None, since: datetime | None,
               until: datetime | None) -> Any:
        query = query.where(AuditEvent.municipality == self.municipality_id)
        if action:
            # "user" matches every user.* action; "user.created" only itself.
            query = query.where(AuditEvent.action == action) if "." in action else query.where(
                AuditEvent.action.like(f"{action}.%"))
        if actor:
            query = query.where(AuditEvent.actor == actor)
        if since:
            query = query.where(AuditEvent.at >= since)
        if until:
            query = query.where(AuditEvent.at < until)
        return query

    async def page(self, *, action: str | None = None, actor: UUID | None = None, since: datetime | None = None,
                   until: datetime | None = None, limit: int = 50, offset: int = 0) -> list[Row]:
        query = self._where(AuditEvent.select(), action, actor, since, until)
        return await query.order_by(AuditEvent.at, AuditEvent.id, ascending=False).limit(limit).offset(offset)

    async def count(self, *, action: str | None = None, actor: UUID | None = None, since: datetime | None = None,
                    until: datetime | None = None) -> int:
        return await self._where(AuditEvent.count(), action, actor, since, until)

    async def actors(self) -> list[Row]:
        """Everyone who appears as an actor, by their name now (the person filter; one row each)."""
        rows = await AuditEvent.select(AuditEvent.actor).where(
            AuditEvent.municipality == self.municipality_id, AuditEvent.actor.is_not_null()).distinct()
        ids = [r["actor"] for r in rows]
        if not ids:
            return []
        placeholders = ", ".join("{}" for _ in ids)
        names = {r["id"]: r["name"] for r in await AuditEvent.raw(
            f"SELECT id, name FROM app_user WHERE id IN ({placeholders})", *ids)}
        return [{"id": i, "name": names.get(i, "")} for i in ids]


class RetentionRepository:
    """The retention clean-up across all municipalities (system work, no user)."""

    async def with_personal_data(self, before: datetime, limit: int) -> list[UUID]:
        rows = await AuditEvent.select(AuditEvent.id).where(
            AuditEvent.at < before,
            (AuditEvent.address != "") | (AuditEvent.user_agent != "") | (AuditEvent.actor_name != "")
            | ((AuditEvent.object_type == "user") & (AuditEvent.object_name != "")),
        ).limit(limit)
        return [r["id"] for r in rows]

    async def blank(self, ids: list[UUID]) -> None:
        if ids:
            await AuditEvent.update({AuditEvent.address: "", AuditEvent.user_agent: "",
                                     AuditEvent.actor_name: ""}).where(AuditEvent.id.is_in(ids))
            await AuditEvent.update({AuditEvent.object_name: ""}).where(
                AuditEvent.id.is_in(ids), AuditEvent.object_type == "user")
