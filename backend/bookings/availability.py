"""What is free when: per item busy and free periods, free items per day, seats per window.

Nothing about who booked is shown: a requester sees only that a period is taken.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from uuid import UUID

from backend import clock
from backend.bookings.repository import HoldRepository, Row, WindowRepository
from backend.bookings.rules import MAX_DAYS, local_today
from backend.bookings.service import BookingService
from backend.db import Database
from backend.errors import Invalid
from backend.tenancy import Actor
from backend.transport.tariff import TariffRepository
from backend.vocabulary import SERVICE_KINDS, STOCKHOLM


def free_periods(busy: list[tuple[date, date | None]], start: date, end: date) -> list[tuple[date, date]]:
    """The gaps of [start, end) not covered by the (sorted) busy ranges."""
    gaps, cursor = [], start
    for busy_start, busy_end in busy:
        if busy_start > cursor:
            gaps.append((cursor, min(busy_start, end)))
        cursor = max(cursor, busy_end or end)
        if cursor >= end:
            break
    if cursor < end:
        gaps.append((cursor, end))
    return gaps


def free_per_day(items: list[Row], start: date, end: date) -> list[tuple[date, int]]:
    """How many items are free on each day of [start, end), for the date picker."""
    days = (end - start).days
    taken = [0] * days
    for item in items:
        covered = [False] * days
        for busy_start, busy_end in item["busy"]:
            first = max((busy_start - start).days, 0)
            last = min(((busy_end or end) - start).days, days)
            for index in range(first, last):
                covered[index] = True
        taken = [t + c for t, c in zip(taken, covered, strict=True)]
    return [(start + timedelta(days=i), len(items) - taken[i]) for i in range(days)]


class AvailabilityService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor

    async def of_listing(self, listing_id: UUID, start: date | None, end: date | None) -> Row:
        now = clock.now()
        start = start or local_today(now)
        end = end or start + timedelta(days=90)
        if end <= start:
            raise Invalid("The period ends before it starts.", error="end_before_start")
        if (end - start).days > MAX_DAYS:
            raise Invalid(f"Ask for at most {MAX_DAYS} days at a time.", error="too_long")
        async with self.db.read():
            listing = await BookingService(self.db, self.actor).visible_listing(listing_id)
            if listing["kind"] in SERVICE_KINDS:
                return {"listing": listing, "start": start, "end": end, "items": [], "days": [],
                        "windows": await self._windows(listing_id, start, end)}
            items = await self._items(listing_id, start, end)
            # What delivery would cost: the tariff of the municipality whose AME drives it.
            tariff = await TariffRepository().of(listing["municipality"])
        return {"listing": listing, "start": start, "end": end, "items": items,
                "days": free_per_day(items, start, end), "windows": [],
                "transport_fee_ore": tariff["fee_ore"] if tariff else 0}

    async def _items(self, listing_id: UUID, start: date, end: date) -> list[Row]:
        holds = HoldRepository()
        items = await holds.items_of_listing(listing_id)
        busy = await holds.holds_between([i["id"] for i in items], start, end)
        for item in items:
            item["busy"] = [(b["period_start"], b["period_end"]) for b in busy if b["item"] == item["id"]]
            item["free"] = free_periods(item["busy"], start, end)
        return items

    async def _windows(self, listing_id: UUID, start: date, end: date) -> list[Row]:
        windows = WindowRepository()
        rows = await windows.of_listing(listing_id, _at(start), _at(end))
        taken = await windows.seats_taken([w["id"] for w in rows])
        for row in rows:
            row["remaining"] = max(row["capacity"] - taken.get(row["id"], 0), 0)
        return rows


def _at(day: date) -> datetime:
    return datetime.combine(day, time(0), STOCKHOLM)
