"""Run and check the committed Piccolo migrations of every context, in dependency order."""

from __future__ import annotations

import contextlib
import io
import os

from backend.db import Database
from backend.piccolo_conf import use_engine

PICCOLO_CONF = "backend.piccolo_conf"


def _bind(database: Database) -> None:
    # Piccolo's migration machinery finds its configuration through this variable.
    os.environ["PICCOLO_CONF"] = PICCOLO_CONF
    use_engine(database.engine)


async def migrate(database: Database, *, quiet: bool = False) -> None:
    """Apply every migration that has not run yet; raise if one fails."""
    from piccolo.apps.migrations.commands.forwards import run_forwards

    _bind(database)
    out = io.StringIO() if quiet else None
    with contextlib.redirect_stdout(out) if out else contextlib.nullcontext():
        result = await run_forwards(app_name="all")
    if not result.success:
        raise RuntimeError(f"Migration failed: {result.message}")


async def pending(database: Database) -> list[str]:
    """The ids of migrations that have not run on this database."""
    from piccolo.apps.migrations.commands.check import CheckMigrationManager

    _bind(database)
    statuses = await CheckMigrationManager(app_name="all").get_migration_statuses()
    return [f"{s.app_name}:{s.migration_id}" for s in statuses if not s.has_ran]
