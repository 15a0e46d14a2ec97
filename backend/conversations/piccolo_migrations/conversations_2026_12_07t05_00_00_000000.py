"""Composite indexes for the inbox and a conversation's pages, and one message per author's client id.

Plain SQL that SQLite and PostgreSQL both accept (Piccolo's columns cannot declare these).
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T05:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Inbox and message-page indexes, and a message's client id unique per author"

STATEMENTS = (
    "CREATE INDEX participant_inbox ON participant (\"user\", last_message_at DESC, conversation)",
    "CREATE UNIQUE INDEX participant_unique ON participant (conversation, \"user\")",
    "CREATE INDEX message_page ON message (conversation, created_at DESC)",
    "CREATE UNIQUE INDEX message_client_unique ON message (author, client_id)",
    "CREATE INDEX message_author_recent ON message (author, created_at)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="conversations", description=DESCRIPTION)

    async def create_indexes():
        for statement in STATEMENTS:
            await engine_finder().run_ddl(statement)

    manager.add_raw(create_indexes)
    return manager
