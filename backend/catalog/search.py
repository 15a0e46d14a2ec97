"""Search and browse: Swedish full text, facets, newest or most relevant first, one page at a time."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from uuid import UUID

from backend import clock
from backend.catalog.repository import CategoryRepository, Row
from backend.catalog.search_repository import Filters, SearchRepository, match_text
from backend.catalog.viewer import viewer_for
from backend.db import Database
from backend.errors import Invalid
from backend.tenancy import Actor

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
FACETS = ("kind", "deal", "category", "municipality", "condition")


@dataclass
class SearchQuery:
    q: str = ""
    kind: str | None = None
    deal: str | None = None
    category_id: UUID | None = None
    municipality_id: UUID | None = None
    condition: str | None = None
    availability: str | None = None
    sort: str = "newest"
    page: int = 1
    per_page: int = 24


@dataclass
class SearchPage:
    total: int
    results: list[Row]
    facets: dict[str, list[tuple[str, int]]]


class SearchService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor

    async def search(self, query: SearchQuery) -> SearchPage:
        """The page of visible, published-or-own listings matching the words and facets."""
        if len(query.q) > 200 or _CONTROL.search(query.q):
            raise Invalid("The search text is too long or holds control characters.", error="bad_query")
        match = match_text(query.q)
        if query.q.strip() and match is None:
            return SearchPage(0, [], {name: [] for name in FACETS})
        async with self.db.read():
            repo = SearchRepository(await viewer_for(self.actor))
            filters = await self._filters(query)
            offset = (query.page - 1) * query.per_page
            rows = await repo.page(match, filters, query.sort == "relevance", query.per_page, offset)
            groups = await repo.facets(match, filters)
        return SearchPage(sum(g["n"] for g in groups), rows, _facet_counts(groups))

    async def _filters(self, query: SearchQuery) -> Filters:
        categories: list[UUID] = []
        if query.category_id:
            if await CategoryRepository().get(query.category_id) is None:
                raise Invalid("No such category.", error="unknown_category")
            categories = await CategoryRepository().subtree(query.category_id)
        available_on = clock.now().date() if query.availability == "now" else None
        return Filters(query.kind, query.deal, categories, query.municipality_id, query.condition, available_on)


def _facet_counts(groups: list[Row]) -> dict[str, list[tuple[str, int]]]:
    """Sum the grouped counts per facet, largest first."""
    counters = {name: Counter() for name in FACETS}
    for group in groups:
        for name in FACETS:
            value = group[name]
            if value not in (None, ""):
                counters[name][str(value)] += group["n"]
    return {name: counter.most_common() for name, counter in counters.items()}
