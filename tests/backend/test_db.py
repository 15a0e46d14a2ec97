"""The one write path: concurrent read-then-write transactions all succeed on both databases."""

from __future__ import annotations

import asyncio
import re
from datetime import UTC, datetime
from pathlib import Path

import pytest
from piccolo.query.functions.aggregate import Max

from backend.accounts.tables import Unit
from backend.db import Typed
from backend.sqlite_pool import is_commit
from tests.factories import make_municipality

pytestmark = pytest.mark.anyio
ROOT = Path(__file__).resolve().parents[2]


class TestWritePath:
    async def test_fifty_concurrent_read_then_write_transactions_all_commit(self, client, app):
        db = app.state.db
        municipality = await make_municipality("Ystad")

        async def create(n: int) -> None:
            async with db.write():
                count = await Unit.count().where(Unit.municipality == municipality)
                await Unit.insert(Unit(municipality=municipality, name=f"Enhet {n} efter {count}"))

        await asyncio.gather(*(create(n) for n in range(50)))
        assert await Unit.count() == 50

    async def test_an_error_inside_a_write_rolls_everything_back(self, client, app):
        db = app.state.db
        municipality = await make_municipality("Ystad")
        with pytest.raises(RuntimeError):
            async with db.write():
                await Unit.insert(Unit(municipality=municipality, name="Halvfärdig"))
                raise RuntimeError("boom")
        assert await Unit.count() == 0

    async def test_nested_write_joins_the_outer_transaction(self, client, app):
        db = app.state.db
        municipality = await make_municipality("Ystad")
        async with db.write(), db.write():
            await Unit.insert(Unit(municipality=municipality, name="Inre"))
        assert await Unit.count() == 1

    async def test_write_inside_read_is_refused_rather_than_deadlocking(self, client, app):
        db = app.state.db
        with pytest.raises(RuntimeError):
            async with db.read(), db.write():
                pass


# What would outlive a request on a pooled connection: session advisory locks, LISTEN, SET (not SET LOCAL).
SESSION_STATE = re.compile(r"pg_advisory_lock|pg_try_advisory_lock\(|\bLISTEN\b|[\"']\s*SET\s+(?!LOCAL\b)")


def test_no_request_leaves_state_on_its_database_connection():
    """The pool returns connections without resetting them (db._return_to_pool), which holds only
    while no code keeps state on a connection past its transaction."""
    found = [f"{path}: {match.group(0)}" for path in sorted((ROOT / "backend").rglob("*.py"))
             if "piccolo_migrations" not in path.parts
             for match in SESSION_STATE.finditer(path.read_text())]
    assert found == []


class TestPooledConnections:
    """PostgreSQL: a connection goes back to the pool without asyncpg's reset query (a round trip per
    request), so what a request leaves on it must already be gone."""

    @pytest.fixture(autouse=True)
    def _postgres_only(self, app):
        if app.state.db.is_sqlite:
            pytest.skip("the pool of PostgreSQL connections")

    async def test_a_transaction_left_open_is_rolled_back_before_the_next_borrower(self, client, app):
        municipality = await make_municipality("Ystad")
        pool = app.state.db.engine.pool
        connection = await pool.acquire()
        await connection.execute("BEGIN")
        await connection.execute("INSERT INTO unit (id, municipality, name, cost_centre, version, created_at) VALUES"
                                 " (gen_random_uuid(), $1, 'Halvfärdig', '', 1, now())", municipality)
        await pool.release(connection)  # as a cancelled request leaves it
        async with pool.acquire() as again:
            assert not again.is_in_transaction()
        assert await Unit.count().where(Unit.name == "Halvfärdig") == 0


class TestMigrations:
    async def test_nothing_is_pending_after_migrating(self, client, app):
        from backend.migrations import pending

        assert await pending(app.state.db) == []


class TestLoopThreadCommit:
    @pytest.mark.parametrize("sql", ["COMMIT", "commit", "COMMIT;", " END TRANSACTION ", "End"])
    def test_every_spelling_of_commit_goes_to_a_worker_thread(self, sql):
        assert is_commit(sql)

    @pytest.mark.parametrize("sql", ["ROLLBACK", "BEGIN IMMEDIATE", "SELECT 'COMMIT'", "UPDATE x SET end = 1"])
    def test_other_statements_stay_on_the_loop(self, sql):
        assert not is_commit(sql)


class TestTyped:
    async def test_the_latest_timestamp_comes_back_as_a_datetime_with_its_alias(self, client):
        municipality = await make_municipality("Ystad")
        at = datetime(2026, 3, 1, 12, 30, tzinfo=UTC)
        await Unit.insert(Unit(municipality=municipality, name="Enhet", created_at=at))
        row = await Unit.select(Typed(Max(Unit.created_at, alias="latest"), like=Unit.created_at)).first()
        assert row == {"latest": at}
