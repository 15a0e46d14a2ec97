"""The one write path: concurrent read-then-write transactions all succeed on both databases."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import pytest
from piccolo.query.functions.aggregate import Max

from backend.accounts.tables import Unit
from backend.db import Typed
from backend.sqlite_pool import is_commit
from tests.factories import make_municipality

pytestmark = pytest.mark.anyio


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
