"""Piccolo app for the logistics context."""

import os

from piccolo.conf.apps import AppConfig

from backend.logistics import tables

APP_CONFIG = AppConfig(
    app_name="logistics",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[tables.Location],
    migration_dependencies=["backend.accounts.piccolo_app"],
    commands=[],
)
