"""Piccolo app for the locations context.

Its migrations were made when locations and transport jobs were one app, "logistics" (hence the
file names); backend.migrations moves their records to this app's name on older databases.
"""

import os

from piccolo.conf.apps import AppConfig

from backend.locations import tables

APP_CONFIG = AppConfig(
    app_name="locations",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[tables.Location],
    migration_dependencies=["backend.accounts.piccolo_app"],
    commands=[],
)
