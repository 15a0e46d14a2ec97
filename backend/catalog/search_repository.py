"""Search queries: full text (FTS5 on SQLite, a stored tsvector on PostgreSQL, both of text.py's stems) plus facets.

Both engines get the same SQL shape: a text-match condition, the visibility condition, the facet
filters, one page of cards and one grouped count for the facets and the total. The work stays
bounded when a word is found in thousands of listings: the count stops after COUNT_CAP hits (and
the facets are counted over those), newest first reads the newest-first index and stops after
the page, and best match ranks the RELEVANCE_POOL newest hits (the older ones follow them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any
from uuid import UUID

from backend.catalog import rules, text, visibility
from backend.catalog.tables import Category, Listing, Want
from backend.catalog.visibility import Viewer
from backend.db import engine_is_sqlite

Row = dict[str, Any]

COUNT_CAP = 1000  # hits counted exactly; past it the answer says "more than 1,000"
RELEVANCE_POOL = 500  # best match ranks this many of the newest hits; older ones follow, newest first
FACET_COLUMNS = ("kind", "deal", "category", "municipality", "condition")
# Unpublished listings (an own unit's drafts) last on both databases: PostgreSQL would put NULL first,
# and a newest-first walk would then read every draft before the first published listing.
_NEWEST = "listing.published_at DESC NULLS LAST, listing.id"
_CARD = (
    "listing.id, listing.title, listing.kind, listing.deal, listing.price_ore, listing.rent_period,"
    " listing.quantity, listing.condition, listing.category AS category_id, listing.municipality AS municipality_id,"
    " municipality.name AS municipality_name, unit.name AS owner_unit_name, listing.status, listing.published_at,"
    " listing.available_from, listing.available_until,"
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
    # Stems made here, as the stored text is: PostgreSQL's `simple` configuration takes them as they are.
    return " ".join(list(dict.fromkeys(text.stems(q)))[:12]) or None


def _lexeme(value: object) -> str:
    """One lexeme of a tsquery, quoted (a quote or backslash inside is escaped)."""
    return "'" + str(value).replace("\\", "\\\\").replace("'", "''") + "'"


def reach_query(viewer: Viewer, filters: Filters) -> str:
    """The lexemes a listing this viewer may see in these facets carries (stored beside the stems by
    migration catalog_2026_12_08t10_00_00): its own municipality's ("m:"), a network peer's shared
    ones ("w:") or the national tier ("p"), each joined with the kind and deal chosen, so that the
    index intersects the words with one short list per audience instead of three long ones."""
    facets = "".join(f"/{prefix}:{value}" for prefix, value in (("k", filters.kind), ("d", filters.deal))
                     if value is not None)
    reach = [f"m:{viewer.municipality_id}", *(f"w:{peer}" for peer in viewer.peers), "p"]
    terms = ["( " + " | ".join(_lexeme(audience + facets) for audience in reach) + " )"]
    for prefix, value in (("q", filters.condition), ("m", filters.municipality)):
        if value is not None:
            terms.append(_lexeme(f"{prefix}:{value}"))
    if filters.categories:
        terms.append("( " + " | ".join(_lexeme(f"c:{c}") for c in filters.categories) + " )")
    return " & ".join(terms)


def search_text(values: Row, category_name: str | None) -> str:
    """A listing's stored search text: the stems both databases index."""
    return rules.search_text(values, category_name)


def _stems(match: str) -> list[str]:
    """The stems of an FTS5 expression made by text.fts_query (each quoted, no quotes inside)."""
    return re.findall(r'"([^"]+)"', match)


