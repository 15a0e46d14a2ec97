"""The queries every outbox shares: bulk writes, and leasing due rows to one worker at a time.

An outbox table (push deliveries, e-mails) holds rows with a status, a next attempt time, a
lease, an attempt count and the last error. A worker claims due rows in a short write
transaction: on PostgreSQL with FOR UPDATE SKIP LOCKED, so several workers share the table;
on SQLite the write path is serialised anyway (see db.py), so no row lock is asked for.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any, ClassVar, TypeVar
from uuid import UUID

from piccolo.table import Table

from backend.db import engine_is_sqlite

Row = dict[str, Any]
T = TypeVar("T")

# Lists of ids go to IN (…) in parts: SQLite allows a limited number of parameters.
CHUNK = 500


def chunks(values: list[T], size: int = CHUNK) -> list[list[T]]:
    return [values[i:i + size] for i in range(0, len(values), size)]


def as_uuid(value: object) -> UUID:
    """A raw query's id as a UUID (SQLite returns it as text)."""
    return value if isinstance(value, UUID) else UUID(str(value))


def _sqlite_value(value: object) -> object:
    """What Piccolo stores on SQLite: UUIDs as text, aware datetimes as UTC text."""
    if isinstance(value, UUID):
        return str(value)
    if isinstance(value, datetime):
        return str(value.astimezone(UTC))
    return value


async def bulk_insert(table: type[Table], rows: list[Row]) -> None:
    """One executemany on the caller's transaction: a fan-out of 10,000 rows must not build
    10,000 Piccolo objects (that alone took seconds)."""
    if not rows:
        return
    transaction = table._meta.db.current_transaction.get()
    if transaction is None:
        raise RuntimeError("bulk inserts run inside a write transaction")
    columns = list(rows[0])
    names = ", ".join(f'"{c}"' for c in columns)
    if engine_is_sqlite(table):
        marks = ", ".join("?" for _ in columns)
        values = [tuple(_sqlite_value(r[c]) for c in columns) for r in rows]
    else:
        marks = ", ".join(f"${i}" for i in range(1, len(columns) + 1))
        values = [tuple(r[c] for c in columns) for r in rows]
    sql = f'INSERT INTO "{table._meta.tablename}" ({names}) VALUES ({marks})'
    await transaction.connection.executemany(sql, values)


class LeaseRepository:
    """The claim and the results of one outbox table; a context names its table and its claim query."""

    table: ClassVar[type[Table]]
    # Selects the due rows' ids; its placeholders are now, now and the limit; `alias` names the table in it.
    claim_sql: ClassVar[str]
    alias: ClassVar[str]

    async def details(self, ids: list[UUID]) -> list[Row]:
        """What sending the claimed rows needs, in the order they go out."""
        raise NotImplementedError

    async def insert_pending(self, rows: list[Row]) -> None:
        await bulk_insert(self.table, [{**r, "leased_until": None, "last_error": "", "sent_at": None} for r in rows])

    async def any_due(self, now: datetime) -> bool:
        """A cheap look before claiming, so an idle worker does not take SQLite's write lock."""
        t = self.table
        return await t.exists().where(
            t.status == "pending", t.next_attempt_at <= now, t.leased_until.is_null() | (t.leased_until < now),
        )

    async def claim(self, now: datetime, limit: int, lease_until: datetime, *,
                    skip_locked: bool | None = None) -> list[UUID]:
        """Lease up to `limit` due rows; SKIP LOCKED (PostgreSQL) lets other workers take the rest."""
        t = self.table
        if skip_locked is None:
            skip_locked = not engine_is_sqlite(t)
        sql = self.claim_sql + (f" FOR UPDATE OF {self.alias} SKIP LOCKED" if skip_locked else "")
        ids = [as_uuid(r["id"]) for r in await t.raw(sql, now, now, limit)]
        for chunk in chunks(ids):
            await t.update({t.leased_until: lease_until, t.attempts: t.attempts + 1}).where(t.id.is_in(chunk))
        return ids

    async def mark_sent(self, ids: list[UUID], now: datetime) -> None:
        t = self.table
        for chunk in chunks(ids):
            await t.update(
                {t.status: "sent", t.sent_at: now, t.leased_until: None, t.last_error: ""}
            ).where(t.id.is_in(chunk))

    async def reschedule(self, row_id: UUID, at: datetime, error: str) -> None:
        t = self.table
        await t.update(
            {t.next_attempt_at: at, t.leased_until: None, t.last_error: error[:300]}
        ).where(t.id == row_id)

    async def close(self, row_id: UUID, status: str, error: str) -> None:
        """Stop trying: refused for good, too old to matter, or out of attempts."""
        t = self.table
        await t.update({t.status: status, t.leased_until: None, t.last_error: error[:300]}).where(t.id == row_id)

    async def count_by_status(self) -> dict[str, int]:
        rows = await self.table.raw(f"SELECT status, COUNT(*) AS n FROM {self.table._meta.tablename} GROUP BY status")
        return {r["status"]: r["n"] for r in rows}
