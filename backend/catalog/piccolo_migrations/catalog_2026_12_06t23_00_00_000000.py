"""One stemmer for both databases: PostgreSQL's search vector reads the stems the app makes.

PostgreSQL stemmed the stored words itself with its `swedish` configuration, SQLite indexed the
stems the app makes (backend/catalog/text.py). The app's stemmer now also joins the forms of
nouns in -or ("projektorer", "projektorn" → "projektor"), which PostgreSQL's cannot be taught, so
both now index the app's stems: the vector is built with the `simple` configuration (lower case,
nothing removed). Existing listings get their stems from `python -m backend reindex`, run once
after this migration (on either database); until then PostgreSQL finds them by their exact words.
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
        engine = engine_finder()
        if isinstance(engine, SQLiteEngine):
            return  # FTS5 has always indexed the app's stems
        for statement in POSTGRES:
            await engine.run_ddl(statement)

    manager.add_raw(change)
    return manager
