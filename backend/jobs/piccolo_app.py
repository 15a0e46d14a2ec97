"""Piccolo app for the background job claims."""

import os

from piccolo.conf.apps import AppConfig

from backend.jobs import tables

APP_CONFIG = AppConfig(
    app_name="jobs",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[tables.JobRun],
    migration_dependencies=[],
    commands=[],
)
