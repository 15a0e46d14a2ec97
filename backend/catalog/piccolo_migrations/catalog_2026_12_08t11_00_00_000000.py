"""A photo may belong to an item that is on no listing yet: the register's own items get their photos at intake.

`photo.listing` becomes optional, and photos are found by their item (a new index). When the item is
listed, its photos go with it onto the listing. PostgreSQL drops the NOT NULL; SQLite cannot, so its
table is rebuilt from its own definition with the constraint left out (same columns, rows and indexes).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.engine.sqlite import SQLiteEngine

ID = "2026-12-08T11:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "A photo's listing is optional: photos of items on no listing yet"

_NOT_NULL = '"listing" UUID NOT NULL REFERENCES'


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="catalog", description=DESCRIPTION)

    async def change():
        from backend.catalog.tables import Photo

        engine = engine_finder()
        if not isinstance(engine, SQLiteEngine):
            await engine.run_ddl('ALTER TABLE photo ALTER COLUMN listing DROP NOT NULL')
            await engine.run_ddl('CREATE INDEX IF NOT EXISTS photo_item ON photo (item)')
            return
        (table,) = await Photo.raw("SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'photo'")
        if _NOT_NULL not in table["sql"]:
            return
        indexes = await Photo.raw("SELECT sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'photo'"
                                  " AND sql IS NOT NULL")
        created = table["sql"].replace(_NOT_NULL, '"listing" UUID REFERENCES')
        created = created.replace('CREATE TABLE IF NOT EXISTS "photo"', 'CREATE TABLE "photo_rebuilt"', 1)
        created = created.replace('CREATE TABLE "photo"', 'CREATE TABLE "photo_rebuilt"', 1)
        await Photo.raw(created)
        await Photo.raw('INSERT INTO "photo_rebuilt" SELECT * FROM "photo"')
        await Photo.raw('DROP TABLE "photo"')
        await Photo.raw('ALTER TABLE "photo_rebuilt" RENAME TO "photo"')
        for index in indexes:
            await Photo.raw(index["sql"])
        await Photo.raw('CREATE INDEX IF NOT EXISTS photo_item ON "photo" ("item")')

    manager.add_raw(change)
    return manager
