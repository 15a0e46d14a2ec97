"""Piccolo app for the conversations context."""

import os

from piccolo.conf.apps import AppConfig

from backend.conversations import tables

APP_CONFIG = AppConfig(
    app_name="conversations",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[tables.Conversation, tables.Participant, tables.Message, tables.RetentionSetting],
    migration_dependencies=["backend.accounts.piccolo_app"],
    commands=[],
)
