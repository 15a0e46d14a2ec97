"""Report indexes: a covering index for the report's aggregates, and one for entries by listing.

With 100,000 entries a plain (municipality, month) index made SQLite fetch every row from the
table (~300 ms per aggregate); the covering index, in GROUP BY order, answers the report from the index alone (~40 ms).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T19:50:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Covering index for impact reports"

STATEMENTS = (
    "CREATE INDEX impact_entry_report ON impact_entry"
    " (municipality, month, deal, category_slug, factor, unit, quantity, co2e_g, saved_ore, waste_g)",
    "CREATE INDEX impact_entry_listing ON impact_entry (listing_id) WHERE listing_id IS NOT NULL",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="impact", description=DESCRIPTION)

    async def create():
        for statement in STATEMENTS:
            await engine_finder().run_ddl(statement)

    manager.add_raw(create)
    return manager
