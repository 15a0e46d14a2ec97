"""Piccolo app for the bookings context."""

import os

from piccolo.conf.apps import AppConfig

from backend.bookings import tables

APP_CONFIG = AppConfig(
    app_name="bookings",
    migrations_folder_path=os.path.join(os.path.dirname(__file__), "piccolo_migrations"),
    table_classes=[
        tables.Booking,
        tables.BookingItem,
        tables.BookingEvent,
        tables.Charge,
        tables.ApprovalPolicy,
        tables.CalendarFeed,
    ],
    migration_dependencies=["backend.accounts.piccolo_app", "backend.catalog.piccolo_app"],
    commands=[],
)
