"""Quiet hours: a daily window in Swedish local time when pushes wait (the in-app list does not)."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from backend.vocabulary import STOCKHOLM


def parse_hhmm(text: str) -> time:
    hours, minutes = text.split(":")
    return time(int(hours), int(minutes))


def quiet_until(now: datetime, start: str | None, end: str | None) -> datetime | None:
    """When the quiet window that contains `now` ends (UTC), or None outside it."""
    if not start or not end or start == end:
        return None
    begin, finish = parse_hhmm(start), parse_hhmm(end)
    local = now.astimezone(STOCKHOLM)
    at = local.time().replace(tzinfo=None)
    if begin < finish:
        inside, end_day = begin <= at < finish, local.date()
    else:  # the window crosses midnight, e.g. 22:00–07:00
        inside = at >= begin or at < finish
        end_day = local.date() + timedelta(days=1) if at >= begin else local.date()
    if not inside:
        return None
    # zoneinfo resolves a wall time that DST skips or repeats; either side is fine for a wake-up.
    return datetime.combine(end_day, finish, tzinfo=STOCKHOLM).astimezone(UTC)
