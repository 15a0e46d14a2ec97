"""The one clock the code reads, so tests can move time."""

from datetime import UTC, datetime


def now() -> datetime:
    return datetime.now(UTC)
