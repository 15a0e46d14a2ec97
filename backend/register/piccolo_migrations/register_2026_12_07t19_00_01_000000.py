"""An inventory number names one card in its municipality; an item has one value per custom field.

Both databases treat NULLs as distinct in a unique index, so cards without a number never collide.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-07T19:00:01:000000"
VERSION = "1.38.0"
DESCRIPTION = "Unique inventory numbers per municipality and one value per item and field"

STATEMENTS = (
    "CREATE UNIQUE INDEX item_card_inventory_number ON item_card (municipality, inventory_number)",
    "CREATE UNIQUE INDEX register_value_item_field ON register_value (item, field)",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="register", description=DESCRIPTION)

    async def create():
        engine = engine_finder()
        for statement in STATEMENTS:
            await engine.run_ddl(statement)

    manager.add_raw(create)
    return manager
