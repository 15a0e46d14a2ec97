"""The one clock the code reads, so tests can move time."""

from datetime import datetime, timezone


def now() -> datetime:
    return datetime.now(timezone.utc)
