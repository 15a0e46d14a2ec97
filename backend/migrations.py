"""Run and check the committed Piccolo migrations of every context, in dependency order."""

from __future__ import annotations

import contextlib
import io
import os

from backend.db import Database
from backend.piccolo_conf import APP_REGISTRY, use_engine

PICCOLO_CONF = "backend.piccolo_conf"
# Piccolo records a migration as (app name, id). Until December 2026 locations and transport were
# one app, "logistics": a database migrated before then has their migrations under that name.
FORMER_APP_NAMES = {"locations": "logistics", "transport": "logistics"}


def _bind(database: Database) -> None:
    from piccolo.apps.migrations.tables import Migration

    # Piccolo's migration machinery finds its configuration through this variable.
    os.environ["PICCOLO_CONF"] = PICCOLO_CONF
    use_engine(database.engine)
    # Its migration log keeps the first engine it found: in a process that opens several
    # databases (the tests) it would write to the wrong one, or wait on this one's write lock.
    Migration._meta.db = database.engine


def _migration_ids(app_name: str) -> list[str]:
    from piccolo.apps.migrations.commands.base import BaseMigrationManager

    folder = APP_REGISTRY.app_configs[app_name].resolved_migrations_folder_path
    return list(BaseMigrationManager().get_migration_modules(folder))


async def _recorded_under_former_names() -> dict[str, set[str]]:
    """Per renamed app, the ids of its migrations that ran under its former name."""
    from piccolo.apps.migrations.tables import Migration

    if not await Migration.table_exists():
        return {}
    found: dict[str, set[str]] = {}
    for app_name, former in FORMER_APP_NAMES.items():
        rows = await Migration.select(Migration.name).where(
            Migration.app_name == former, Migration.name.is_in(_migration_ids(app_name)))
        found[app_name] = {r["name"] for r in rows}
    return found


async def _adopt_former_names(database: Database) -> None:
    """Record the migrations that ran under a former app name under the app's name now."""
    from piccolo.apps.migrations.tables import Migration

    async with database.write():
        for app_name, ids in (await _recorded_under_former_names()).items():
            if ids:
                await Migration.update({Migration.app_name: app_name}).where(
                    Migration.app_name == FORMER_APP_NAMES[app_name], Migration.name.is_in(sorted(ids)))


async def migrate(database: Database, *, quiet: bool = False) -> None:
    """Apply every migration that has not run yet; raise if one fails."""
    from piccolo.apps.migrations.commands.forwards import run_forwards

    _bind(database)
    await _adopt_former_names(database)
    out = io.StringIO() if quiet else None
    with contextlib.redirect_stdout(out) if out else contextlib.nullcontext():
        result = await run_forwards(app_name="all")
    if not result.success:
        raise RuntimeError(f"Migration failed: {result.message}")


async def pending(database: Database) -> list[str]:
    """The ids of migrations that have not run on this database (under its app's name now or before)."""
    from piccolo.apps.migrations.commands.check import CheckMigrationManager

    _bind(database)
    statuses = await CheckMigrationManager(app_name="all").get_migration_statuses()
    former = await _recorded_under_former_names()
    return [f"{s.app_name}:{s.migration_id}" for s in statuses
            if not s.has_ran and s.migration_id not in former.get(s.app_name, set())]


async def applied(database: Database) -> list[str]:
    """The migrations this database has run, as app:id, in the order they ran."""
    from piccolo.apps.migrations.tables import Migration

    _bind(database)
    if not await Migration.table_exists():
        return []
    rows = await Migration.select(Migration.app_name, Migration.name).order_by(Migration.id)
    return [f"{r['app_name']}:{r['name']}" for r in rows]


def known() -> set[str]:
    """Every migration this code has, as app:id (and under a renamed app's former name too)."""
    ids = {f"{app}:{m}" for app in APP_REGISTRY.app_configs for m in _migration_ids(app)}
    return ids | {f"{FORMER_APP_NAMES[app]}:{m}" for app in FORMER_APP_NAMES for m in _migration_ids(app)}
