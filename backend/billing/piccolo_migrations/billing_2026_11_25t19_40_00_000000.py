"""Billing indexes: one line per charge, one locked period per month, one document per counterpart.

Plain SQL that SQLite and PostgreSQL both accept; Piccolo's Unique constraint would emit
ALTER TABLE … ADD CONSTRAINT, which SQLite does not support.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-11-25T19:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Billing unique indexes"

STATEMENTS = (
    "CREATE UNIQUE INDEX invoice_line_charge_unique ON invoice_line (charge_id) WHERE charge_id IS NOT NULL",
    "CREATE INDEX invoice_line_month ON invoice_line (municipality, month)",
    "CREATE UNIQUE INDEX invoice_period_month_unique ON invoice_period (municipality, month)",
    "CREATE UNIQUE INDEX invoice_document_unique ON invoice_document (period, counterpart)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="billing", description=DESCRIPTION)

    async def create():
        for statement in STATEMENTS:
            await engine_finder().run_ddl(statement)

    manager.add_raw(create)
    return manager
