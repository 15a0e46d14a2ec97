"""Every location query, scoped to one municipality."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from backend.locations.tables import Location

Row = dict[str, Any]
_COLUMNS = (Location.id, Location.parent.as_alias("parent_id"), Location.kind, Location.name, Location.address,
            Location.version, Location.municipality)


class LocationRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def list(self, kind: str | None = None) -> list[Row]:
        query = Location.select(*_COLUMNS).where(Location.municipality == self.municipality_id)
        if kind:
            query = query.where(Location.kind == kind)
        return await query.order_by(Location.name)

    async def get(self, location_id: UUID) -> Row | None:
        return await Location.select(*_COLUMNS).where(
            Location.id == location_id, Location.municipality == self.municipality_id
        ).first()

    async def get_any_tenant(self, location_id: UUID) -> Row | None:
        return await Location.select(Location.id, Location.municipality).where(Location.id == location_id).first()

    async def name_taken(self, parent_id: UUID | None, name: str) -> bool:
        parent = Location.parent == parent_id if parent_id else Location.parent.is_null()
        return await Location.exists().where(
            Location.municipality == self.municipality_id, parent, Location.name == name)

    async def insert(self, values: Row, now: datetime) -> None:
        await Location.insert(Location(**values, municipality=self.municipality_id, created_at=now))

    async def update(self, location_id: UUID, version: int, values: Row) -> bool:
        rows = await Location.update({**values, Location.version: version + 1}).where(
            Location.id == location_id, Location.municipality == self.municipality_id, Location.version == version
        ).returning(Location.id)
        return bool(rows)
