"""Composite unique indexes, as plain SQL that SQLite and PostgreSQL both accept.

Piccolo's Unique constraint emits ALTER TABLE … ADD CONSTRAINT, which SQLite does not support.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T19:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "Composite unique indexes for the locations table"

STATEMENTS = (
    "CREATE UNIQUE INDEX location_name_unique ON location (municipality, parent, name)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="locations", description=DESCRIPTION)

    async def create_indexes():
        for statement in STATEMENTS:
            await engine_finder().run_ddl(statement)

    manager.add_raw(create_indexes)
    return manager
