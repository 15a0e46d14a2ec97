"""Money and month helpers shared by the exports: öre in, the text each format wants out."""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime
from zoneinfo import ZoneInfo

from backend.schemas import MONTH_PATTERN

STOCKHOLM = ZoneInfo("Europe/Stockholm")


def kronor_sv(ore: int) -> str:
    """Swedish decimal comma, no thousands separator (what finance imports read): -1234,50."""
    sign = "-" if ore < 0 else ""
    return f"{sign}{abs(ore) // 100},{abs(ore) % 100:02d}"


def kronor_dot(ore: int) -> str:
    """Decimal point with two decimals, as UBL amounts are written: -1234.50."""
    sign = "-" if ore < 0 else ""
    return f"{sign}{abs(ore) // 100}.{abs(ore) % 100:02d}"


def kronor_display(ore: int) -> str:
    """For people: thin-spaced thousands and a comma, 12 345,50 kr."""
    sign = "−" if ore < 0 else ""
    whole = f"{abs(ore) // 100:,}".replace(",", "\u202f")
    return f"{sign}{whole},{abs(ore) % 100:02d} kr"


def month_of(at: datetime) -> str:
    """The accounting month (YYYY-MM) of a moment, in Swedish time."""
    return at.astimezone(STOCKHOLM).strftime("%Y-%m")


def next_month(month: str) -> str:
    year, number = int(month[:4]), int(month[5:])
    return f"{year + number // 12}-{number % 12 + 1:02d}"


def month_bounds(month: str) -> tuple[date, date]:
    """First and last day of a YYYY-MM month."""
    if not re.match(MONTH_PATTERN, month):
        raise ValueError(month)
    year, number = int(month[:4]), int(month[5:])
    return date(year, number, 1), date(year, number, calendar.monthrange(year, number)[1])
