"""The database: engine from DATABASE_URL, and the one write path every change goes through.

SQLite allows one writer; concurrent read-then-write transactions fail with "database is
locked" instead of waiting. So on SQLite every write transaction is BEGIN IMMEDIATE and is
serialised in-process by one asyncio lock. PostgreSQL needs neither.
"""

from __future__ import annotations

import asyncio
import contextvars
from collections.abc import AsyncIterator
from contextlib import AbstractContextManager, asynccontextmanager, nullcontext
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from piccolo.columns.base import Column
from piccolo.engine.base import Engine
from piccolo.engine.postgres import PostgresEngine
from piccolo.engine.sqlite import SQLiteEngine, TransactionType
from piccolo.querystring import QueryString
from piccolo.table import Table

from backend.sqlite_pool import PooledSQLiteEngine

_in_write: contextvars.ContextVar[bool] = contextvars.ContextVar("delbar_in_write", default=False)


def engine_for(url: str) -> Engine:
    """Build a Piccolo engine for a sqlite:///path or postgresql://… URL."""
    parsed = urlparse(url)
    if parsed.scheme == "sqlite":
        path = Path(url.removeprefix("sqlite:///") or "var/delbar.sqlite")
        path.parent.mkdir(parents=True, exist_ok=True)
        # timeout: how long another process (e.g. the demo command) may hold the write lock.
        return PooledSQLiteEngine(path=str(path), timeout=30)
    if parsed.scheme in {"postgres", "postgresql"}:
        return PostgresEngine(config={"dsn": url.replace("postgres://", "postgresql://", 1)})
    raise ValueError(f"DATABASE_URL must start with sqlite:/// or postgresql://, not {parsed.scheme!r}")


def engine_is_sqlite(table: type[Table]) -> bool:
    """Whether this table's engine is SQLite: for repositories that write their SQL per database."""
    return isinstance(table._meta.db, SQLiteEngine)


class Typed(QueryString):
    """An expression over a column (MAX, MIN…) whose result comes back as that column's type.

    SQLite gives an expression's result no declared type, so Piccolo's converters skip it and
    MAX of a timestamp arrives as its stored text, which then compares with nothing but text.
    Naming the type in the alias (`"at [TIMESTAMPTZ]"`) makes sqlite3 convert it as the column
    would be; the row's key stays the bare alias. PostgreSQL types every result itself.
    """

    def __init__(self, expression: QueryString, like: Column) -> None:
        super().__init__("{}", expression, alias=expression._alias)  # the alias it was given
        self._column_type = like.column_type

    def get_select_string(self, engine_type: str, with_alias: bool = True) -> QueryString:
        if engine_type == "sqlite" and with_alias and self._alias:
            return QueryString("{} AS " + f'"{self._alias} [{self._column_type}]"', self)
        return super().get_select_string(engine_type, with_alias)


async def _return_to_pool(connection: Any) -> None:
    """What a PostgreSQL connection needs before the next request borrows it: nothing but a rollback
    when a cancelled request left its transaction open.

    asyncpg's own reset (unlock advisory locks, close cursors, unlisten, reset settings) is one more
    round trip after every request, a tenth of a scan's. Delbar keeps no state on a connection: its
    advisory locks are per transaction (pg_advisory_xact_lock), and it never SETs, LISTENs or holds a
    cursor past a transaction. tests/backend/test_db.py checks that a returned connection is clean.
    """
    if connection.is_in_transaction():
        await connection.execute("ROLLBACK")


class Database:
    """One engine plus the read and write transaction helpers that services use."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.is_sqlite = isinstance(engine, SQLiteEngine)
        self._write_lock = asyncio.Lock() if self.is_sqlite else None
        # Writes wait for one lock in this process (SQLite): a caller may gather waiting ones into one.
        self.writes_queue = self.is_sqlite

    @classmethod
    def from_url(cls, url: str) -> Database:
        return cls(engine_for(url))

    async def start(self) -> None:
        """Open the pool (PostgreSQL) or switch the file to WAL once (SQLite)."""
        if self.is_sqlite:
            # An asyncio lock belongs to the loop that first waits on it; a database started
            # again in another loop (a test's own, an app served twice) needs a new one.
            self._write_lock = asyncio.Lock()
            await self.engine.run_ddl("PRAGMA journal_mode=WAL")
        else:
            await self.engine.start_connection_pool(min_size=1, max_size=10, reset=_return_to_pool)

    async def stop(self) -> None:
        if isinstance(self.engine, PooledSQLiteEngine):
            await self.engine.close_pool()
        elif not self.is_sqlite:
            await self.engine.close_connection_pool()

    async def ping(self) -> bool:
        """True when the database answers a trivial query."""
        rows = await self.engine.run_ddl("SELECT 1 AS ok")
        return bool(rows) and rows[0]["ok"] == 1

    def pool_use(self) -> dict[str, int]:
        """Connections open and idle in this process's pool, and its bound (what metrics show)."""
        if isinstance(self.engine, PooledSQLiteEngine):
            # Connections lent out are not tracked: the idle ones kept, and how many may be kept.
            return {"idle": self.engine.idle_connections, "max": self.engine.max_idle}
        pool = getattr(self.engine, "pool", None)
        if pool is None:
            return {}
        return {"open": pool.get_size(), "idle": pool.get_idle_size(), "max": pool.get_max_size()}

    def on_loop_thread(self) -> AbstractContextManager[None]:
        """SQLite: transactions begun in the block run on the event loop's thread (see sqlite_pool)."""
        return self.engine.on_loop_thread() if isinstance(self.engine, PooledSQLiteEngine) else nullcontext()

    @asynccontextmanager
    async def read(self) -> AsyncIterator[None]:
        """Group a request's reads in one transaction (one connection, one snapshot)."""
        if self.engine.transaction_exists():
            yield
            return
        async with self.engine.transaction():
            yield

    @asynccontextmanager
    async def write(self) -> AsyncIterator[None]:
        """Run the block as the only writer: BEGIN IMMEDIATE behind a lock on SQLite."""
        if _in_write.get():
            yield
            return
        if self.engine.transaction_exists():
            raise RuntimeError("write() inside a read() transaction would deadlock SQLite")
        token = _in_write.set(True)
        try:
            if self._write_lock is None:
                async with self.engine.transaction():
                    yield
            else:
                async with self._write_lock, self.engine.transaction(transaction_type=TransactionType.immediate):
                    yield
        finally:
            _in_write.reset(token)
