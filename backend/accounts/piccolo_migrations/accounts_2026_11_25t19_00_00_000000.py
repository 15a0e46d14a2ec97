"""Composite unique indexes, as plain SQL that SQLite and PostgreSQL both accept.

Piccolo's Unique constraint emits ALTER TABLE … ADD CONSTRAINT, which SQLite does not support.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T19:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Composite unique indexes for the accounts tables"

STATEMENTS = (
    "CREATE UNIQUE INDEX unit_name_unique ON unit (municipality, name)",
    "CREATE UNIQUE INDEX network_member_unique ON network_membership (network, municipality)",
    "CREATE UNIQUE INDEX user_role_unique ON user_role (\"user\", role)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="accounts", description=DESCRIPTION)

    async def create_indexes():
        for statement in STATEMENTS:
            await engine_finder().run_ddl(statement)

    manager.add_raw(create_indexes)
    return manager
