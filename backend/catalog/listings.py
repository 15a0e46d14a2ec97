"""Listing use cases: read what the actor may see, create, edit, and move through the lifecycle."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID, uuid4

from msgspec import UNSET

from backend import clock
from backend.accounts.repository import UnitRepository
from backend.catalog import rules, schemas, wants
from backend.catalog.repository import CategoryRepository, ItemRepository, ListingRepository, Row
from backend.catalog.search_repository import search_text
from backend.catalog.viewer import viewer_for
from backend.catalog.visibility import MANAGERS
from backend.db import Database
from backend.errors import Conflict, Forbidden, Invalid, NotFound
from backend.locations.repository import LocationRepository
from backend.tenancy import Actor
from backend.vocabulary import PHYSICAL_KINDS

# Who sees the physical items and their storage states besides the owners: the municipality's AME.
ITEM_KEEPERS = ("coordinator", "warehouse", "driver")

# Allowed lifecycle moves; "published" again from "paused" reopens the listing.
TRANSITIONS = {
    "draft": ("published", "closed"),
    "published": ("paused", "closed"),
    "paused": ("published", "closed"),
    "closed": (),
}
_PLAIN_FIELDS = ("title", "description", "condition", "tags", "price_ore", "rent_period", "quantity", "width_cm",
                 "depth_cm", "height_cm", "weight_g", "available_from", "available_until", "visibility",
                 "widen_to", "share_days")
# Text columns that hold "" for "not set": an update's null stores "" there.
_EMPTY_WHEN_CLEARED = ("condition", "rent_period", "widen_to")


async def visible_listing(actor: Actor, listing_id: UUID) -> Row:
    """The listing if the actor may see it, else NotFound. Runs in the caller's transaction if any."""
    row = await ListingRepository(await viewer_for(actor)).get_visible(listing_id)
    if row is None:
        raise NotFound("No such listing.")
    return row


def can_edit(actor: Actor, row: Row) -> bool:
    """Its own unit edits a listing; coordinators and admins edit any of their municipality's."""
    if row["municipality"] != actor.municipality_id:
        return False
    return row["owner_unit"] == actor.unit_id or actor.has_any(*MANAGERS)


def _changes(data: schemas.ListingUpdate) -> Row:
    """The columns an update sets: what it names, null clearing to the column's "not set"."""
    changes: Row = {}
    for field in _PLAIN_FIELDS:
        value = getattr(data, field)
        if value is not UNSET:
            changes[field] = "" if value is None and field in _EMPTY_WHEN_CLEARED else value
    for field, column in (("category_id", "category"), ("location_id", "location")):
        if (value := getattr(data, field)) is not UNSET:
            changes[column] = value
    return changes


