"""The migrations module: a database migrated before locations and transport were two Piccolo
apps (one app, "logistics") is up to date for the code as it is now."""

from __future__ import annotations

import pytest
from piccolo.apps.migrations.tables import Migration

from backend.migrations import FORMER_APP_NAMES, migrate, pending

pytestmark = pytest.mark.anyio


async def _recorded_as(app_names: list[str]) -> list[tuple[str, str]]:
    rows = await Migration.select(Migration.app_name, Migration.name).where(Migration.app_name.is_in(app_names))
    return sorted((r["app_name"], r["name"]) for r in rows)


async def _as_before_the_split(db) -> list[str]:
    """Record the renamed apps' migrations under their former name, as the old code did."""
    Migration._meta.db = db.engine  # the log's engine is this app's, as migrate() binds it
    ids = [name for _, name in await _recorded_as(list(FORMER_APP_NAMES))]
    async with db.write():
        await Migration.update({Migration.app_name: "logistics"}).where(
            Migration.app_name.is_in(list(FORMER_APP_NAMES)))
    return ids


class TestFormerAppNames:
    async def test_a_database_migrated_as_logistics_has_nothing_pending(self, app):
        db = app.state.db
        ids = await _as_before_the_split(db)
        try:
            assert ids and await pending(db) == []
        finally:
            await migrate(db, quiet=True)

    async def test_migrate_records_them_under_the_apps_names_now_and_runs_nothing_again(self, app):
        db = app.state.db
        before = await _recorded_as(list(FORMER_APP_NAMES))
        await _as_before_the_split(db)
        await migrate(db, quiet=True)  # would fail if it created the location table again
        assert await _recorded_as(list(FORMER_APP_NAMES)) == before
        assert await _recorded_as(["logistics"]) == []
        assert {app_name for app_name, _ in before} == {"locations", "transport"}
