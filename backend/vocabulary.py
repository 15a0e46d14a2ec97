"""The words several contexts share, written once: Swedish time and months, which kinds of listing
are physical things, where an item's life ends, and how far a relabelled code is followed."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

# Days, months and quiet hours are Swedish wall-clock time, whatever the server's zone.
STOCKHOLM = ZoneInfo("Europe/Stockholm")

# What can be listed (DESIGN.md): things carry a label and travel; services and staffing are time.
PHYSICAL_KINDS = ("furniture", "equipment")
SERVICE_KINDS = ("service", "staffing")
KINDS = (*PHYSICAL_KINDS, *SERVICE_KINDS)

# An item in one of these states has left the pool for good: no scan, booking or job moves it.
TERMINAL_STATES = frozenset({"sold", "given_away", "recycled", "disposed"})

# A code relabelled more often than this is a loop in the data, not a history.
MAX_HOPS = 8


def local_day(at: datetime) -> date:
    """The Swedish calendar day of a moment."""
    return at.astimezone(STOCKHOLM).date()


def month_of(at: datetime) -> str:
    """The accounting and reporting month (YYYY-MM) of a moment, in Swedish time."""
    return at.astimezone(STOCKHOLM).strftime("%Y-%m")


def next_month(month: str) -> str:
    """The YYYY-MM after `month`."""
    year, number = int(month[:4]), int(month[5:])
    return f"{year + number // 12}-{number % 12 + 1:02d}"
