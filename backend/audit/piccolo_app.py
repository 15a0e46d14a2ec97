"""Piccolo app for the audit context."""

import os

from piccolo.conf.apps import AppConfig

from backend.audit import tables

APP_CONFIG = AppConfig(
    app_name="audit",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[tables.AuditEvent],
    migration_dependencies=[],
    commands=[],
)
