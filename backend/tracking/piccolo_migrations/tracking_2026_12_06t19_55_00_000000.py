"""The time the server takes for each scan, and how far the phone's clock was off.

Existing events have no event_time: their device time was checked on arrival and is the time taken.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Integer, Timestamptz, Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T19:55:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Scan event time, clock skew and time source"

_COMMON = {"primary_key": False, "unique": False, "index": False, "index_method": IndexMethod.btree,
           "choices": None, "db_column_name": None, "secret": False}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracking", description=DESCRIPTION)
    columns = (
        ("event_time", Timestamptz, {"default": None, "null": True}),
        ("clock_skew", Integer, {"default": None, "null": True}),
        ("time_source", Varchar, {"length": 10, "default": "device", "null": False}),
    )
    for name, column_class, params in columns:
        manager.add_column(table_class_name="ScanEvent", tablename="scan_event", column_name=name,
                           db_column_name=name, column_class_name=column_class.__name__, column_class=column_class,
                           params={**params, **_COMMON}, schema=None)
    return manager
