"""Indexes the codes rules lean on, as plain SQL that SQLite and PostgreSQL both accept.

One linked code per item and per location: a relabelled item's old code is retired first.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T19:15:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "One linked code per item and per location"

STATEMENTS = (
    "CREATE UNIQUE INDEX code_item_linked ON code (item) WHERE status = 'linked' AND item IS NOT NULL",
    "CREATE UNIQUE INDEX code_location_linked ON code (location) WHERE status = 'linked' AND location IS NOT NULL",
    "CREATE INDEX code_municipality_batch ON code (municipality, batch)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="codes", description=DESCRIPTION)

    async def create_indexes():
        for statement in STATEMENTS:
            await engine_finder().run_ddl(statement)

    manager.add_raw(create_indexes)
    return manager
