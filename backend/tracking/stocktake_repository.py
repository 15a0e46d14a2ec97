"""Every stocktake query, scoped to one municipality: the stocktake, what is expected at its place,
what was counted, and the verdicts of an applied one."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from backend.accounts.tables import User
from backend.catalog.tables import Item, Photo
from backend.db import engine_is_sqlite
from backend.locations.tables import Location
from backend.tracking.machine import SHELVED
from backend.tracking.tables import ScanEvent, Stocktake, StocktakeItem

Row = dict[str, Any]
_SUBTREE = ("WITH RECURSIVE sub(id) AS (SELECT id FROM location WHERE id = {} AND municipality = {}"
            " UNION ALL SELECT l.id FROM location l JOIN sub ON l.parent = sub.id WHERE l.municipality = {})")
_SHELVED = ", ".join(f"'{state}'" for state in sorted(SHELVED))


def _marks(values: list) -> str:
    return ", ".join("{}" for _ in values)


class StocktakeRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id
        self.lock_rows = not engine_is_sqlite(Stocktake)

    async def get(self, stocktake_id: UUID, *, lock: bool = False) -> Row | None:
        row = await Stocktake.raw(
            "SELECT s.*, l.name AS location_name, l.kind AS location_kind, b.name AS started_by_name,"
            " f.name AS finished_by_name FROM stocktake s JOIN location l ON l.id = s.location"
            " LEFT JOIN app_user b ON b.id = s.started_by LEFT JOIN app_user f ON f.id = s.finished_by"
            " WHERE s.id = {} AND s.municipality = {}" + (" FOR UPDATE OF s" if lock and self.lock_rows else ""),
            stocktake_id, self.municipality_id)
        return row[0] if row else None

    async def exists_anywhere(self, stocktake_id: UUID) -> bool:
        return await Stocktake.exists().where(Stocktake.id == stocktake_id)

    async def list(self, status: str | None, limit: int) -> list[Row]:
        query = Stocktake.select(Stocktake.id).where(Stocktake.municipality == self.municipality_id)
        if status:
            query = query.where(Stocktake.status == status)
        return await query.order_by(Stocktake.started_at, ascending=False).limit(limit)

    async def insert(self, values: Row) -> None:
        await Stocktake.insert(Stocktake(**values, municipality=self.municipality_id))

    async def finish(self, stocktake_id: UUID, values: Row) -> None:
        await Stocktake.update(values).where(Stocktake.id == stocktake_id,
                                             Stocktake.municipality == self.municipality_id)

    async def path(self, location_id: UUID) -> list[str]:
        """Names from the site down to the place (the tree is at most site → room → shelf)."""
        names, current = [], location_id
        for _ in range(4):
            row = await Location.select(Location.name, Location.parent).where(
                Location.id == current, Location.municipality == self.municipality_id).first()
            if row is None:
                break
            names.insert(0, row["name"])
            if row["parent"] is None:
                break
            current = row["parent"]
        return names

    async def expected(self, location_id: UUID, *, lock: bool = False) -> dict[UUID, Row]:
        """Items whose place is this one or under it, in a state a stocktake expects to find on a shelf."""
        rows = await Item.raw(
            _SUBTREE + " SELECT id, title, state, location, holder_unit, version FROM item"
            f" WHERE municipality = {{}} AND location IN (SELECT id FROM sub) AND state IN ({_SHELVED})"
            + (" ORDER BY id FOR UPDATE" if lock and self.lock_rows else ""),
            location_id, self.municipality_id, self.municipality_id, self.municipality_id)
        return {row["id"]: row for row in rows}

    async def counted(self, stocktake_id: UUID) -> set[UUID]:
        """The items counting scans of this stocktake were applied to."""
        rows = await ScanEvent.raw(
            "SELECT DISTINCT item FROM scan_event WHERE stocktake = {} AND municipality = {}"
            " AND action = 'stocktake' AND outcome = 'applied'", stocktake_id, self.municipality_id)
        return {row["item"] for row in rows}

    async def count_counted(self, stocktake_ids: list[UUID]) -> dict[UUID, int]:
        if not stocktake_ids:
            return {}
        rows = await ScanEvent.raw(
            f"SELECT stocktake, COUNT(DISTINCT item) AS n FROM scan_event WHERE stocktake IN ({_marks(stocktake_ids)})"
            " AND municipality = {} AND action = 'stocktake' AND outcome = 'applied' GROUP BY stocktake",
            *stocktake_ids, self.municipality_id)
        return {row["stocktake"]: row["n"] for row in rows}

    async def insert_verdicts(self, stocktake_id: UUID, verdicts: list[tuple[UUID, str, str | None]]) -> None:
        if verdicts:
            await StocktakeItem.insert(*(StocktakeItem(id=uuid4(), stocktake=stocktake_id, item=item, verdict=verdict,
                                                       reason=reason) for item, verdict, reason in verdicts))

    async def verdicts(self, stocktake_id: UUID) -> list[Row]:
        return await StocktakeItem.select(StocktakeItem.item, StocktakeItem.verdict, StocktakeItem.reason).where(
            StocktakeItem.stocktake == stocktake_id)

    async def item_details(self, item_ids: Iterable[UUID]) -> dict[UUID, Row]:
        """Title, state, place and first photo of each item, for the result lists."""
        wanted = list(set(item_ids))
        if not wanted:
            return {}
        rows = await Item.select(Item.id, Item.title, Item.state, Item.location, Item.listing,
                                 Item.location.name.as_alias("location_name")).where(
            Item.id.is_in(wanted), Item.municipality == self.municipality_id)
        photos: dict[UUID, UUID] = {}
        listings = [r["listing"] for r in rows if r["listing"]]
        if listings:
            for photo in await Photo.select(Photo.id, Photo.listing, Photo.item).where(
                    Photo.listing.is_in(list(set(listings)))).order_by(Photo.position, ascending=False):
                photos[photo["item"] or photo["listing"]] = photo["id"]
        return {r["id"]: {**r, "photo_id": photos.get(r["id"]) or photos.get(r["listing"])} for r in rows}

    async def user_names(self, ids: Iterable[UUID | None]) -> dict[UUID, str]:
        wanted = [i for i in set(ids) if i]
        if not wanted:
            return {}
        return {r["id"]: r["name"] for r in await User.select(User.id, User.name).where(User.id.is_in(wanted))}

    async def insert_made(self, values: Row, now: datetime) -> bool:
        """Insert a stocktake unless its id exists (a retried start); True when this call made it."""
        if await self.exists_anywhere(values["id"]):
            return False
        await self.insert({**values, "started_at": now})
        return True
