"""The item register's fields: each item's register card, custom field definitions and their values."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.base import OnDelete, OnUpdate
from piccolo.columns.column_types import UUID, ForeignKey, Integer, Text, Timestamptz, Varchar
from piccolo.columns.defaults.uuid import UUID4
from piccolo.columns.indexes import IndexMethod
from piccolo.table import Table

from backend.accounts.tables import Municipality, Unit, User
from backend.catalog.tables import Item

ID = "2026-12-07T19:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Register cards of items and a municipality's custom register fields"

_COMMON = {"primary_key": False, "unique": False, "index": False, "index_method": IndexMethod.btree,
           "choices": None, "db_column_name": None, "secret": False}


class RegisterField(Table, tablename="register_field"):
    id = UUID(primary_key=True)


def _id():
    return ("id", UUID, {"default": UUID4(), "null": False, **_COMMON, "primary_key": True})


def _fk(name, references, on_delete, null=True, **extra):
    return (name, ForeignKey, {"references": references, "on_delete": on_delete, "on_update": OnUpdate.cascade,
                               "target_column": None, "default": None, "null": null, **_COMMON, **extra})


def _int(name):
    return (name, Integer, {"default": None, "null": True, **_COMMON})


def _text(name, length, default=""):
    return (name, Varchar, {"length": length, "default": default, "null": default is None, **_COMMON})


TABLES = {
    ("ItemCard", "item_card"): (
        _id(), _fk("municipality", Municipality, OnDelete.restrict, null=False, index=True),
        _fk("item", Item, OnDelete.cascade, null=False, unique=True),
        _int("width_cm"), _int("depth_cm"), _int("height_cm"), _int("weight_g"),
        _text("material", 100), _text("brand", 100), _text("model", 100), _text("serial_number", 100),
        _text("inventory_number", 50, None), _int("purchase_year"), _int("purchase_price_ore"),
        _text("condition", 10),
        _fk("custodian_unit", Unit, OnDelete.set_null), _fk("custodian_person", User, OnDelete.set_null),
        ("version", Integer, {"default": 1, "null": False, **_COMMON}),
        _fk("updated_by", User, OnDelete.set_null),
        ("updated_at", Timestamptz, {"default": None, "null": False, **_COMMON}),
    ),
    ("RegisterField", "register_field"): (
        _id(), _fk("municipality", Municipality, OnDelete.restrict, null=False, index=True),
        _text("name", 60), _text("kind", 10),
        ("options", Text, {"default": "[]", "null": False, **_COMMON}),
        ("position", Integer, {"default": 0, "null": False, **_COMMON}),
        ("version", Integer, {"default": 1, "null": False, **_COMMON}),
        ("created_at", Timestamptz, {"default": None, "null": False, **_COMMON}),
    ),
    ("RegisterValue", "register_value"): (
        _id(), _fk("municipality", Municipality, OnDelete.restrict, null=False, index=True),
        _fk("item", Item, OnDelete.cascade, null=False, index=True),
        _fk("field", RegisterField, OnDelete.cascade, null=False, index=True),
        _text("value", 200),
    ),
}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="register", description=DESCRIPTION)
    for (class_name, tablename), columns in TABLES.items():
        manager.add_table(class_name=class_name, tablename=tablename, schema=None, columns=None)
        for name, column_class, params in columns:
            manager.add_column(table_class_name=class_name, tablename=tablename, column_name=name,
                               db_column_name=name, column_class_name=column_class.__name__,
                               column_class=column_class, params=params, schema=None)
    return manager
