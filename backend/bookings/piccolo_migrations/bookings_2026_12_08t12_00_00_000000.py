"""Every booking request first expires the requests nobody answered before their first day.

That asks for bookings by status and first day; the status index alone handed over every open
request in the country (tens of thousands at national size) to be filtered by date. An index on
the two columns answers it directly.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager

ID = "2026-12-08T12:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Index for expiring unanswered requests: bookings by status and first day"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="bookings", description=DESCRIPTION)

    async def change():
        from backend.bookings.tables import Booking

        await Booking.raw("CREATE INDEX IF NOT EXISTS booking_status_start ON booking (status, period_start)")

    manager.add_raw(change)
    return manager
