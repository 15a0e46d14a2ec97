"""Catalogue indexes, full-text search per database, and the seeded category tree.

Piccolo's Unique constraint emits ALTER TABLE … ADD CONSTRAINT, which SQLite does not support,
so composite unique indexes are plain SQL. SQLite searches an FTS5 table whose content is the
listing table's `search_text` (already stemmed in Python) keyed by the listing's rowid, kept in
step by triggers; PostgreSQL uses a GIN index on to_tsvector('swedish', search_text).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.engine.sqlite import SQLiteEngine

ID = "2026-11-25T19:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Catalogue indexes, full-text search and categories"

COMMON = (
    "CREATE UNIQUE INDEX want_match_unique ON want_match (want, listing)",
    "CREATE UNIQUE INDEX photo_display_key_unique ON photo (display_key)",
    "CREATE INDEX listing_status_published ON listing (status, published_at)",
    "CREATE INDEX want_status_municipality ON want (status, municipality)",
)

SQLITE = (
    "CREATE VIRTUAL TABLE listing_fts USING fts5(search_text, content='listing', content_rowid='rowid',"
    " tokenize='unicode61 remove_diacritics 0')",
    "CREATE TRIGGER listing_fts_ai AFTER INSERT ON listing BEGIN"
    " INSERT INTO listing_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
    "CREATE TRIGGER listing_fts_ad AFTER DELETE ON listing BEGIN"
    " INSERT INTO listing_fts(listing_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text); END",
    "CREATE TRIGGER listing_fts_au AFTER UPDATE OF search_text ON listing BEGIN"
    " INSERT INTO listing_fts(listing_fts, rowid, search_text) VALUES ('delete', old.rowid, old.search_text);"
    " INSERT INTO listing_fts(rowid, search_text) VALUES (new.rowid, new.search_text); END",
)

POSTGRES = (
    "CREATE INDEX listing_search_gin ON listing USING GIN (to_tsvector('swedish', search_text))",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="catalog", description=DESCRIPTION)

    async def create():
        engine = engine_finder()
        extra = SQLITE if isinstance(engine, SQLiteEngine) else POSTGRES
        for statement in COMMON + extra:
            await engine.run_ddl(statement)
        from backend.catalog.categories import seed

        await seed()

    manager.add_raw(create)
    return manager
