"""The minute's share-day job finds the listings whose share day has come without reading them all.

It asks for published listings with `shared_matched` false and `share_at` passed. With a million
listings that was a scan of the whole table every minute (half a second at national size); an index
on the two columns answers it from the few not yet matched.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-08T12:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Index for the share-day job: listings not yet matched, by share day"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="catalog", description=DESCRIPTION)

    async def change():
        from backend.catalog.tables import Listing

        await Listing.raw("CREATE INDEX IF NOT EXISTS listing_share_due ON listing (shared_matched, share_at)")

    manager.add_raw(change)
    return manager
