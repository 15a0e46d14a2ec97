"""Impact indexes (one ledger entry per booking, unique factor versions) and the seeded factors.

Partial unique indexes are plain SQL that SQLite and PostgreSQL both accept; Piccolo's Unique
constraint would emit ALTER TABLE … ADD CONSTRAINT, which SQLite does not support.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T19:30:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Impact indexes and the national default factors"

STATEMENTS = (
    "CREATE UNIQUE INDEX impact_entry_booking_unique ON impact_entry (booking_id) WHERE booking_id IS NOT NULL",
    "CREATE UNIQUE INDEX impact_entry_check_unique ON impact_entry (purchase_check_id)"
    " WHERE purchase_check_id IS NOT NULL",
    "CREATE INDEX impact_entry_month ON impact_entry (municipality, month)",
    "CREATE UNIQUE INDEX impact_factor_default_unique ON impact_factor (category_slug, version)"
    " WHERE municipality IS NULL",
    "CREATE UNIQUE INDEX impact_factor_override_unique ON impact_factor (municipality, category_slug, version)"
    " WHERE municipality IS NOT NULL",
    "CREATE INDEX purchase_check_month ON purchase_check (municipality, month)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="impact", description=DESCRIPTION)

    async def create():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)
        from backend.impact.factors import seed

        await seed()

    manager.add_raw(create)
    return manager
