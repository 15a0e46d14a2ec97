"""Piccolo's SQLite engine, with its connections kept and reused.

The stock engine opens a new connection (and, through aiosqlite, a new thread) for every
transaction and every query outside one, and sends `PRAGMA foreign_keys = 1` again before
each query inside a transaction. A request that reads its session and writes one scan paid
for two connections, two threads and a pragma per statement. Here a small pool keeps idle
connections open; each is set up once (foreign keys on, rows as dicts) and each query is
one round trip to its thread.

Connections are only ever used by one transaction at a time: a transaction takes one from
the pool and gives it back when it ends (rolled back first if it was left open).
"""

from __future__ import annotations

import sqlite3
from typing import Any

import aiosqlite
from piccolo.engine.sqlite import SQLiteEngine, dict_factory

# RETURNING, which Piccolo needs to skip its extra primary-key query after an insert.
MIN_SQLITE = (3, 35)


class PooledSQLiteEngine(SQLiteEngine):
    # max_idle: enough for every request of a busy moment to find one kept; a connection closed
    # and opened again costs a thread and SQLite's reading of the schema.
    def __init__(self, path: str, *, max_idle: int = 32, **connection_kwargs: Any) -> None:
        if sqlite3.sqlite_version_info < MIN_SQLITE:
            raise RuntimeError(f"Delbar needs SQLite 3.35 or newer, this Python has {sqlite3.sqlite_version}")
        super().__init__(path=path, **connection_kwargs)
        self.max_idle = max_idle
        self._idle: list[aiosqlite.Connection] = []

    async def _acquire(self) -> aiosqlite.Connection:
        while self._idle:
            connection = self._idle.pop()
            if connection._running and connection._connection is not None:  # noqa: SLF001 - still open
                return connection
        connection = aiosqlite.connect(**self.connection_kwargs)
        # A kept connection's thread must not hold the process open at exit when a command
        # ends without closing the pool; closing it properly stays the normal path.
        connection._thread.daemon = True  # noqa: SLF001 - set before the thread starts
        await connection
        connection.row_factory = dict_factory
        await connection.execute("PRAGMA foreign_keys = 1")
        return connection

    async def _release(self, connection: aiosqlite.Connection) -> None:
        try:
            if connection.in_transaction:
                await connection.rollback()
        except (sqlite3.Error, ValueError):
            await _close_quietly(connection)
            return
        if len(self._idle) < self.max_idle:
            self._idle.append(connection)
        else:
            await connection.close()

    async def close_pool(self) -> None:
        """Close the idle connections (the app's shutdown; their threads end with them)."""
        idle, self._idle = self._idle, []
        for connection in idle:
            await _close_quietly(connection)

    # Piccolo's hooks -----------------------------------------------------------------

    async def get_connection(self) -> _Lent:  # type: ignore[override]
        """A connection for a transaction; its close() returns it to the pool."""
        return _Lent(await self._acquire(), self)

    async def _run_in_new_connection(self, query: str, args: list | None = None, query_type: str = "generic",
                                     table: Any = None) -> list[dict]:
        connection = await self._acquire()
        try:
            return list(await connection.execute_fetchall(query, args or []))
        finally:
            await self._release(connection)

    async def _run_in_existing_connection(self, connection: Any, query: str, args: list | None = None,
                                          query_type: str = "generic", table: Any = None) -> list[dict]:
        return list(await connection.execute_fetchall(query, args or []))


class _Lent:
    """A pooled connection as Piccolo's transaction sees it: closing it gives it back."""

    __slots__ = ("_connection", "_pool")

    def __init__(self, connection: aiosqlite.Connection, pool: PooledSQLiteEngine) -> None:
        self._connection, self._pool = connection, pool

    def __getattr__(self, name: str) -> Any:
        return getattr(self._connection, name)

    async def close(self) -> None:
        await self._pool._release(self._connection)  # noqa: SLF001 - the pool's own hand-back


async def _close_quietly(connection: aiosqlite.Connection) -> None:
    try:
        await connection.close()
    except (sqlite3.Error, ValueError):
        pass
