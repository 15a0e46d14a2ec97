"""What other contexts tell the catalogue: which of a listing's time windows are booked, and from
which day a listing's items, booked today, are free again.

The bookings context registers a check with `on_windows_in_use`; a change of a service's windows
asks it, inside the same write, before it removes one, so a booked time is refused (409), not lost.
It registers `on_next_free_days` too, so a search card says "Ledig från 12 dec." rather than
"Ledig nu" for a loan that is out today.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import date
from typing import Any
from uuid import UUID

# (the windows about to be removed) -> those that something still holds
Check = Callable[[list[UUID]], Awaitable[set[UUID]]]
_checks: list[Check] = []


def on_windows_in_use(check: Check) -> Check:
    """Register a check of booked windows (usable as a decorator)."""
    _checks.append(check)
    return check


async def windows_in_use(window_ids: list[UUID]) -> set[UUID]:
    used: set[UUID] = set()
    for check in _checks:
        used |= await check(window_ids) if window_ids else set()
    return used


# (listing ids, today) -> the next free day of each listing none of whose items is free today
FreeDays = Callable[[list[UUID], date], Awaitable[dict[UUID, date]]]
_free_days: list[FreeDays] = []


def on_next_free_days(provider: FreeDays) -> FreeDays:
    """Register what says when booked listings are free again (usable as a decorator)."""
    _free_days.append(provider)
    return provider


async def next_free_days(listing_ids: list[UUID], today: date) -> dict[UUID, date]:
    """The latest answer of every provider: a listing is free when all of them say so."""
    days: dict[UUID, date] = {}
    for provider in _free_days:
        for listing_id, day in (await provider(listing_ids, today) if listing_ids else {}).items():
            days[listing_id] = max(day, days.get(listing_id, day))
    return days


async def with_free_from(cards: list[dict[str, Any]], today: date) -> list[dict[str, Any]]:
    """Listing cards with `free_from`: a loan that is out today is free from its return, not now."""
    ids = [card["id"] if isinstance(card["id"], UUID) else UUID(str(card["id"])) for card in cards]
    free = await next_free_days(ids, today)
    return [{**card, "free_from": free.get(listing_id)} for card, listing_id in zip(cards, ids, strict=True)]
