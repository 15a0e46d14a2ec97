"""Piccolo app for move projects."""

import os

from piccolo.conf.apps import AppConfig

from backend.projects import tables

APP_CONFIG = AppConfig(
    app_name="projects",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[tables.Project, tables.ProjectMember, tables.ProjectItem],
    migration_dependencies=[
        "backend.accounts.piccolo_app", "backend.locations.piccolo_app", "backend.catalog.piccolo_app",
    ],
    commands=[],
)
