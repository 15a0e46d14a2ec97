"""Piccolo app for the tracking context."""

import os

from piccolo.conf.apps import AppConfig

from backend.tracking import tables

APP_CONFIG = AppConfig(
    app_name="tracking",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[tables.ScanEvent, tables.Stocktake, tables.StocktakeItem, tables.Repair, tables.RepairWork],
    migration_dependencies=[
        "backend.accounts.piccolo_app",
        "backend.locations.piccolo_app",
        "backend.catalog.piccolo_app",
        "backend.codes.piccolo_app",
    ],
    commands=[],
)
