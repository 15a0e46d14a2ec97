"""Piccolo app for the single sign-on context."""

import os

from piccolo.conf.apps import AppConfig

from backend.sso import tables

APP_CONFIG = AppConfig(
    app_name="sso",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[tables.IdentityProvider, tables.SsoDomain, tables.SsoLogin, tables.SsoSession],
    migration_dependencies=["backend.accounts.piccolo_app"],
    commands=[],
)
