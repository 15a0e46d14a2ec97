"""Piccolo app for the impact context."""

import os

from piccolo.conf.apps import AppConfig

from backend.impact import tables

APP_CONFIG = AppConfig(
    app_name="impact",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[tables.ImpactFactor, tables.ImpactEntry, tables.PurchaseCheck, tables.AmeParticipant,
                   tables.WorkEntry],
    migration_dependencies=["backend.accounts.piccolo_app", "backend.catalog.piccolo_app"],
    commands=[],
)
