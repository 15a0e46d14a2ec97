"""Piccolo app for the push context."""

import os

from piccolo.conf.apps import AppConfig

from backend.push import tables

APP_CONFIG = AppConfig(
    app_name="push",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[
        tables.PushKey,
        tables.PushSubscription,
        tables.PushPreference,
        tables.Notification,
        tables.PushDelivery,
        tables.PushReminder,
    ],
    migration_dependencies=["backend.accounts.piccolo_app"],
    commands=[],
)
