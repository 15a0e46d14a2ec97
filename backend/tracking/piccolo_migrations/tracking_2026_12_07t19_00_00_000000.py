"""Repairs: an item sent to repair with what it needs, and the work done on it (what was done, parts used).

Additive only (two new tables), so SQLite and PostgreSQL take the same steps.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import UUID, ForeignKey, Timestamptz, Varchar
from piccolo.columns.indexes import IndexMethod

from backend.accounts.tables import Municipality, User
from backend.catalog.tables import Item
from backend.tracking.tables import Repair

ID = "2026-12-07T19:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Repairs before reuse and the work done on them"

_COMMON = {"primary_key": False, "unique": False, "index": False, "index_method": IndexMethod.btree,
           "choices": None, "db_column_name": None, "secret": False}


def _key(references, *, null: bool, on_delete: OnDelete, index: bool = False) -> tuple:
    return ForeignKey, {"references": references, "on_delete": on_delete, "on_update": OnUpdate.cascade,
                        "target_column": None, "default": None, "null": null, "index": index}


TABLES = {
    ("Repair", "repair"): (
        ("id", UUID, {"default": None, "null": False, "primary_key": True}),
        ("municipality", *_key(Municipality, null=False, on_delete=OnDelete.restrict, index=True)),
        ("item", *_key(Item, null=False, on_delete=OnDelete.restrict, index=True)),
        ("needs", Varchar, {"length": 500, "default": "", "null": False}),
        ("status", Varchar, {"length": 8, "default": "open", "null": False, "index": True}),
        ("created_by", *_key(User, null=True, on_delete=OnDelete.set_null)),
        ("created_at", Timestamptz, {"default": None, "null": False}),
        ("finished_by", *_key(User, null=True, on_delete=OnDelete.set_null)),
        ("finished_at", Timestamptz, {"default": None, "null": True}),
        ("listing", UUID, {"default": None, "null": True}),
    ),
    ("RepairWork", "repair_work"): (
        ("id", UUID, {"default": None, "null": False, "primary_key": True}),
        ("municipality", *_key(Municipality, null=False, on_delete=OnDelete.restrict, index=True)),
        ("repair", *_key(Repair, null=False, on_delete=OnDelete.restrict, index=True)),
        ("done", Varchar, {"length": 500, "default": "", "null": False}),
        ("parts", Varchar, {"length": 300, "default": "", "null": False}),
        ("recorded_by", *_key(User, null=True, on_delete=OnDelete.set_null)),
        ("created_at", Timestamptz, {"default": None, "null": False}),
    ),
}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="tracking", description=DESCRIPTION)
    for (class_name, tablename), columns in TABLES.items():
        manager.add_table(class_name=class_name, tablename=tablename, schema=None, columns=None)
        for name, column_class, params in columns:
            manager.add_column(table_class_name=class_name, tablename=tablename, column_name=name,
                               db_column_name=name, column_class_name=column_class.__name__,
                               column_class=column_class, params={**_COMMON, **params}, schema=None)
    return manager
