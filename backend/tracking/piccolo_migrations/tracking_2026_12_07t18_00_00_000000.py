"""Held pickups: a driver's pickup outside their jobs waits for a coordinator to accept or return it.

Existing events were never held: not confirmed, no resolution.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import Boolean, ForeignKey, Timestamptz, Varchar
from piccolo.columns.indexes import IndexMethod

from backend.accounts.tables import User

ID = "2026-12-07T18:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Held pickups outside a driver's jobs and their resolution"

_COMMON = {"primary_key": False, "unique": False, "index": False, "index_method": IndexMethod.btree,
           "choices": None, "db_column_name": None, "secret": False}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracking", description=DESCRIPTION)
    columns = (
        ("driver_confirmed", Boolean, {"default": False, "null": False}),
        ("resolution", Varchar, {"length": 10, "default": "", "null": False}),
        ("resolved_by", ForeignKey, {"references": User, "on_delete": OnDelete.set_null,
                                     "on_update": OnUpdate.cascade, "target_column": None,
                                     "default": None, "null": True}),
        ("resolved_at", Timestamptz, {"default": None, "null": True}),
    )
    for name, column_class, params in columns:
        manager.add_column(table_class_name="ScanEvent", tablename="scan_event", column_name=name,
                           db_column_name=name, column_class_name=column_class.__name__, column_class=column_class,
                           params={**params, **_COMMON}, schema=None)
    return manager
