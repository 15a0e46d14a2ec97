"""One stemmer for both databases: PostgreSQL's search vector reads the stems the app makes.

PostgreSQL stemmed the stored words itself with its `swedish` configuration, SQLite indexed the
stems the app makes (backend/catalog/text.py). The app's stemmer now also joins the forms of
nouns in -or ("projektorer", "projektorn" → "projektor"), which PostgreSQL's cannot be taught, so
both now index the app's stems: the vector is built with the `simple` configuration (lower case,
nothing removed). The migration then rebuilds every listing's search text and every want's stems
with the new rules (on both databases: SQLite's stems of nouns in -or change too).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.engine.sqlite import SQLiteEngine

ID = "2026-12-06T23:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "PostgreSQL's search vector from the app's stems (simple configuration)"

POSTGRES = (
    "ALTER TABLE listing DROP COLUMN search_vector",
    "ALTER TABLE listing ADD COLUMN search_vector tsvector"
    " GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED",
    "CREATE INDEX listing_search_vector ON listing USING GIN (search_vector)",
    "ANALYZE listing",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="catalog", description=DESCRIPTION)

    async def change():
        from backend.catalog.reindex import reindex, reindex_wants

        engine = engine_finder()
        if not isinstance(engine, SQLiteEngine):  # FTS5 has always indexed the app's stems
            for statement in POSTGRES:
                await engine.run_ddl(statement)
        await reindex(None)
        await reindex_wants(None)

    manager.add_raw(change)
    return manager
