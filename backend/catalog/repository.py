"""Catalogue queries on items, listings, windows, audit events and categories.

Tenant repositories are bound to one municipality at construction; reads that cross tenants
(a network neighbour's listing) go through the visibility condition in visibility.py.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any
from uuid import UUID

from piccolo.columns.combination import WhereRaw

from backend.accounts.tables import NetworkMembership
from backend.catalog import visibility
from backend.catalog.hooks import windows_in_use
from backend.catalog.tables import AvailabilityWindow, Category, Item, Listing, ListingEvent, Photo
from backend.catalog.visibility import Viewer
from backend.errors import Conflict

Row = dict[str, Any]

LISTING_COLUMNS = (
    *Listing.all_columns(exclude=[Listing.search_text, Listing.shared_matched]),
    Listing.municipality.name.as_alias("municipality_name"),
    Listing.owner_unit.name.as_alias("owner_unit_name"),
    Listing.category.name_sv.as_alias("category_name"),
    Listing.location.name.as_alias("location_name"),
    Listing.location.address.as_alias("location_address"),
)


async def peers_of(municipality_id: UUID) -> tuple[UUID, ...]:
    """Municipalities sharing an active network with this one (itself excluded); one query, as every
    catalogue read asks."""
    mine = NetworkMembership.select(NetworkMembership.network).where(
        NetworkMembership.municipality == municipality_id, NetworkMembership.status == "active")
    rows = await NetworkMembership.select(NetworkMembership.municipality).where(
        NetworkMembership.network.is_in(mine),
        NetworkMembership.status == "active",
        NetworkMembership.municipality != municipality_id,
    ).output(as_list=True)
    return tuple(dict.fromkeys(rows))


def visible(viewer: Viewer) -> WhereRaw:
    sql, args = visibility.condition(viewer)
    return WhereRaw(sql, *args)


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
            .order_by(Item.id)
        )

    async def attach(self, item_id: UUID, listing_id: UUID) -> None:
        """Put an item of the register under a listing (listing it)."""
        await Item.update({Item.listing: listing_id}).where(
            Item.id == item_id, Item.municipality == self.municipality_id)
        # Its own photos (taken at intake) go onto the listing with it.
        await Photo.update({Photo.listing: listing_id}).where(
            Photo.item == item_id, Photo.listing.is_null(), Photo.municipality == self.municipality_id)

    async def insert(self, rows: list[Row], now: datetime) -> None:
        """Insert items given as column dicts (id, owner_unit, title, listing, category)."""
        if rows:
            await Item.insert(*[Item(**row, municipality=self.municipality_id, created_at=now) for row in rows])


class ListingRepository:
    """Listings as one viewer may see them, and changes to the viewer's own municipality's."""

    def __init__(self, viewer: Viewer) -> None:
        self.viewer = viewer
        self.municipality_id = viewer.municipality_id

    async def get_visible(self, listing_id: UUID) -> Row | None:
        return await Listing.select(*LISTING_COLUMNS).where(Listing.id == listing_id, visible(self.viewer)).first()

    async def get_own(self, listing_id: UUID) -> Row | None:
        """A listing of the viewer's municipality, whatever its tier (for owners' changes)."""
        return await Listing.select(*LISTING_COLUMNS, Listing.shared_matched).where(
            Listing.id == listing_id, Listing.municipality == self.municipality_id
        ).first()

    async def get_any_tenant(self, listing_id: UUID) -> Row | None:
        """Only to tell a replayed create from an id taken in another municipality."""
        return await Listing.select(Listing.id, Listing.municipality).where(Listing.id == listing_id).first()

    async def for_unit(self, unit_id: UUID, *, status: str | None = None, newest: bool = False,
                       limit: int | None = None) -> list[Row]:
        query = Listing.select(*LISTING_COLUMNS).where(
            Listing.municipality == self.municipality_id, Listing.owner_unit == unit_id)
        if status is not None:
            query = query.where(Listing.status == status)
        order = Listing.published_at if newest else Listing.updated_at
        query = query.order_by(order, ascending=False).order_by(Listing.id)
        return await (query.limit(limit) if limit is not None else query)

    async def insert(self, values: Row) -> None:
        await Listing.insert(Listing(**values, municipality=self.municipality_id))

    async def update(self, listing_id: UUID, version: int, values: Row) -> bool:
        """Apply values if the row is still at `version`; False when it moved on."""
        values = {**values, "version": version + 1}
        rows = await Listing.update(values).where(
            Listing.id == listing_id, Listing.municipality == self.municipality_id, Listing.version == version
        ).returning(Listing.id)
        return bool(rows)

    async def record(self, listing_id: UUID, actor_id: UUID | None, action: str, changes: Row, at: datetime) -> None:
        """Append an audit event: who, what, which fields (old → new), when."""
        await ListingEvent.insert(ListingEvent(
            municipality=self.municipality_id, listing=listing_id, actor=actor_id, action=action,
            changes=json.dumps(changes, default=str, ensure_ascii=False), at=at,
        ))

    async def events(self, listing_id: UUID) -> list[Row]:
        return await ListingEvent.select(
            ListingEvent.action, ListingEvent.changes, ListingEvent.at,
            ListingEvent.actor.id.as_alias("actor_id"), ListingEvent.actor.name.as_alias("actor_name"),
        ).where(
            ListingEvent.listing == listing_id, ListingEvent.municipality == self.municipality_id
        ).order_by(ListingEvent.at)

    async def windows(self, listing_id: UUID) -> list[Row]:
        return await AvailabilityWindow.select().where(AvailabilityWindow.listing == listing_id).order_by(
            AvailabilityWindow.starts_at
        )

    async def replace_windows(self, listing_id: UUID, windows: list[Row], now: datetime) -> None:
        """Make the listing's windows these: a window with the same start and end is kept (its bookings
        with it) and takes the new capacity; the rest are removed, unless booked (409), or added."""
        existing = {(w["starts_at"], w["ends_at"]): w for w in await self.windows(listing_id)}
        wanted = {(w["starts_at"], w["ends_at"]): w for w in windows}
        gone = [w["id"] for key, w in existing.items() if key not in wanted]
        if await windows_in_use(gone):
            raise Conflict("A time someone has booked cannot be removed; cancel its bookings first.",
                           error="window_booked")
        if gone:
            await AvailabilityWindow.delete().where(
                AvailabilityWindow.id.is_in(gone), AvailabilityWindow.municipality == self.municipality_id)
        for key, window in wanted.items():
            if key in existing and existing[key]["capacity"] != window["capacity"]:
                await AvailabilityWindow.update({AvailabilityWindow.capacity: window["capacity"]}).where(
                    AvailabilityWindow.id == existing[key]["id"])
        added = [w for key, w in wanted.items() if key not in existing]
        if added:
            await AvailabilityWindow.insert(*[
                AvailabilityWindow(**w, listing=listing_id, municipality=self.municipality_id, created_at=now)
                for w in added
            ])

    async def photos(self, listing_ids: list[UUID]) -> list[Row]:
        if not listing_ids:
            return []
        return await Photo.select(Photo.id, Photo.listing, Photo.width, Photo.height).where(
            Photo.listing.is_in(listing_ids)
        ).order_by(Photo.position).order_by(Photo.created_at)


class CategoryRepository:
    """The shared category tree (the same for every municipality)."""

    async def list(self) -> list[Row]:
        return await Category.select().order_by(Category.position)

    async def slugs(self) -> set[str]:
        return {row["slug"] for row in await Category.select(Category.slug)}

    async def insert(self, values: Row) -> None:
        await Category.insert(Category(**values))

    async def get(self, category_id: UUID) -> Row | None:
        return await Category.select().where(Category.id == category_id).first()

    async def subtree(self, category_id: UUID) -> list[UUID]:
        """The category and its children (the tree is two levels deep)."""
        children = await Category.select(Category.id).where(Category.parent == category_id).output(as_list=True)
        return [category_id, *children]


async def unscoped_listing(listing_id: UUID) -> Row | None:
    """A listing by id for system jobs (share day), never for a request."""
    return await Listing.select(*LISTING_COLUMNS).where(Listing.id == listing_id).first()


async def mark_shared(listing_id: UUID) -> None:
    await Listing.update({Listing.shared_matched: True}).where(Listing.id == listing_id)


class PhotoRepository:
    """Photo rows; reads check the listing's visibility through ListingRepository first."""

    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def get(self, photo_id: UUID) -> Row | None:
        """Any tenant's photo row: the caller must then check its listing is visible."""
        return await Photo.select().where(Photo.id == photo_id).first()

    async def count(self, listing_id: UUID) -> int:
        return await Photo.count().where(Photo.listing == listing_id)

    async def count_of_item(self, item_id: UUID | None) -> int:
        return await Photo.count().where(Photo.item == item_id, Photo.municipality == self.municipality_id)

    async def of_item(self, item_id: UUID) -> list[Row]:
        return await Photo.select(Photo.id, Photo.listing, Photo.item, Photo.width, Photo.height, Photo.position).where(
            Photo.item == item_id, Photo.municipality == self.municipality_id).order_by(Photo.created_at)

    async def insert(self, rows: list[Row], now: datetime) -> None:
        await Photo.insert(*[Photo(**row, municipality=self.municipality_id, created_at=now) for row in rows])

    async def delete(self, photo_id: UUID) -> None:
        await Photo.delete().where(Photo.id == photo_id, Photo.municipality == self.municipality_id)
