"""Search queries: full text (FTS5 on SQLite, to_tsvector('swedish') on PostgreSQL) plus facets.

Both engines get the same SQL shape: a text-match clause, the visibility condition, the facet
filters, one page of cards and one grouped count for the facets and the total.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from backend.catalog import rules, text, visibility
from backend.catalog.tables import Category, Listing
from backend.catalog.visibility import Viewer
from backend.db import engine_is_sqlite

Row = dict[str, Any]

_CARD = (
    "listing.id, listing.title, listing.kind, listing.deal, listing.price_ore, listing.rent_period,"
    " listing.quantity, listing.condition, listing.category AS category_id, listing.municipality AS municipality_id,"
    " municipality.name AS municipality_name, listing.status, listing.published_at,"
    " (SELECT photo.id FROM photo WHERE photo.listing = listing.id ORDER BY photo.position, photo.created_at"
    " LIMIT 1) AS photo_id"
)


@dataclass
class Filters:
    """Facet filters; each empty one does not filter."""

    kind: str | None = None
    deal: str | None = None
    categories: list[UUID] = field(default_factory=list)
    municipality: UUID | None = None
    condition: str | None = None
    available_on: date | None = None


def match_text(q: str) -> str | None:
    """What the engine's text match is given for the search words, or None when there are none."""
    if engine_is_sqlite(Listing):
        return text.fts_query(q)
    # PostgreSQL stems and drops stop words itself; only the words go in.
    return " ".join(text.words(q)[:12]) or None


def search_text(values: Row, category_name: str | None) -> str:
    """A listing's stored search text: stemmed here for SQLite's FTS, left to PostgreSQL's swedish config."""
    return rules.search_text(values, category_name, engine_is_sqlite(Listing))


class SearchRepository:
    def __init__(self, viewer: Viewer) -> None:
        self.viewer, self.sqlite = viewer, engine_is_sqlite(Listing)

    def _text(self, match: str | None) -> tuple[str, str, list[Any]]:
        """(FROM clause addition, score expression, args) for the text match, or none."""
        if match is None:
            return "", "0", []
        if self.sqlite:
            join = (" JOIN (SELECT rowid AS fts_rowid, bm25(listing_fts) AS fts_rank FROM listing_fts"
                    " WHERE listing_fts MATCH {}) AS hits ON hits.fts_rowid = listing.rowid")
            return join, "-hits.fts_rank", [match]
        join = (" JOIN plainto_tsquery('swedish', {}) AS query ON to_tsvector('swedish', listing.search_text) @@ query")
        return join, "ts_rank(to_tsvector('swedish', listing.search_text), query)", [match]

    def _where(self, filters: Filters) -> tuple[str, list[Any]]:
        sql, args = visibility.condition(self.viewer)
        clauses = [sql]
        for column, value in (("kind", filters.kind), ("deal", filters.deal), ("municipality", filters.municipality),
                              ("condition", filters.condition)):
            if value is not None:
                clauses.append(f"listing.{column} = {{}}")
                args.append(value)
        if filters.categories:
            clauses.append("listing.category IN (" + ", ".join("{}" for _ in filters.categories) + ")")
            args += filters.categories
        if filters.available_on is not None:
            clauses.append("(listing.available_from IS NULL OR listing.available_from <= {})"
                           " AND (listing.available_until IS NULL OR listing.available_until >= {})")
            args += [filters.available_on, filters.available_on]
        return " AND ".join(clauses), args

    async def page(self, match: str | None, filters: Filters, relevance: bool, limit: int, offset: int) -> list[Row]:
        join, score, text_args = self._text(match)
        where, args = self._where(filters)
        order = f"{score} DESC, listing.published_at DESC" if relevance and match else "listing.published_at DESC"
        sql = (f"SELECT {_CARD} FROM listing{join} JOIN municipality ON municipality.id = listing.municipality"
               f" WHERE {where} ORDER BY {order}, listing.id LIMIT {{}} OFFSET {{}}")
        return await Listing.raw(sql, *text_args, *args, limit, offset)

    async def facets(self, match: str | None, filters: Filters) -> list[Row]:
        """Counts per (kind, deal, category, municipality, condition) combination of the hits."""
        join, _, text_args = self._text(match)
        where, args = self._where(filters)
        sql = (f"SELECT listing.kind, listing.deal, listing.category, listing.municipality, listing.condition,"
               f" COUNT(*) AS n FROM listing{join} WHERE {where}"
               " GROUP BY listing.kind, listing.deal, listing.category, listing.municipality, listing.condition")
        return await Listing.raw(sql, *text_args, *args)

    async def cards(self, listing_ids: list[UUID]) -> list[Row]:
        """Cards of these listings that the viewer may see (for wants' matches)."""
        if not listing_ids:
            return []
        where, args = self._where(Filters())
        marks = ", ".join("{}" for _ in listing_ids)
        sql = (f"SELECT {_CARD} FROM listing JOIN municipality ON municipality.id = listing.municipality"
               f" WHERE listing.id IN ({marks}) AND {where}")
        return await Listing.raw(sql, *listing_ids, *args)


class ReindexRepository:
    """Every listing's search text, read and rewritten a batch at a time (`python -m backend reindex`)."""

    async def category_names(self) -> dict[UUID, str]:
        return {row["id"]: row["name_sv"] for row in await Category.select(Category.id, Category.name_sv)}

    async def batch(self, after: UUID | None, size: int) -> list[Row]:
        query = Listing.select(Listing.id, Listing.title, Listing.tags, Listing.description, Listing.category,
                               Listing.search_text).order_by(Listing.id).limit(size)
        return await (query.where(Listing.id > after) if after else query)

    async def set_search_text(self, listing_id: UUID, search_text: str) -> None:
        await Listing.update({Listing.search_text: search_text}).where(Listing.id == listing_id)
