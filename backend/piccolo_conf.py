"""Piccolo's configuration: the app registry, and the engine the running app configured.

The engine is looked up lazily (PEP 562), so importing this module reads nothing from the
environment; the piccolo CLI, which has no app, falls back to Settings.from_env().
"""

from __future__ import annotations

from piccolo.conf.apps import AppRegistry
from piccolo.engine.base import Engine

APPS = [
    "backend.jobs.piccolo_app",
    "backend.audit.piccolo_app",
    "backend.accounts.piccolo_app",
    "backend.sso.piccolo_app",
    "backend.locations.piccolo_app",
    "backend.transport.piccolo_app",
    "backend.push.piccolo_app",
    "backend.mail.piccolo_app",
    "backend.catalog.piccolo_app",
    "backend.bookings.piccolo_app",
    "backend.codes.piccolo_app",
    "backend.tracking.piccolo_app",
    "backend.impact.piccolo_app",
    "backend.billing.piccolo_app",
    "backend.conversations.piccolo_app",
    "backend.projects.piccolo_app",
    "backend.register.piccolo_app",
]

APP_REGISTRY = AppRegistry(apps=APPS)

_engine: Engine | None = None


def use_engine(engine: Engine) -> None:
    """Make every table and every migration use this engine."""
    global _engine
    _engine = engine
    for app_config in APP_REGISTRY.app_configs.values():
        for table in app_config.table_classes:
            table._meta.db = engine


def __getattr__(name: str) -> Engine:
    if name != "DB":
        raise AttributeError(name)
    if _engine is None:
        from backend.db import engine_for
        from backend.settings import Settings

        use_engine(engine_for(Settings.from_env().database_url))
    assert _engine is not None
    return _engine
