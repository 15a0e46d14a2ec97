"""What other contexts tell the catalogue: which of a listing's time windows are booked.

The bookings context registers a check with `on_windows_in_use`; a change of a service's windows
asks it, inside the same write, before it removes one, so a booked time is refused (409), not lost.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
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
