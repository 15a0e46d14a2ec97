"""The transport job API contract; the driver's day list is what the field app takes offline."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from backend.schemas import Schema, Version


class Place(Schema, kw_only=True):
    location_id: UUID | None
    name: str
    address: str


class JobItem(Schema, kw_only=True):
    id: UUID
    title: str
    code: str | None
    state: str
    thumbnail_url: str | None


class Person(Schema, kw_only=True):
    id: UUID
    name: str


class JobRead(Schema, kw_only=True):
    id: UUID
    status: str
    wanted_date: date | None
    pickup: Place
    delivery: Place
    items: list[JobItem]
    storage: Place | None
    day: date | None
    driver: Person | None
    booking_id: UUID | None
    version: int


class JobAssign(Schema, kw_only=True):
    driver_id: UUID
    day: date
    version: Version


class JobAction(Schema, kw_only=True):
    version: Version | None = None
