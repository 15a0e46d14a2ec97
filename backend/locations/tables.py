"""Locations storage: places where items can be (sites, rooms, shelves, vehicles)."""

from __future__ import annotations

from piccolo.columns import UUID, ForeignKey, Integer, OnDelete, Timestamptz, Varchar
from piccolo.table import Table

from backend.accounts.tables import Municipality

LOCATION_KINDS = ("site", "room", "shelf", "vehicle")


class Location(Table):
    """A plats/lager/hylla or a vehicle, in a tree: site → room → shelf."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    parent = ForeignKey(references="self", null=True, default=None, on_delete=OnDelete.restrict, index=True)
    kind = Varchar(length=20)
    name = Varchar(length=200)
    address = Varchar(length=300, default="")
    version = Integer(default=1)
    created_at = Timestamptz()
