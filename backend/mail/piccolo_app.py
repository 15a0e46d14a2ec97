"""Piccolo app for the mail context."""

import os

from piccolo.conf.apps import AppConfig

from backend.mail import tables

APP_CONFIG = AppConfig(
    app_name="mail",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[
        tables.MailKey,
        tables.MailMessage,
        tables.MailPreference,
        tables.MailDefault,
        tables.MailToken,
        tables.MailRequest,
    ],
    migration_dependencies=["backend.accounts.piccolo_app"],
    commands=[],
)
