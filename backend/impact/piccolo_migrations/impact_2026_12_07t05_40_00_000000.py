"""AME work hours: the participants (a display name only) and the minutes they spent per task.

Plain SQL that SQLite and PostgreSQL both accept, with Piccolo's column type names so its SQLite
converters read UUIDs, booleans and timestamps back as the tables declare them.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T05:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "AME participants and work entries"

STATEMENTS = (
    "CREATE TABLE ame_participant (id UUID PRIMARY KEY,"
    " municipality UUID NOT NULL REFERENCES municipality (id) ON DELETE RESTRICT,"
    " name VARCHAR(100) NOT NULL DEFAULT '', kind VARCHAR(6) NOT NULL DEFAULT 'person',"
    " active BOOLEAN NOT NULL DEFAULT TRUE, created_at TIMESTAMPTZ NOT NULL)",
    "CREATE INDEX ame_participant_municipality ON ame_participant (municipality)",
    "CREATE TABLE work_entry (id UUID PRIMARY KEY,"
    " municipality UUID NOT NULL REFERENCES municipality (id) ON DELETE RESTRICT,"
    " participant UUID NOT NULL REFERENCES ame_participant (id) ON DELETE RESTRICT,"
    " kind VARCHAR(10) NOT NULL DEFAULT '', task_id UUID NOT NULL, minutes INTEGER NOT NULL DEFAULT 0,"
    " month VARCHAR(7) NOT NULL DEFAULT '',"
    ' recorded_by UUID NULL REFERENCES app_user (id) ON DELETE SET NULL, created_at TIMESTAMPTZ NOT NULL)',
    "CREATE INDEX work_entry_report ON work_entry (municipality, month, kind, minutes)",
    "CREATE UNIQUE INDEX work_entry_task ON work_entry (kind, task_id, participant)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="impact", description=DESCRIPTION)

    async def create():
        for statement in STATEMENTS:
            await engine_finder().run_ddl(statement)

    manager.add_raw(create)
    return manager
