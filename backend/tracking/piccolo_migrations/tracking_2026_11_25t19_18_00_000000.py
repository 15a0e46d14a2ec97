"""Indexes for reading history in order, as plain SQL that SQLite and PostgreSQL both accept."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T19:18:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "History indexes for the scan log"

STATEMENTS = (
    "CREATE INDEX scan_event_item_time ON scan_event (item, server_time, seq)",
    "CREATE INDEX scan_event_location_after_time ON scan_event (location_after, server_time)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracking", description=DESCRIPTION)

    async def create_indexes():
        for statement in STATEMENTS:
            await engine_finder().run_ddl(statement)

    manager.add_raw(create_indexes)
    return manager
