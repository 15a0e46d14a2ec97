"""A booking's delivery details: the part of the day, who receives it, their phone and the room."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T22:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Booking delivery window, recipient, phone and room"

_COMMON = {"default": "", "null": False, "primary_key": False, "unique": False, "index": False,
           "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="bookings", description=DESCRIPTION)
    for name, length in (("delivery_window", 5), ("recipient_name", 100), ("recipient_phone", 30),
                         ("delivery_room", 100)):
        manager.add_column(table_class_name="Booking", tablename="booking", column_name=name, db_column_name=name,
                           column_class_name="Varchar", column_class=Varchar, params={"length": length, **_COMMON},
                           schema=None)
    return manager
