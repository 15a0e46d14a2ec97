"""Piccolo app for the billing context."""

import os

from piccolo.conf.apps import AppConfig

from backend.billing import tables

APP_CONFIG = AppConfig(
    app_name="billing",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[tables.InvoiceLine, tables.InvoicePeriod, tables.InvoiceDocument,
                   tables.ExportMapping],
    migration_dependencies=["backend.accounts.piccolo_app"],
    commands=[],
)
