"""Piccolo app for the transport context.

Its migrations were made when locations and transport jobs were one app, "logistics" (hence the
file names); backend.migrations moves their records to this app's name on older databases.
"""

import os

from piccolo.conf.apps import AppConfig

from backend.transport import tables

APP_CONFIG = AppConfig(
    app_name="transport",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[tables.TransportJob, tables.TransportJobItem, tables.TransportTariff, tables.DeliveryProof],
    migration_dependencies=["backend.accounts.piccolo_app", "backend.locations.piccolo_app"],
    commands=[],
)
