"""Listings, items and windows for booking tests, written straight to the catalogue's tables."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import UUID, uuid4

from backend import clock
from backend.bookings.rules import local_today
from backend.catalog.tables import AvailabilityWindow, Item, Listing


def today() -> date:
    return local_today(clock.now())


def days(n: int) -> str:
    """An ISO date n days from today."""
    return (today() + timedelta(days=n)).isoformat()


async def make_listing(tenant, *, deal: str = "lend", kind: str = "furniture", items: int = 1,
                       visibility: str = "network", owner_unit: UUID | None = None, price_ore: int | None = None,
                       rent_period: str = "", status: str = "published", location: UUID | None = None,
                       title: str = "Kontorsstol") -> tuple[UUID, list[UUID]]:
    """A published listing of the tenant's AME unit with `items` labelled items."""
    listing_id, now, unit = uuid4(), clock.now(), owner_unit or tenant.ame_unit
    await Listing.insert(Listing(id=listing_id, municipality=tenant.id, owner_unit=unit, kind=kind, deal=deal,
                                 title=title, price_ore=price_ore, rent_period=rent_period, quantity=max(items, 1),
                                 status=status, visibility=visibility, location=location, published_at=now,
                                 created_at=now, updated_at=now))
    item_ids = [uuid4() for _ in range(items)]
    if item_ids:
        await Item.insert(*[Item(id=i, municipality=tenant.id, listing=listing_id, owner_unit=unit,
                                 title=f"{title} {n + 1}", state="in_storage", created_at=now)
                            for n, i in enumerate(item_ids)])
    return listing_id, item_ids


async def make_window(tenant, listing_id: UUID, starts_at: datetime, hours: int = 2, capacity: int = 2) -> UUID:
    window_id = uuid4()
    await AvailabilityWindow.insert(AvailabilityWindow(id=window_id, municipality=tenant.id, listing=listing_id,
                                                       starts_at=starts_at, ends_at=starts_at + timedelta(hours=hours),
                                                       capacity=capacity, created_at=clock.now()))
    return window_id
