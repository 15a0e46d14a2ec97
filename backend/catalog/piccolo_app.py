"""Piccolo app for the catalogue context."""

import os

from piccolo.conf.apps import AppConfig

from backend.catalog import tables

APP_CONFIG = AppConfig(
    app_name="catalog",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[
        tables.Category,
        tables.Listing,
        tables.Item,
        tables.AvailabilityWindow,
        tables.ListingEvent,
        tables.Photo,
        tables.Want,
        tables.WantMatch,
    ],
    migration_dependencies=["backend.accounts.piccolo_app", "backend.locations.piccolo_app"],
    commands=[],
)
