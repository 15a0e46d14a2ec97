"""Structured logs: one JSON object per line (or plain text for a terminal)."""

from __future__ import annotations

import json
import logging
import traceback
from datetime import UTC, datetime

from litestar.logging.config import LoggingConfig

from backend.settings import Settings


class JsonFormatter(logging.Formatter):
    """Format a record as JSON with time, level, logger, message and any traceback."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["traceback"] = "".join(traceback.format_exception(*record.exc_info))
        return json.dumps(entry, ensure_ascii=False, default=str)


def logging_config(settings: Settings) -> LoggingConfig:
    formatter = "json" if settings.log_format == "json" else "standard"
    return LoggingConfig(
        formatters={
            "json": {"()": JsonFormatter},
            "standard": {"format": "%(asctime)s %(levelname)s %(name)s: %(message)s"},
        },
        handlers={"console": {"class": "logging.StreamHandler", "formatter": formatter}},
        loggers={
            "litestar": {"level": settings.log_level, "handlers": ["console"], "propagate": False},
            "delbar": {"level": settings.log_level, "handlers": ["console"], "propagate": False},
        },
        root={"level": "WARNING", "handlers": ["console"]},
        # Client errors are answered, not logged; every 500 is logged with its traceback by
        # backend.errors.internal_error_handler, so Litestar's own logging stays off.
        log_exceptions="never",
    )
