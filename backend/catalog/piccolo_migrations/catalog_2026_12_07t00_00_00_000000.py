"""SQLite's newest-first walk decides who may see a listing from the index alone.

A best-match search for a common word walks the newest-first index until it has its pool of
500 visible hits, a few thousand entries. The index now also holds the columns the visibility
condition reads, so SQLite tests each entry without loading its row (wide: the description and
search text) and reads the table only for the hits it keeps. PostgreSQL plans its own way.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.engine.sqlite import SQLiteEngine

ID = "2026-12-07T00:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "SQLite's newest-first index covers the visibility condition"

SQLITE = (
    "DROP INDEX IF EXISTS listing_newest",
    "CREATE INDEX listing_newest ON listing"
    " (published_at DESC, id, status, municipality, owner_unit, visibility, share_at, widen_to)",
    "ANALYZE listing",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="catalog", description=DESCRIPTION)

    async def change():
        engine = engine_finder()
        if isinstance(engine, SQLiteEngine):
            for statement in SQLITE:
                await engine.run_ddl(statement)

    manager.add_raw(change)
    return manager
