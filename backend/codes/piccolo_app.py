"""Piccolo app for the codes context."""

import os

from piccolo.conf.apps import AppConfig

from backend.codes import tables

APP_CONFIG = AppConfig(
    app_name="codes",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[tables.CodeBatch, tables.Code],
    migration_dependencies=["backend.accounts.piccolo_app", "backend.locations.piccolo_app"],
    commands=[],
)
