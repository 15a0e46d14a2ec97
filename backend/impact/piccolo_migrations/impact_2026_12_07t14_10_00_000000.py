"""An AME participant can be a person with an account, so a driver can record their own time as themselves.

Plain SQL that SQLite and PostgreSQL both accept (adding a nullable column works on both).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T14:10:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "AME participants linked to the person's account"

STATEMENTS = (
    "ALTER TABLE ame_participant ADD COLUMN person UUID NULL REFERENCES app_user (id) ON DELETE SET NULL",
    "CREATE UNIQUE INDEX ame_participant_person ON ame_participant (person)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="impact", description=DESCRIPTION)

    async def create():
        for statement in STATEMENTS:
            await engine_finder().run_ddl(statement)

    manager.add_raw(create)
    return manager
