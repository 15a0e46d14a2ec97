"""Location use cases: everyone in a municipality reads; warehouse, coordinator and admin change."""

from __future__ import annotations

from uuid import UUID, uuid4

from backend import clock
from backend.db import Database
from backend.errors import Conflict, Invalid, NotFound
from backend.locations import schemas
from backend.locations.repository import LocationRepository, Row
from backend.tenancy import Actor

EDITORS = ("warehouse", "coordinator", "admin")
# What may sit inside what: a shelf in a room or site, a room in a site, sites and vehicles at the top.
ALLOWED_PARENTS = {"site": (None,), "vehicle": (None,), "room": ("site",), "shelf": ("site", "room")}


class LocationService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.locations = LocationRepository(actor.municipality_id)

    async def list(self, kind: str | None = None) -> list[Row]:
        async with self.db.read():
            return await self.locations.list(kind)

    async def get(self, location_id: UUID) -> Row:
        async with self.db.read():
            row = await self.locations.get(location_id)
        if row is None:
            raise NotFound("No such location.")
        return row

    async def create(self, data: schemas.LocationCreate) -> tuple[Row, bool]:
        self.actor.require(*EDITORS)
        location_id = data.id or uuid4()
        async with self.db.write():
            existing = await self.locations.get_any_tenant(location_id)
            if existing:
                if existing["municipality"] != self.actor.municipality_id:
                    raise Conflict("That id is already in use.")
                return await self.locations.get(location_id), False
            parent = await self.locations.get(data.parent_id) if data.parent_id else None
            if data.parent_id and parent is None:
                raise Invalid("The parent location does not exist.", error="unknown_parent")
            if (parent["kind"] if parent else None) not in ALLOWED_PARENTS[data.kind]:
                raise Invalid(f"A {data.kind} cannot be placed there.", error="bad_parent")
            if await self.locations.name_taken(data.parent_id, data.name):
                raise Conflict(f"A location named {data.name!r} already exists there.")
            values = {"id": location_id, "parent": data.parent_id, "kind": data.kind, "name": data.name,
                      "address": data.address}
            await self.locations.insert(values, clock.now())
            return await self.locations.get(location_id), True

    async def update(self, location_id: UUID, data: schemas.LocationUpdate) -> Row:
        self.actor.require(*EDITORS)
        values = {k: v for k, v in {"name": data.name, "address": data.address}.items() if v is not None}
        async with self.db.write():
            current = await self.locations.get(location_id)
            if current is None:
                raise NotFound("No such location.")
            renamed = data.name and data.name != current["name"]
            if renamed and await self.locations.name_taken(current["parent_id"], data.name):
                raise Conflict(f"A location named {data.name!r} already exists there.")
            if not await self.locations.update(location_id, data.version, values):
                raise Conflict("The location was changed by someone else; reload it.", error="stale_version")
            return await self.locations.get(location_id)
