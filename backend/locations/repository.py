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

    async def places(self, location_ids: list[UUID]) -> dict[UUID, Row]:
        """Each place with its path from the site down (site → room → shelf, the deepest tree there is)
        and the nearest address up that path: a shelf has no street address, its site has."""
        if not location_ids:
            return {}
        parent, grandparent = Location.parent, Location.parent.parent
        rows = await Location.select(
            Location.id, Location.kind, Location.name, Location.address,
            parent.name.as_alias("parent_name"), parent.address.as_alias("parent_address"),
            grandparent.name.as_alias("grandparent_name"), grandparent.address.as_alias("grandparent_address"),
        ).where(Location.id.is_in(list(set(location_ids))), Location.municipality == self.municipality_id)
        return {row["id"]: {
            "location_id": row["id"], "kind": row["kind"], "name": row["name"],
            "path": [n for n in (row["grandparent_name"], row["parent_name"], row["name"]) if n],
            "address": row["address"] or row["parent_address"] or row["grandparent_address"] or "",
        } for row in rows}
