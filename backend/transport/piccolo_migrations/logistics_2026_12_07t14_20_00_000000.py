"""Proof of delivery: the recipient's name and a signature or photo, one per transport job.

Plain SQL that SQLite and PostgreSQL both accept, with Piccolo's column type names so its SQLite
converters read UUIDs and timestamps back as the table declares them.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T14:20:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Delivery proofs"

STATEMENTS = (
    "CREATE TABLE delivery_proof (id UUID PRIMARY KEY,"
    " municipality UUID NOT NULL REFERENCES municipality (id) ON DELETE RESTRICT,"
    " job UUID NOT NULL UNIQUE REFERENCES transport_job (id) ON DELETE CASCADE,"
    " recipient_name VARCHAR(100) NOT NULL DEFAULT '', kind VARCHAR(10) NOT NULL DEFAULT '',"
    " scan_event UUID NULL DEFAULT NULL,"
    " created_by UUID NULL REFERENCES app_user (id) ON DELETE SET NULL, created_at TIMESTAMPTZ NOT NULL)",
    "CREATE INDEX delivery_proof_municipality ON delivery_proof (municipality)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="transport", description=DESCRIPTION)

    async def create():
        for statement in STATEMENTS:
            await engine_finder().run_ddl(statement)

    manager.add_raw(create)
    return manager
