"""The audit trail: record a change inside the caller's write transaction, read and export it (admins).

`record` is called by the other contexts' services inside the `db.write()` that makes the change,
so the entry and the change commit or roll back together. It keeps only the fields that changed.
"""

from __future__ import annotations

import csv
import io
import json
from collections import Counter
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID, uuid4

from backend import clock
from backend.audit.repository import AuditRepository, AuditWriter, RetentionRepository, Row
from backend.audit.schemas import ACTIONS, KINDS
from backend.db import Database
from backend.errors import Invalid
from backend.tenancy import Actor
from backend.vocabulary import STOCKHOLM

CHUNK = 1000
# Entries an export holds at most: a filtered year of a large municipality's administration.
EXPORT_LIMIT = 50_000


def _plain(value: Any) -> Any:
    if isinstance(value, UUID | datetime | date):
        return str(value)
    if isinstance(value, list | tuple | set | frozenset):
        return sorted(_plain(v) for v in value)
    return value


def changed(before: dict[str, Any] | None, after: dict[str, Any] | None) -> tuple[dict[str, Any], dict[str, Any]]:
    """The fields that differ, each side with its value (a field missing on one side is left out there)."""
    before, after = before or {}, after or {}
    keys = [k for k in dict.fromkeys([*before, *after]) if _plain(before.get(k)) != _plain(after.get(k))]
    return ({k: _plain(before[k]) for k in keys if k in before}, {k: _plain(after[k]) for k in keys if k in after})


async def record(actor: Actor | None, action: str, object_type: str = "", object_id: Any = "", *,
                 before: dict[str, Any] | None = None, after: dict[str, Any] | None = None, object_name: str = "",
                 municipality_id: UUID | None = None, actor_id: UUID | None = None, address: str = "",
                 user_agent: str = "") -> None:
    """Append one entry; call it inside the write transaction of the change it records."""
    writer = AuditWriter()
    actor_id_ = actor.user_id if actor else actor_id
    old, new = changed(before, after)
    if object_type == "user" and object_id and not object_name:
        object_name = await writer.name_of(object_id)  # e.g. the account a failed sign-in tried
    await writer.append({
        "id": uuid4(), "at": clock.now(),
        "municipality": actor.municipality_id if actor else municipality_id,
        "actor": actor_id_, "actor_name": (await writer.name_of(actor_id_))[:200] if actor_id_ else "",
        "action": action, "object_type": object_type, "object_id": str(object_id or "")[:100],
        "object_name": object_name[:200],
        "before": json.dumps(old, ensure_ascii=False, sort_keys=True),
        "after": json.dumps(new, ensure_ascii=False, sort_keys=True),
        "address": address[:64], "user_agent": user_agent[:300],
    })


def _read(row: Row) -> Row:
    return {**row, "before": json.loads(row["before"] or "{}"), "after": json.loads(row["after"] or "{}")}


class AuditService:
    """What an admin reads: their own municipality's entries, newest first."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.entries = AuditRepository(actor.municipality_id)

    @staticmethod
    def _filters(action: str | None, actor: UUID | None, since: date | None, until: date | None) -> dict[str, Any]:
        if since and until and until < since:
            raise Invalid("The end of the date range is before its start.", error="bad_range")
        if action and action not in ACTIONS and action not in KINDS:
            raise Invalid("No such kind of event.", error="unknown_action")
        def start_of(day: date) -> datetime:
            """Midnight of a Swedish day, in UTC as the entries are stored."""
            return datetime.combine(day, time(), STOCKHOLM).astimezone(UTC)

        return {
            "action": action, "actor": actor, "since": start_of(since) if since else None,
            # The range includes its last day.
            "until": start_of(until + timedelta(days=1)) if until else None,
        }

    async def page(self, *, action: str | None = None, actor: UUID | None = None, since: date | None = None,
                   until: date | None = None, limit: int = 50, offset: int = 0) -> tuple[list[Row], int]:
        self.actor.require("admin")
        filters = self._filters(action, actor, since, until)
        async with self.db.read():
            rows = await self.entries.page(**filters, limit=limit, offset=offset)
            total = await self.entries.count(**filters)
        return [_read(r) for r in rows], total

    async def actors(self) -> list[Row]:
        self.actor.require("admin")
        async with self.db.read():
            return sorted(await self.entries.actors(), key=lambda r: (r["name"].lower(), str(r["id"])))

    async def csv(self, *, action: str | None = None, actor: UUID | None = None, since: date | None = None,
                  until: date | None = None) -> str:
        """The filtered entries as CSV in the same conventions as the other exports: BOM, `;`, CRLF."""
        self.actor.require("admin")
        filters = self._filters(action, actor, since, until)
        async with self.db.read():
            rows = await self.entries.page(**filters, limit=EXPORT_LIMIT, offset=0)
        out = io.StringIO()
        writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
        writer.writerow(("Tid", "Händelse", "Utförd av", "Utförd av (id)", "Objekt", "Objekt-id", "Objektets namn",
                         "Före", "Efter", "IP-adress", "Webbläsare"))
        for row in rows:
            writer.writerow((
                row["at"].astimezone(STOCKHOLM).isoformat(timespec="seconds"), row["action"], _safe(row["actor_name"]),
                str(row["actor"] or ""), row["object_type"], row["object_id"], _safe(row["object_name"]),
                _safe(row["before"]),
                _safe(row["after"]), row["address"], _safe(row["user_agent"]),
            ))
        return "\ufeff" + out.getvalue()


def _safe(text: str) -> str:
    """A cell a spreadsheet would run as a formula is prefixed with an apostrophe."""
    return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text


async def blank_personal_data(db: Database, now: datetime, days: int, chunk: int = CHUNK) -> Counter:
    """Blank the address, user agent, actor's and person's names of entries older than `days`; the count."""
    if days < 1:
        raise ValueError("retention must be at least one day")
    before, repository, counts = now - timedelta(days=days), RetentionRepository(), Counter()
    while True:
        async with db.write():
            ids = await repository.with_personal_data(before, chunk)
            await repository.blank(ids)
        counts["audit_entries_blanked"] += len(ids)
        if len(ids) < chunk:
            break
    return +counts