class ListingService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor

    async def _repo(self) -> ListingRepository:
        return ListingRepository(await viewer_for(self.actor))

    async def get(self, listing_id: UUID) -> Row:
        """The listing with its photos, windows and items, if the actor may see it."""
        async with self.db.read():
            repo = await self._repo()
            row = await repo.get_visible(listing_id)
            if row is None:
                raise NotFound("No such listing.")
            return await self._details(repo, row)

    async def _details(self, repo: ListingRepository, row: Row) -> Row:
        row["photos"] = await repo.photos([row["id"]])
        row["windows"] = await repo.windows(row["id"])
        row["can_edit"] = can_edit(self.actor, row)
        # Items' storage states are the owners' and AME's business, not a borrower's.
        row["items"] = await ItemRepository(row["municipality"]).for_listing(row["id"]) if self._sees_items(row) else []
        return row

    def _sees_items(self, row: Row) -> bool:
        return row["can_edit"] or (self.actor.municipality_id == row["municipality"]
                                   and self.actor.has_any(*ITEM_KEEPERS))

    async def mine(self, unit_id: UUID | None = None, *, status: str | None = None, newest: bool = False,
                   limit: int | None = None) -> list[Row]:
        """Listings of the actor's unit (a coordinator may name another unit of the municipality), last
        changed first or, `newest`, last published first; only those in `status`, at most `limit`."""
        unit_id = unit_id or self.actor.unit_id
        if unit_id != self.actor.unit_id and not self.actor.has_any(*MANAGERS):
            raise Forbidden("Only coordinators see other units' listings here.")
        async with self.db.read():
            repo = await self._repo()
            rows = await repo.for_unit(unit_id, status=status, newest=newest, limit=limit)
            photos = await repo.photos([r["id"] for r in rows])
        for row in rows:
            row["photos"] = [p for p in photos if p["listing"] == row["id"]][:1]
            row["can_edit"] = can_edit(self.actor, row)
        return rows

    async def events(self, listing_id: UUID) -> list[Row]:
        async with self.db.read():
            repo = await self._repo()
            row = await repo.get_own(listing_id)
            if row is None or not can_edit(self.actor, row):
                raise NotFound("No such listing.")
            return await repo.events(listing_id)

    async def list_item(self, item_id: UUID, data: schemas.ItemListingCreate) -> tuple[Row, bool]:
        """List one item of the register as it is: its title, category and unit, the item itself attached;
        given, lent, rented or sold at the price asked."""
        async with self.db.write():
            repo = await self._repo()
            existing = await repo.get_own(data.id)
            if existing is not None:  # sent again: the listing made the first time
                return await self._details(repo, existing), False
            items = ItemRepository(self.actor.municipality_id)
            item = await items.get(item_id)
            if item is None:
                raise NotFound("No such item.")
            if item["listing"] and (current := await repo.get_own(item["listing"])) and current["status"] != "closed":
                raise Conflict("The item is already on an open listing.", error="item_listed")
            category = await self._category(item["category"])
            parent = await self._category(category["parent"]) if category and category["parent"] else category
            kind = "equipment" if parent and parent["slug"] == "utrustning" else "furniture"
            row, made, _ = await self.create(schemas.ListingCreate(
                kind=kind, deal=data.deal, price_ore=data.price_ore, rent_period=data.rent_period,
                title=data.title or item["title"], category_id=item["category"], quantity=1,
                location_id=item["location"], owner_unit_id=item["owner_unit"], publish=data.publish, id=data.id),
                attach=item_id)
            return row, made

    async def create(self, data: schemas.ListingCreate, *, attach: UUID | None = None) -> tuple[Row, bool, list[Row]]:
        """Create a listing (and its items, or attach one item of the register); publish at once when asked.

        Returns new want matches."""
        listing_id = data.id or uuid4()
        async with self.db.write():
            repo = await self._repo()
            existing = await repo.get_any_tenant(listing_id)
            if existing:
                if existing["municipality"] != self.actor.municipality_id:
                    raise Conflict("That id is already in use.")
                return await self._details(repo, await repo.get_own(listing_id)), False, []
            owner = await self._owner_unit(data.owner_unit_id)
            values = {field: getattr(data, field) for field in _PLAIN_FIELDS if getattr(data, field) is not None}
            values |= {"kind": data.kind, "deal": data.deal, "visibility": data.visibility or "municipality"}
            values.setdefault("quantity", 1)
            windows = self._windows(data.windows)
            rules.check_listing(values, windows)
            category = await self._category(data.category_id)
            await self._check_location(data.location_id)
            now = clock.now()
            values |= {"id": listing_id, "owner_unit": owner, "created_by": self.actor.user_id,
                       "category": data.category_id, "location": data.location_id, "created_at": now,
                       "updated_at": now, "search_text": self._search_text(values, category)}
            await repo.insert(values)
            await repo.replace_windows(listing_id, windows or [], now)
            if attach is None:
                await self._add_items(values, 0, values["quantity"], now)
            else:
                await ItemRepository(self.actor.municipality_id).attach(attach, listing_id)
            await repo.record(listing_id, self.actor.user_id, "created", {}, now)
            matches = await self._publish(repo, listing_id, now) if data.publish else []
            return await self._details(repo, await repo.get_own(listing_id)), True, matches

    async def update(self, listing_id: UUID, data: schemas.ListingUpdate) -> Row:
        """Change fields; every change is recorded with its old and new value."""
        async with self.db.write():
            repo = await self._repo()
            current = await self._editable(repo, listing_id)
            changes = _changes(data)
            await self._check_location(changes.get("location"))
            merged = {**current, **changes}
            windows = self._windows(None if data.windows is UNSET else data.windows)
            rules.check_listing(merged, windows)
            category = await self._category(merged["category"])
            await self._check_quantity(current, merged)
            now = clock.now()
            diff = {k: [current[k], v] for k, v in changes.items() if current[k] != v}
            if merged.get("share_days") and current["published_at"] and merged.get("widen_to"):
                changes["share_at"] = current["published_at"] + timedelta(days=merged["share_days"])
            changes |= {"updated_at": now, "search_text": self._search_text(merged, category)}
            if not await repo.update(listing_id, data.version, changes):
                raise Conflict("The listing was changed by someone else; reload it.", error="stale_version")
            if windows is not None:
                await repo.replace_windows(listing_id, windows, now)
                diff["windows"] = [None, len(windows)]
            await self._add_items(merged, current["quantity"], merged["quantity"], now)
            await repo.record(listing_id, self.actor.user_id, "updated", diff, now)
            return await self._details(repo, await repo.get_own(listing_id))

    async def change_status(self, listing_id: UUID, data: schemas.StatusChange) -> tuple[Row, list[Row]]:
        """Move through draft → published → paused → closed; publishing records want matches."""
        async with self.db.write():
            repo = await self._repo()
            current = await self._editable(repo, listing_id)
            if data.status not in TRANSITIONS[current["status"]]:
                raise Conflict(f"A {current['status']} listing cannot become {data.status}.", error="bad_transition")
            if current["version"] != data.version:
                raise Conflict("The listing was changed by someone else; reload it.", error="stale_version")
            now = clock.now()
            if data.status == "published":
                matches = await self._publish(repo, listing_id, now)
            else:
                await repo.update(listing_id, data.version, {"status": data.status, "updated_at": now})
                await repo.record(listing_id, self.actor.user_id, data.status,
                                  {"status": [current["status"], data.status]}, now)
                matches = []
            return await self._details(repo, await repo.get_own(listing_id)), matches

    async def _publish(self, repo: ListingRepository, listing_id: UUID, now) -> list[Row]:
        """Publish in the caller's write transaction: set the share day, record want matches."""
        current = await repo.get_own(listing_id)
        values: Row = {"status": "published", "updated_at": now}
        first = current["published_at"] or now
        values["published_at"] = first
        if current["widen_to"] and current["share_days"]:
            values["share_at"] = first + timedelta(days=current["share_days"])
        await repo.update(listing_id, current["version"], values)
        await repo.record(listing_id, self.actor.user_id, "published",
                          {"status": [current["status"], "published"]}, now)
        return await wants.match_listing(await repo.get_own(listing_id), now)

    async def refresh_many(self, ids: list[UUID]) -> list[UUID]:
        """Mark published listings as still current (the stale list's bulk action), all or none."""
        if not self.actor.has_any(*MANAGERS):
            raise Forbidden("Only coordinators refresh listings in bulk.")
        async with self.db.write():
            repo, now = await self._repo(), clock.now()
            for listing_id in ids:
                current = await repo.get_own(listing_id)
                if current is None:
                    raise NotFound(f"No such listing: {listing_id}. Nothing was refreshed.")
                if current["status"] != "published" or not await repo.update(
                        listing_id, current["version"], {"updated_at": now}):
                    raise Conflict(f"Listing {listing_id} is {current['status']}, not published. "
                                   "Nothing was refreshed.", error="wrong_status")
                await repo.record(listing_id, self.actor.user_id, "refreshed", {}, now)
        return ids

    async def _editable(self, repo: ListingRepository, listing_id: UUID) -> Row:
        current = await repo.get_own(listing_id)
        if current is None:
            raise NotFound("No such listing.")
        if not can_edit(self.actor, current):
            raise Forbidden("Only the owning unit or a coordinator can change this listing.")
        return current

    async def _owner_unit(self, unit_id: UUID | None) -> UUID:
        """The actor's unit, or — for a coordinator or admin — any unit of the municipality."""
        if unit_id is None or unit_id == self.actor.unit_id:
            return self.actor.unit_id
        if not self.actor.has_any(*MANAGERS):
            raise Forbidden("Only coordinators list on behalf of another unit.")
        if await UnitRepository(self.actor.municipality_id).get(unit_id) is None:
            raise Invalid("No such unit in your municipality.", error="unknown_unit")
        return unit_id

    async def _category(self, category_id: UUID | None) -> Row | None:
        if category_id is None:
            return None
        category = await CategoryRepository().get(category_id)
        if category is None:
            raise Invalid("No such category.", error="unknown_category")
        return category

    async def _check_location(self, location_id: UUID | None) -> None:
        if location_id and await LocationRepository(self.actor.municipality_id).get(location_id) is None:
            raise Invalid("No such location in your municipality.", error="unknown_location")

    async def _check_quantity(self, current: Row, merged: Row) -> None:
        if current["kind"] in PHYSICAL_KINDS and merged["quantity"] < current["quantity"]:
            # Each item may already carry a printed label; removing them is a tracking decision.
            raise Conflict("The quantity of items cannot go down here; dispose of items instead.",
                           error="quantity_cannot_shrink")

    async def _add_items(self, values: Row, have: int, want: int, now) -> None:
        if values["kind"] not in PHYSICAL_KINDS or want <= have:
            return
        rows = [{"id": uuid4(), "listing": values["id"], "owner_unit": values["owner_unit"],
                 "title": values["title"][:60], "category": values.get("category")} for _ in range(want - have)]
        await ItemRepository(self.actor.municipality_id).insert(rows, now)

    def _windows(self, windows: list[schemas.WindowIn] | None) -> list[Row] | None:
        if windows is None:
            return None
        return [{"starts_at": w.starts_at, "ends_at": w.ends_at, "capacity": w.capacity} for w in windows]

    def _search_text(self, values: Row, category: Row | None) -> str:
        return search_text(values, category["name_sv"] if category else None)
