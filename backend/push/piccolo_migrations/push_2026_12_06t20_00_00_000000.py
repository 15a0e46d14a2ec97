"""Notifications keep a catalogue key and its parameters, so each is rendered in its reader's language."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Text, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T20:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Notification message keys and parameters"

_PARAMS = {"null": False, "primary_key": False, "unique": False, "index": False, "index_method": IndexMethod.btree,
           "choices": None, "db_column_name": None, "secret": False}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="push", description=DESCRIPTION)
    manager.add_column(
        table_class_name="Notification", tablename="notification", column_name="message", db_column_name="message",
        column_class_name="Varchar", column_class=Varchar, params={"length": 60, "default": "", **_PARAMS},
        schema=None,
    )
    manager.add_column(
        table_class_name="Notification", tablename="notification", column_name="params", db_column_name="params",
        column_class_name="Text", column_class=Text, params={"default": "", **_PARAMS}, schema=None,
    )
    return manager
