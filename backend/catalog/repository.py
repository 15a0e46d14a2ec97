"""Catalogue queries on items. Tenant repositories are bound to one municipality at construction."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from backend.catalog.tables import Item

Row = dict[str, Any]


class ItemRepository:
    """Physical items of one municipality (tracking writes their state, location and holder)."""

    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def get(self, item_id: UUID) -> Row | None:
        """The item with this id in this municipality, or None (also for another tenant's item)."""
        return await Item.select().where(Item.id == item_id, Item.municipality == self.municipality_id).first()

    async def for_listing(self, listing_id: UUID) -> list[Row]:
        return await (
            Item.select()
            .where(Item.listing == listing_id, Item.municipality == self.municipality_id)
            .order_by(Item.created_at)
        )

    async def insert(self, rows: list[Row], now: datetime) -> None:
        """Insert items given as column dicts (id, owner_unit, title, listing, category)."""
        await Item.insert(*[Item(**row, municipality=self.municipality_id, created_at=now) for row in rows])
