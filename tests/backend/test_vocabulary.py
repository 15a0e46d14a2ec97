"""The shared words: Swedish days and months, whatever the server's own time zone."""

from __future__ import annotations

from datetime import UTC, datetime

from backend.vocabulary import KINDS, PHYSICAL_KINDS, SERVICE_KINDS, TERMINAL_STATES, local_day, month_of, next_month


class TestMonths:
    def test_the_last_evening_of_a_month_in_utc_is_already_the_next_month_in_sweden(self):
        assert month_of(datetime(2026, 1, 31, 23, 30, tzinfo=UTC)) == "2026-02"

    def test_december_is_followed_by_january_of_the_next_year(self):
        assert (next_month("2026-11"), next_month("2026-12")) == ("2026-12", "2027-01")


class TestDays:
    def test_just_after_midnight_in_sweden_is_the_new_day_in_summer_time(self):
        assert str(local_day(datetime(2026, 6, 30, 22, 30, tzinfo=UTC))) == "2026-07-01"


class TestKinds:
    def test_every_kind_is_either_physical_or_time(self):
        assert set(KINDS) == set(PHYSICAL_KINDS) | set(SERVICE_KINDS) and not set(PHYSICAL_KINDS) & set(SERVICE_KINDS)

    def test_a_terminal_state_is_not_a_kind_of_listing(self):
        assert "sold" in TERMINAL_STATES and not TERMINAL_STATES & set(KINDS)
