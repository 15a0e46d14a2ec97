"""Transport jobs remember the booking's requesting municipality, so both sides' day boards show them."""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.columns.column_types import UUID
from piccolo.columns.indexes import IndexMethod

ID = "2026-12-07T05:40:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "Transport job requester municipality"


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="transport", description=DESCRIPTION)
    manager.add_column(table_class_name="TransportJob", tablename="transport_job",
                       column_name="requester_municipality", db_column_name="requester_municipality",
                       column_class_name="UUID", column_class=UUID,
                       params={"default": None, "null": True, "primary_key": False, "unique": False, "index": True,
                               "index_method": IndexMethod.btree, "choices": None, "db_column_name": None,
                               "secret": False}, schema=None)
    return manager
