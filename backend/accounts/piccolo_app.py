"""Piccolo app for the accounts context."""

import os

from piccolo.conf.apps import AppConfig

from backend.accounts import tables

APP_CONFIG = AppConfig(
    app_name="accounts",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[
        tables.Municipality,
        tables.Unit,
        tables.Network,
        tables.NetworkMembership,
        tables.User,
        tables.UserRole,
        tables.Session,
        tables.LoginAttempt,
    ],
    migration_dependencies=[],
    commands=[],
)
