"""The job claims: one row per job and slot, unique.

Plain SQL that SQLite and PostgreSQL both accept.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T05:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Background job claims, one per job and time slot"

STATEMENTS = (
    "CREATE TABLE job_run (id UUID PRIMARY KEY, job VARCHAR(60) NOT NULL, slot VARCHAR(40) NOT NULL, "
    "process VARCHAR(120) NOT NULL DEFAULT '', claimed_at TIMESTAMPTZ NOT NULL)",
    "CREATE UNIQUE INDEX job_run_once ON job_run (job, slot)",
    "CREATE INDEX job_run_claimed_at ON job_run (claimed_at)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="jobs", description=DESCRIPTION)

    async def create():
        for statement in STATEMENTS:
            await engine_finder().run_ddl(statement)

    manager.add_raw(create)
    return manager
