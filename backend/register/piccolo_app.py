"""Piccolo app for the item register's fields."""

import os

from piccolo.conf.apps import AppConfig

from backend.register import tables

APP_CONFIG = AppConfig(
    app_name="register",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[tables.ItemCard, tables.RegisterField, tables.RegisterValue],
    migration_dependencies=["backend.accounts.piccolo_app", "backend.catalog.piccolo_app"],
    commands=[],
)
