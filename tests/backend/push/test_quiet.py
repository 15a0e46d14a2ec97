"""Quiet hours in Swedish local time, across midnight and daylight saving time."""

from __future__ import annotations

from datetime import UTC, datetime

from backend.push.quiet import quiet_until


def utc(*parts: int) -> datetime:
    return datetime(*parts, tzinfo=UTC)


class TestQuietUntil:
    def test_window_across_midnight_ends_next_morning(self):
        assert quiet_until(utc(2026, 1, 10, 22, 0), "22:00", "07:00") == utc(2026, 1, 11, 6, 0)

    def test_after_midnight_ends_the_same_morning(self):
        assert quiet_until(utc(2026, 1, 10, 3, 0), "22:00", "07:00") == utc(2026, 1, 10, 6, 0)

    def test_outside_the_window_is_none(self):
        assert quiet_until(utc(2026, 1, 10, 12, 0), "22:00", "07:00") is None

    def test_daytime_window(self):
        assert quiet_until(utc(2026, 1, 10, 11, 0), "12:00", "13:00") == utc(2026, 1, 10, 12, 0)

    def test_summer_time_is_two_hours_ahead_of_utc(self):
        assert quiet_until(utc(2026, 7, 10, 21, 0), "22:00", "07:00") == utc(2026, 7, 11, 5, 0)

    def test_no_or_empty_window_is_none(self):
        assert quiet_until(utc(2026, 1, 10, 23, 0), None, None) is None
        assert quiet_until(utc(2026, 1, 10, 23, 0), "08:00", "08:00") is None
