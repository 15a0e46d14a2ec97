"""Indexes for the push outbox, as plain SQL that SQLite and PostgreSQL both accept.

The worker's claim looks for due pending deliveries, and for an earlier pending delivery to the
same device (deliveries to one device go out in order); the in-app list reads newest first.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T19:16:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Outbox and in-app list indexes for the push tables"

STATEMENTS = (
    "CREATE INDEX push_delivery_due ON push_delivery (status, next_attempt_at)",
    "CREATE INDEX push_delivery_order ON push_delivery (subscription, status, seq)",
    "CREATE INDEX notification_user_seq ON notification (\"user\", seq)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="push", description=DESCRIPTION)

    async def create_indexes():
        for statement in STATEMENTS:
            await engine_finder().run_ddl(statement)

    manager.add_raw(create_indexes)
    return manager
