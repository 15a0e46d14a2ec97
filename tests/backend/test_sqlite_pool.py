"""The SQLite pool stands on private parts of Piccolo and aiosqlite (pinned in pyproject.toml).

These tests fail when an upgrade moves them, before the pool misbehaves in production: Piccolo
must still send every query through `_run_in_new_connection` or `_run_in_existing_connection`
and take a transaction's connection from `get_connection()`; aiosqlite's connections must still
have the thread and the flags the pool reads.
"""

from __future__ import annotations

import inspect
import threading
from pathlib import Path

import aiosqlite
import pytest
from piccolo.engine.sqlite import SQLiteEngine, dict_factory

from backend.sqlite_pool import PooledSQLiteEngine

pytestmark = pytest.mark.anyio


def _parameters(function) -> list[str]:
    return list(inspect.signature(function).parameters)


class Spy(PooledSQLiteEngine):
    """The pool, counting which of Piccolo's hooks each query went through."""

    def __init__(self, path: str) -> None:
        super().__init__(path=path)
        self.calls: list[str] = []

    async def get_connection(self):
        self.calls.append("get_connection")
        return await super().get_connection()

    async def _run_in_new_connection(self, *args, **kwargs):
        self.calls.append("new")
        return await super()._run_in_new_connection(*args, **kwargs)

    async def _run_in_existing_connection(self, *args, **kwargs):
        self.calls.append("existing")
        return await super()._run_in_existing_connection(*args, **kwargs)


@pytest.fixture
async def spy(tmp_path: Path):
    engine = Spy(str(tmp_path / "pool.sqlite"))
    yield engine
    await engine.close_pool()


class TestPiccoloHooks:
    def test_the_overridden_hooks_keep_their_signatures(self):
        assert _parameters(SQLiteEngine._run_in_new_connection) == _parameters(
            PooledSQLiteEngine._run_in_new_connection)
        assert _parameters(SQLiteEngine._run_in_existing_connection) == _parameters(
            PooledSQLiteEngine._run_in_existing_connection)
        assert _parameters(SQLiteEngine.get_connection) == ["self"]
        assert callable(dict_factory) and "database" in SQLiteEngine(path=":memory:").connection_kwargs

    async def test_a_query_outside_a_transaction_goes_through_a_new_connection_hook(self, spy):
        assert await spy.run_ddl("SELECT 1 AS ok") == [{"ok": 1}]
        assert spy.calls == ["new"]

    async def test_a_transaction_takes_its_connection_from_the_engine_and_runs_in_it(self, spy):
        async with spy.transaction():
            assert await spy.run_ddl("SELECT 2 AS ok") == [{"ok": 2}]
        assert spy.calls == ["get_connection", "existing"]

    async def test_the_transaction_gives_its_connection_back_to_the_pool(self, spy):
        async with spy.transaction():
            await spy.run_ddl("SELECT 1")
        async with spy.transaction():
            await spy.run_ddl("SELECT 1")
        assert len(spy._idle) == 1  # one connection, used twice


class TestAiosqliteInternals:
    async def test_a_connection_has_the_thread_and_flags_the_pool_reads(self, tmp_path: Path):
        connection = aiosqlite.connect(str(tmp_path / "raw.sqlite"))
        assert isinstance(connection._thread, threading.Thread) and not connection._thread.is_alive()
        await connection
        try:
            assert connection._running and connection._connection is not None
            assert connection.in_transaction is False
            assert await connection.execute_fetchall("SELECT 1") == [(1,)]
        finally:
            await connection.close()
        assert not (connection._running and connection._connection is not None)
