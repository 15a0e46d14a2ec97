"""Every booking request first expires the requests nobody answered before their first day.

That asks for bookings by status and first day; the status index alone handed over every open
request in the country (tens of thousands at national size, 8 ms) to be filtered by date. An index
on the two columns answers it directly (0.05 ms). It also serves every lookup by status alone, so
the status index goes: kept, the planner went on choosing it, not knowing that the requests
waiting are the ones whose first day has not come.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-08T12:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Bookings indexed by status and first day, in place of status alone"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="bookings", description=DESCRIPTION)

    async def change():
        from backend.bookings.tables import Booking

        await Booking.raw("CREATE INDEX IF NOT EXISTS booking_status_start ON booking (status, period_start)")
        await Booking.raw("DROP INDEX IF EXISTS booking_status")

    manager.add_raw(change)
    return manager
