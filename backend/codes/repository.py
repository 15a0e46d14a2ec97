"""Every codes query, scoped to one municipality."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import Any
from uuid import UUID

from piccolo.query.functions.aggregate import Count

from backend.accounts.tables import Municipality
from backend.catalog.tables import Item
from backend.codes.tables import Code, CodeBatch
from backend.locations.tables import Location

Row = dict[str, Any]
_CODE_COLUMNS = (Code.id, Code.text, Code.status, Code.item, Code.location, Code.replaced_by, Code.batch,
                 Code.version, Code.municipality)
_CODE_SQL_COLUMNS = ", ".join(column._meta.db_column_name for column in _CODE_COLUMNS)


class CodeRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def by_texts(self, texts: Iterable[str]) -> dict[str, Row]:
        """Codes of this municipality by text; another municipality's codes are simply absent."""
        wanted = sorted(set(texts))
        if not wanted:
            return {}
        # Plain SQL: every scan request looks its codes up, and building the Piccolo query cost more than running it.
        marks = ", ".join("{}" for _ in wanted)
        rows = await Code.raw(f"SELECT {_CODE_SQL_COLUMNS} FROM code WHERE text IN ({marks}) AND municipality = {{}}",
                              *wanted, self.municipality_id)
        return {row["text"]: row for row in rows}

    async def by_ids(self, ids: Iterable[UUID]) -> dict[UUID, Row]:
        wanted = list(set(ids))
        if not wanted:
            return {}
        rows = await Code.select(*_CODE_COLUMNS).where(Code.id.is_in(wanted), Code.municipality == self.municipality_id)
        return {row["id"]: row for row in rows}

    async def linked_to_items(self, item_ids: Iterable[UUID]) -> dict[UUID, Row]:
        wanted = list(set(item_ids))
        if not wanted:
            return {}
        rows = await Code.select(*_CODE_COLUMNS).where(
            Code.item.is_in(wanted), Code.status == "linked", Code.municipality == self.municipality_id)
        return {row["item"]: row for row in rows}

    async def linked_to_locations(self, location_ids: Iterable[UUID]) -> dict[UUID, Row]:
        wanted = list(set(location_ids))
        if not wanted:
            return {}
        rows = await Code.select(*_CODE_COLUMNS).where(
            Code.location.is_in(wanted), Code.status == "linked", Code.municipality == self.municipality_id)
        return {row["location"]: row for row in rows}

    async def existing_texts(self, texts: Iterable[str]) -> set[str]:
        """Texts already taken in any municipality: code text is unique across the service."""
        rows = await Code.select(Code.text).where(Code.text.is_in(list(texts)))
        return {row["text"] for row in rows}

    async def insert_codes(self, rows: list[Row], now: datetime) -> None:
        await Code.insert(*[Code(**row, municipality=self.municipality_id, created_at=now) for row in rows])

    async def link(self, code_id: UUID, *, item: UUID | None, location: UUID | None, now: datetime) -> None:
        await Code.update({Code.status: "linked", Code.item: item, Code.location: location, Code.linked_at: now,
                           Code.version: Code.version + 1}).where(
            Code.id == code_id, Code.municipality == self.municipality_id)

    async def retire(self, code_id: UUID, replaced_by: UUID) -> None:
        await Code.update(
            {Code.status: "retired", Code.replaced_by: replaced_by, Code.version: Code.version + 1},
        ).where(Code.id == code_id, Code.municipality == self.municipality_id)

    async def batch_codes(self, batch_id: UUID) -> list[Row]:
        return await Code.select(*_CODE_COLUMNS).where(
            Code.batch == batch_id, Code.municipality == self.municipality_id,
        ).order_by(Code.created_at).order_by(Code.text)

    async def insert_batch(self, batch_id: UUID, name: str, size: int, user_id: UUID, now: datetime) -> None:
        await CodeBatch.insert(CodeBatch(id=batch_id, municipality=self.municipality_id, name=name, size=size,
                                         created_by=user_id, created_at=now))

    async def batch_any_tenant(self, batch_id: UUID) -> Row | None:
        return await CodeBatch.select(CodeBatch.id, CodeBatch.municipality).where(CodeBatch.id == batch_id).first()

    async def batches(self, batch_id: UUID | None = None) -> list[Row]:
        query = CodeBatch.select(CodeBatch.id, CodeBatch.name, CodeBatch.size, CodeBatch.created_at).where(
            CodeBatch.municipality == self.municipality_id)
        if batch_id:
            query = query.where(CodeBatch.id == batch_id)
        rows = await query.order_by(CodeBatch.created_at, ascending=False)
        if not rows:
            return rows
        counts = await Code.select(Code.batch, Count(Code.id, alias="n")).where(
            Code.batch.is_in([r["id"] for r in rows]), Code.status == "unlinked").group_by(Code.batch)
        unlinked = {c["batch"]: c["n"] for c in counts}
        return [{**row, "unlinked": unlinked.get(row["id"], 0)} for row in rows]

    async def locations(self, ids: Iterable[UUID]) -> dict[UUID, Row]:
        wanted = list(set(ids))
        if not wanted:
            return {}
        rows = await Location.select(Location.id, Location.name, Location.kind).where(
            Location.id.is_in(wanted), Location.municipality == self.municipality_id)
        return {row["id"]: row for row in rows}

    async def municipality_name(self) -> str:
        row = await Municipality.select(Municipality.name).where(Municipality.id == self.municipality_id).first()
        return row["name"] if row else ""

    async def items(self, ids: Iterable[UUID]) -> dict[UUID, Row]:
        """Titles and states of this municipality's items, for what a code points at."""
        wanted = list(set(ids))
        if not wanted:
            return {}
        rows = await Item.select(Item.id, Item.title, Item.state).where(
            Item.id.is_in(wanted), Item.municipality == self.municipality_id)
        return {row["id"]: row for row in rows}
