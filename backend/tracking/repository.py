"""Every tracking query, scoped to one municipality, set-based so a batch costs a few queries."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from backend.accounts.tables import User
from backend.catalog.tables import Item
from backend.codes.tables import Code
from backend.db import engine_is_sqlite
from backend.locations.tables import Location
from backend.tracking.tables import ScanEvent, Stocktake

Row = dict[str, Any]
_EVENT_FIELDS = tuple(column._meta.db_column_name for column in ScanEvent._meta.columns)
_EVENT_DEFAULTS = {"message": "", "state_before": "", "state_after": "", "note": "", "seq": 0, "time_source": "device",
                   "driver_confirmed": False, "resolution": ""}
_ITEM_COLUMNS = "id, title, state, location, holder_unit, version, owner_unit"


def _marks(values: list) -> str:
    """One placeholder per value, for an IN (...) list."""
    return ", ".join("{}" for _ in values)


class TrackingRepository:
    def __init__(self, municipality_id: UUID, *, lock_rows: bool | None = None) -> None:
        self.municipality_id = municipality_id
        # PostgreSQL: lock the batch's items so concurrent batches serialise per item
        # (SQLite's single writer already does).
        # PostgreSQL locks the rows a scan batch reads; SQLite has one writer, nothing to lock.
        self.lock_rows = not engine_is_sqlite(ScanEvent) if lock_rows is None else lock_rows

    # The three look-ups below run for every scan request: plain SQL, since building the
    # equivalent Piccolo query cost more than running it (about 0.15 ms each in a profile).

    async def events_by_ids(self, ids: Iterable[UUID]) -> dict[UUID, Row]:
        """Stored events with these ids in any municipality: ids are the phones' UUIDs."""
        wanted = list(set(ids))
        if not wanted:
            return {}
        rows = await ScanEvent.raw(
            "SELECT id, municipality, outcome, reason, message, item, driver_confirmed FROM scan_event"
            f" WHERE id IN ({_marks(wanted)})",
            *wanted)
        return {row["id"]: row for row in rows}

    async def items(self, ids: Iterable[UUID]) -> dict[UUID, Row]:
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        lock = " ORDER BY id FOR UPDATE" if self.lock_rows else ""
        rows = await Item.raw(
            f"SELECT {_ITEM_COLUMNS} FROM item WHERE id IN ({_marks(wanted)}) AND municipality = {{}}{lock}",
            *wanted, self.municipality_id)
        return {row["id"]: row for row in rows}

    async def hold_new_stocktakes(self, ids: Iterable[UUID]) -> None:
        """Wait for another batch starting one of these stocktakes (first scans sent from a phone that
        began it with no network) to finish, so this batch then reads it instead of starting it again."""
        if self.lock_rows:
            for stocktake_id in sorted(set(ids)):
                await Stocktake.raw("SELECT pg_advisory_xact_lock(hashtextextended({}, 0))", str(stocktake_id))

    async def stocktakes_by_ids(self, ids: Iterable[UUID]) -> dict[UUID, Row]:
        """The stocktakes counting scans name, in any municipality; PostgreSQL holds them against an apply."""
        wanted = sorted(set(ids))
        if not wanted:
            return {}
        lock = " ORDER BY id FOR SHARE" if self.lock_rows else ""
        rows = await Stocktake.raw(
            f"SELECT id, municipality, location, status FROM stocktake WHERE id IN ({_marks(wanted)}){lock}", *wanted)
        return {row["id"]: row for row in rows}

    async def insert_stocktakes(self, rows: list[Row]) -> None:
        """Stocktakes started by their first scan (begun on a phone with no network)."""
        if rows:
            await Stocktake.insert(*(Stocktake(**{**row, "municipality": self.municipality_id}) for row in rows))

    async def locations(self, ids: Iterable[UUID | None]) -> dict[UUID, Row]:
        wanted = [i for i in set(ids) if i is not None]
        if not wanted:
            return {}
        rows = await Location.raw(
            f"SELECT id, name, kind FROM location WHERE id IN ({_marks(wanted)}) AND municipality = {{}}",
            *wanted, self.municipality_id)
        return {row["id"]: row for row in rows}

    async def insert_events(self, rows: list[Row]) -> None:
        """Append the batch's events with one executemany on the transaction's own connection.

        Building 500 Piccolo row objects costs more than the database does (about 2 ms per row
        in a profile); the driver takes plain tuples. Types are adapted exactly as Piccolo's own
        queries adapt them (its SQLite adapters are registered with sqlite3 globally).
        """
        if not rows:
            return
        transaction = ScanEvent._meta.db.current_transaction.get()
        if transaction is None:
            raise RuntimeError("scan events are written inside the batch's write transaction")
        values = [tuple(self.municipality_id if c == "municipality" else row.get(c, _EVENT_DEFAULTS.get(c))
                        for c in _EVENT_FIELDS) for row in rows]
        names = ", ".join(f'"{c}"' for c in _EVENT_FIELDS)
        if self.lock_rows:  # PostgreSQL (asyncpg numbers its parameters)
            marks = ", ".join(f"${i}" for i in range(1, len(_EVENT_FIELDS) + 1))
        else:
            marks = ", ".join("?" * len(_EVENT_FIELDS))
        await transaction.connection.executemany(f'INSERT INTO "scan_event" ({names}) VALUES ({marks})', values)

    async def held(self, event_id: UUID) -> Row | None:
        """A pickup held for a coordinator, with whether it was resolved already."""
        return await ScanEvent.select(
            ScanEvent.id, ScanEvent.code_text, ScanEvent.item, ScanEvent.location, ScanEvent.actor,
            ScanEvent.event_time, ScanEvent.server_time, ScanEvent.resolution).where(
            ScanEvent.id == event_id, ScanEvent.municipality == self.municipality_id,
            ScanEvent.outcome == "held").first()

    async def resolve(self, event_id: UUID, resolution: str, by: UUID, at: datetime) -> bool:
        """Mark a held pickup resolved, once: False when someone resolved it first."""
        rows = await ScanEvent.update({ScanEvent.resolution: resolution, ScanEvent.resolved_by: by,
                                       ScanEvent.resolved_at: at}).where(
            ScanEvent.id == event_id, ScanEvent.municipality == self.municipality_id, ScanEvent.outcome == "held",
            ScanEvent.resolution == "").returning(ScanEvent.id)
        return bool(rows)

    async def move_items(self, item_ids: list[UUID], values: Row) -> int:
        """Put these items in one new position; the batch holds their rows, so no version check."""
        rows = await Item.update({Item.state: values["state"], Item.location: values["location"],
                                  Item.holder_unit: values["holder_unit"], Item.version: Item.version + 1}).where(
            Item.id.is_in(item_ids), Item.municipality == self.municipality_id,
        ).returning(Item.id)
        return len(rows)

    async def item_exists(self, item_id: UUID) -> bool:
        return await Item.exists().where(Item.id == item_id, Item.municipality == self.municipality_id)

    async def location_exists(self, location_id: UUID) -> bool:
        return await Location.exists().where(Location.id == location_id, Location.municipality == self.municipality_id)

    async def history(self, *, item_id: UUID | None = None, location_id: UUID | None = None,
                      limit: int = 200) -> list[Row]:
        """Events of one item, or everything scanned at or moved to one location, newest first."""
        query = ScanEvent.select(*ScanEvent.all_columns(exclude=[ScanEvent.municipality])).where(
            ScanEvent.municipality == self.municipality_id)
        if item_id:
            query = query.where(ScanEvent.item == item_id)
        if location_id:
            query = query.where((ScanEvent.location == location_id) | (ScanEvent.location_after == location_id))
        rows = await query.order_by(ScanEvent.server_time, ScanEvent.seq, ascending=False).limit(limit)
        return await self._named(rows)

    async def _named(self, rows: list[Row]) -> list[Row]:
        """Add names of the people, items, places and codes the events mention."""
        users = await _names(User, User.name, [r["actor"] for r in rows])
        items = await _names(Item, Item.title, [r["item"] for r in rows])
        codes = await _names(Code, Code.text, [r["code"] for r in rows])
        places = await _names(Location, Location.name,
                              [r["location"] for r in rows] + [r["location_after"] for r in rows])
        return [{**r, "actor_name": users.get(r["actor"]), "item_title": items.get(r["item"]),
                 "location_name": places.get(r["location"]), "location_after_name": places.get(r["location_after"]),
                 "code_display": codes.get(r["code"], r["code_text"])} for r in rows]


async def _names(table, column, ids: list[UUID | None]) -> dict[UUID, str]:
    """id → one text column for the ids given (rows already filtered by tenant through the events)."""
    wanted = [i for i in set(ids) if i]
    if not wanted:
        return {}
    rows = await table.select(table.id, column.as_alias("value")).where(table.id.is_in(wanted))
    return {row["id"]: row["value"] for row in rows}
