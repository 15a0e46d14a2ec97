"""No double booking in the database itself, plus the indexes the calendar queries need.

PostgreSQL: an exclusion constraint (btree_gist) refuses two holding rows of one item whose
half-open date ranges overlap, whatever the application does. SQLite has no such constraint;
there the check and the insert run in one BEGIN IMMEDIATE transaction (see backend/db.py).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.engine.postgres import PostgresEngine

ID = "2026-11-25T19:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Booking exclusion constraint and calendar indexes"

COMMON = (
    "CREATE INDEX booking_item_calendar ON booking_item (item, holds, period_start)",
    "CREATE INDEX booking_requester_status ON booking (requester, status)",
    "CREATE INDEX charge_booking_kind ON charge (booking, kind)",
)

POSTGRES = (
    "CREATE EXTENSION IF NOT EXISTS btree_gist",
    "ALTER TABLE booking_item ADD CONSTRAINT booking_item_no_overlap EXCLUDE USING gist"
    " (item WITH =, daterange(period_start, period_end, '[)') WITH &&) WHERE (holds)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="bookings", description=DESCRIPTION)

    async def create():
        engine = engine_finder()
        extra = POSTGRES if isinstance(engine, PostgresEngine) else ()
        for statement in COMMON + extra:
            await engine.run_ddl(statement)

    manager.add_raw(create)
    return manager
