"""What happens elsewhere when an item moves: transport jobs follow their items' scans.

The transport context registers a listener with `on_item_moved`; it is awaited inside the scan
batch's write transaction, once, with the batch's applied pickups and deliveries in order, so a
job and its items never disagree and a van of 500 items is not 500 look-ups. The operator's
metrics register with `on_scans_decided` to count each verdict once its transaction has committed.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

MOVING_ACTIONS = frozenset({"pickup", "deliver"})


@dataclass(frozen=True)
class Movement:
    municipality_id: UUID
    event_id: UUID
    item_id: UUID
    action: str
    state_before: str
    state_after: str
    location_id: UUID | None
    actor_id: UUID
    at: datetime  # when it happened: the device time, corrected for a wrong phone clock
    received: datetime  # the server's time: what money and statuses are dated by


Listener = Callable[[list[Movement]], Awaitable[None]]
_listeners: list[Listener] = []


def on_item_moved(listener: Listener) -> Listener:
    """Register listener for applied pickups and deliveries (usable as a decorator)."""
    _listeners.append(listener)
    return listener


async def items_moved(movements: list[Movement]) -> None:
    if not movements:
        return
    for listener in _listeners:
        await listener(movements)


# A verdict: applied, duplicate or rejected, and the refusal's reason (None unless rejected).
VerdictListener = Callable[[list[tuple[str, str | None]]], None]
_verdict_listeners: list[VerdictListener] = []


def on_scans_decided(listener: VerdictListener) -> VerdictListener:
    """Register listener for the verdicts of committed scans (usable as a decorator)."""
    _verdict_listeners.append(listener)
    return listener


def scans_decided(verdicts: list[tuple[str, str | None]]) -> None:
    for listener in _verdict_listeners:
        listener(verdicts)


# drivers → the items on each driver's open jobs (any day: an early pickup of their own job is theirs).
JobsOf = Callable[[set[UUID]], Awaitable[dict[UUID, set[UUID]]]]
_jobs_of: list[JobsOf] = []


def on_drivers_jobs(provider: JobsOf) -> JobsOf:
    """Register what tells which items are on a driver's open jobs (usable as a decorator)."""
    _jobs_of.append(provider)
    return provider


async def drivers_jobs(wanted: set[UUID]) -> dict[UUID, set[UUID]] | None:
    """The items on each driver's open jobs; None when no context plans jobs (nothing to check)."""
    if not _jobs_of or not wanted:
        return None
    found: dict[UUID, set[UUID]] = {key: set() for key in wanted}
    for provider in _jobs_of:
        for key, items in (await provider(wanted)).items():
            found.setdefault(key, set()).update(items)
    return found
