"""Piccolo app for the logistics context."""

import os

from piccolo.conf.apps import AppConfig

from backend.logistics import jobs_tables, tables

APP_CONFIG = AppConfig(
    app_name="logistics",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[tables.Location, jobs_tables.TransportJob, jobs_tables.TransportJobItem,
                   jobs_tables.TransportTariff],
    migration_dependencies=["backend.accounts.piccolo_app"],
    commands=[],
)