class SearchRepository:
    def __init__(self, viewer: Viewer) -> None:
        self.viewer, self.sqlite = viewer, engine_is_sqlite(Listing)

    def _match(self, match: str | None, filters: Filters) -> tuple[str, list[Any]]:
        """The text-match condition over `listing`, and its arguments; none without words.

        On PostgreSQL the words are matched together with the listing's reach (its facets and who
        can see it, stored as lexemes beside the stems): the text index then hands over only the
        hits this viewer may see in these facets, not every listing in the country with the word.
        The exact visibility and facet conditions still follow (the reach is a superset of them).
        """
        if match is None:
            return "", []
        if self.sqlite:
            return "listing.rowid IN (SELECT rowid FROM listing_fts WHERE listing_fts MATCH {})", [match]
        return ("listing.search_vector @@ (plainto_tsquery('simple', {}) && CAST({} AS tsquery))",
                [match, reach_query(self.viewer, filters)])

    def _where(self, filters: Filters, match: str | None = None) -> tuple[str, list[Any]]:
        sql, args = visibility.condition(self.viewer)
        clauses = [sql]
        match_sql, match_args = self._match(match, filters)
        if match_sql:
            clauses.insert(0, match_sql)
            args = match_args + args
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

    def _source(self, many: bool) -> str:
        """The listing table; on SQLite told to read newest first when the hits are many.

        SQLite's planner cannot tell how many rows a MATCH returns, so it always looks up every
        hit and sorts them; past COUNT_CAP hits, walking the newest-first index and stopping
        after the page is cheaper. PostgreSQL chooses for itself from its statistics.
        """
        return "listing INDEXED BY listing_newest" if many and self.sqlite else "listing"

    async def page(self, match: str | None, filters: Filters, relevance: bool, limit: int, offset: int,
                   many: bool = False) -> list[Row]:
        """One page of cards, newest first or best match first; `many`: more than COUNT_CAP hits.

        Best match ranks the RELEVANCE_POOL newest hits; the older ones follow them newest first.
        """
        if not (relevance and match):
            return await self._cards_of(*self._newest(match, filters, limit, offset, many), _NEWEST)
        rows = []
        if offset < RELEVANCE_POOL:
            chosen, args = self._best(match, filters, min(limit, RELEVANCE_POOL - offset), offset, many)
            rows = await self._cards_of(chosen, args, f"page.page_score DESC, {_NEWEST}")
        start = max(offset, RELEVANCE_POOL)
        if offset + limit > start:
            rows += await self._cards_of(*self._newest(match, filters, offset + limit - start, start, many), _NEWEST)
        return rows

    async def _cards_of(self, chosen: str, args: list[Any], order: str) -> list[Row]:
        """Cards of the chosen page's ids: only they get a card's look-ups (the photo), not every hit."""
        sql = (f"SELECT {_CARD} FROM ({chosen}) AS page JOIN listing ON listing.id = page.page_id"
               f" JOIN municipality ON municipality.id = listing.municipality JOIN unit ON unit.id = listing.owner_unit"
               f" ORDER BY {order}")
        return await Listing.raw(sql, *args)

    def _newest(self, match: str | None, filters: Filters, limit: int, offset: int,
                many: bool) -> tuple[str, list[Any]]:
        where, args = self._where(filters, match)
        chosen = (f"SELECT listing.id AS page_id FROM {self._source(many)} WHERE {where} ORDER BY {_NEWEST}"
                  " LIMIT {} OFFSET {}")
        return chosen, [*args, limit, offset]

    def _best(self, match: str, filters: Filters, limit: int, offset: int, many: bool) -> tuple[str, list[Any]]:
        """The pool (the newest hits, scored as they are read), then its best page."""
        where, args = self._where(filters, match)
        score, score_args = self._score(match)
        pool = (f"SELECT listing.id, listing.published_at, {score} AS score FROM {self._source(many)}"
                f" WHERE {where} ORDER BY {_NEWEST} LIMIT {{}}")
        chosen = (f"SELECT pool.id AS page_id, pool.score AS page_score FROM ({pool}) AS pool"
                  " ORDER BY pool.score DESC, pool.published_at DESC NULLS LAST, pool.id LIMIT {} OFFSET {}")
        return chosen, [*score_args, *args, RELEVANCE_POOL, limit, offset]

    def _score(self, match: str) -> tuple[str, list[Any]]:
        """How well a listing matches: PostgreSQL's ts_rank; on SQLite how often the words occur.

        FTS5's bm25() can only be had for every hit of a MATCH, thousands for a common word, so
        SQLite counts the query's stems in the stored text instead (the title is stored twice,
        so a word in the title counts double), which needs nothing but the pool's own rows.
        """
        if not self.sqlite:
            return "ts_rank(listing.search_vector, plainto_tsquery('simple', {}))", [match]
        spaced = "(' ' || replace(listing.search_text, ' ', '  ') || ' ')"
        stems = _stems(match)
        count = f"(length({spaced}) - length(replace({spaced}, {{}}, ''))) / {{}}"
        return "(" + " + ".join([count] * len(stems)) + ")", [a for stem in stems for a in (f" {stem} ", len(stem) + 2)]

    def _hits(self, match: str | None, filters: Filters) -> tuple[str, list[Any]]:
        """FROM and WHERE of every hit in no order, to count them.

        On SQLite the hits stream from the text index into the table, so the count stops after
        COUNT_CAP + 1 of them; `rowid IN (MATCH)` would first collect every hit of a common word.
        """
        where, args = self._where(filters, None if self.sqlite else match)
        if self.sqlite and match is not None:
            return ("listing_fts CROSS JOIN listing ON listing.rowid = listing_fts.rowid"
                    f" WHERE listing_fts MATCH {{}} AND {where}"), [match, *args]
        return f"listing WHERE {where}", args

    async def count(self, match: str | None, filters: Filters) -> int:
        """The hits, counted up to COUNT_CAP + 1."""
        hits, args = self._hits(match, filters)
        rows = await Listing.raw(f"SELECT COUNT(*) AS n FROM (SELECT 1 FROM {hits} LIMIT {{}}) AS hits",
                                 *args, COUNT_CAP + 1)
        return rows[0]["n"]

    async def facets(self, match: str | None, filters: Filters) -> list[Row]:
        """(facet, value, count) of the first COUNT_CAP + 1 hits, and ("total", "", count)."""
        source, args = self._hits(match, filters)
        hits = (f"SELECT listing.kind, listing.deal, listing.category, listing.municipality, listing.condition"
                f" FROM {source} LIMIT {{}}")
        groups = " UNION ALL ".join(
            f"SELECT '{column}' AS facet, CAST({column} AS TEXT) AS value, COUNT(*) AS n FROM hits GROUP BY {column}"
            for column in FACET_COLUMNS)
        sql = (f"WITH hits AS MATERIALIZED ({hits}) SELECT 'total' AS facet, '' AS value, COUNT(*) AS n FROM hits"
               f" UNION ALL {groups}")
        return await Listing.raw(sql, *args, COUNT_CAP + 1)

    async def cards(self, listing_ids: list[UUID]) -> list[Row]:
        """Cards of these listings that the viewer may see (for wants' matches)."""
        if not listing_ids:
            return []
        where, args = self._where(Filters())
        marks = ", ".join("{}" for _ in listing_ids)
        sql = (f"SELECT {_CARD} FROM listing JOIN municipality ON municipality.id = listing.municipality"
               f" JOIN unit ON unit.id = listing.owner_unit WHERE listing.id IN ({marks}) AND {where}")
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

    async def want_batch(self, after: UUID | None, size: int) -> list[Row]:
        query = Want.select(Want.id, Want.text, Want.search_text).order_by(Want.id).limit(size)
        return await (query.where(Want.id > after) if after else query)

    async def set_want_search_text(self, want_id: UUID, search_text: str) -> None:
        await Want.update({Want.search_text: search_text}).where(Want.id == want_id)
