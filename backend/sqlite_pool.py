"""Piccolo's SQLite engine, with its connections kept and reused.

The stock engine opens a new connection (and, through aiosqlite, a new thread) for every
transaction and every query outside one, and sends `PRAGMA foreign_keys = 1` again before
each query inside a transaction. A request that reads its session and writes one scan paid
for two connections, two threads and a pragma per statement. Here a small pool keeps idle
connections open; each is set up once (foreign keys on, rows as dicts) and each query is
one round trip to its thread.

Connections are only ever used by one transaction at a time: a transaction takes one from
the pool and gives it back when it ends (rolled back first if it was left open).

One more connection is never handed to a thread: transactions begun under `on_loop_thread()`
run their statements on the event loop's own thread. The scan writer uses it: its look-ups
and writes are short (primary-key look-ups, one insert, one update), and under load each
hand-off to a connection's thread and back cost 3-9 ms of waiting for the GIL and the busy
loop, many times the statement itself. Its busy timeout is short, so a lock held by another
process (a command run beside the server) fails fast instead of stalling the loop.
"""

from __future__ import annotations

import asyncio
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from contextvars import ContextVar
from typing import Any

import aiosqlite
from piccolo.engine.sqlite import SQLiteEngine, dict_factory

# RETURNING, which Piccolo needs to skip its extra primary-key query after an insert.
MIN_SQLITE = (3, 35)
LOOP_THREAD_BUSY_TIMEOUT = 0.05  # seconds the loop's own connection waits for another process's lock
_on_loop_thread: ContextVar[bool] = ContextVar("delbar_sqlite_on_loop_thread", default=False)


class PooledSQLiteEngine(SQLiteEngine):
    # max_idle: enough for every request of a busy moment to find one kept; a connection closed
    # and opened again costs a thread and SQLite's reading of the schema.
    def __init__(self, path: str, *, max_idle: int = 32, **connection_kwargs: Any) -> None:
        if sqlite3.sqlite_version_info < MIN_SQLITE:
            raise RuntimeError(f"Delbar needs SQLite 3.35 or newer, this Python has {sqlite3.sqlite_version}")
        super().__init__(path=path, **connection_kwargs)
        self.max_idle = max_idle
        self._idle: list[aiosqlite.Connection] = []
        self._loop_thread: _OnLoopThread | None = None

    async def _acquire(self) -> aiosqlite.Connection:
        while self._idle:
            connection = self._idle.pop()
            if connection._running and connection._connection is not None:  # still open
                return connection
        connection = aiosqlite.connect(**self.connection_kwargs)
        # A kept connection's thread must not hold the process open at exit when a command
        # ends without closing the pool; closing it properly stays the normal path.
        connection._thread.daemon = True  # set before the thread starts
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

    @property
    def idle_connections(self) -> int:
        return len(self._idle)

    async def close_pool(self) -> None:
        """Close the idle connections (the app's shutdown; their threads end with them)."""
        idle, self._idle = self._idle, []
        for connection in idle:
            await _close_quietly(connection)
        if self._loop_thread is not None:
            self._loop_thread.connection.close()
            self._loop_thread = None

    @contextmanager
    def on_loop_thread(self) -> Iterator[None]:
        """Transactions begun in this block run on the event loop's thread (short statements only).

        Only one such transaction may be open at a time; the caller holds the write lock.
        """
        token = _on_loop_thread.set(True)
        try:
            yield
        finally:
            _on_loop_thread.reset(token)

    # Piccolo's hooks -----------------------------------------------------------------

    async def get_connection(self) -> _Lent | _OnLoopThread:  # type: ignore[override]
        """A connection for a transaction; its close() returns it to the pool."""
        if _on_loop_thread.get():
            if self._loop_thread is None:
                connection = sqlite3.connect(**{**self.connection_kwargs, "timeout": LOOP_THREAD_BUSY_TIMEOUT,
                                                "check_same_thread": False})  # COMMIT runs on a worker thread
                connection.row_factory = dict_factory
                connection.execute("PRAGMA foreign_keys = 1")
                self._loop_thread = _OnLoopThread(connection)
            return self._loop_thread
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
        await self._pool._release(self._connection)  # the pool's own hand-back


_COMMITS = frozenset({"COMMIT", "END", "COMMIT TRANSACTION", "END TRANSACTION"})


def is_commit(sql: str) -> bool:
    """Whether a statement ends a transaction with a commit, however it is spelled."""
    return " ".join(sql.replace(";", " ").split()).upper() in _COMMITS


class _OnLoopThread:
    """The connection used on the event loop's thread, with the awaitable methods Piccolo calls."""

    __slots__ = ("connection",)

    def __init__(self, connection: sqlite3.Connection) -> None:
        self.connection = connection

    @property
    def in_transaction(self) -> bool:
        return self.connection.in_transaction

    async def execute(self, sql: str, parameters: Any = ()) -> None:
        if is_commit(sql):  # the fsync: on a worker thread, while the loop goes on serving
            await asyncio.to_thread(self.connection.execute, sql)
        else:
            self.connection.execute(sql, parameters)

    async def executemany(self, sql: str, parameters: Any) -> None:
        self.connection.executemany(sql, parameters)

    async def execute_fetchall(self, sql: str, parameters: Any = ()) -> list[dict]:
        return self.connection.execute(sql, parameters).fetchall()

    async def close(self) -> None:
        """Kept open for the next transaction; one left open (an error mid-way) is rolled back."""
        if self.connection.in_transaction:
            self.connection.rollback()


async def _close_quietly(connection: aiosqlite.Connection) -> None:
    with suppress(sqlite3.Error, ValueError):
        await connection.close()
