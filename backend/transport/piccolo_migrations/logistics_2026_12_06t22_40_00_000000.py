"""Transport jobs know their leg (delivery or a loan's return), time window, recipient, phone and room."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import Varchar
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-06T22:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Transport job leg and delivery details"

_COMMON = {"null": False, "primary_key": False, "unique": False, "index": False,
           "index_method": IndexMethod.btree, "choices": None, "db_column_name": None, "secret": False}


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="transport", description=DESCRIPTION)
    columns = (("leg", 10, "delivery"), ("time_window", 5, ""), ("recipient_name", 100, ""),
               ("recipient_phone", 30, ""), ("room", 100, ""))
    for name, length, default in columns:
        manager.add_column(table_class_name="TransportJob", tablename="transport_job", column_name=name,
                           db_column_name=name, column_class_name="Varchar", column_class=Varchar,
                           params={"length": length, "default": default, **_COMMON}, schema=None)
    return manager
