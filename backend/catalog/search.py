"""Search and browse: Swedish full text, facets, newest or most relevant first, one page at a time."""

from __future__ import annotations

import re
from dataclasses import dataclass
from uuid import UUID

from backend import clock
from backend.catalog.hooks import with_free_from
from backend.catalog.repository import CategoryRepository, Row
from backend.catalog.search_repository import COUNT_CAP, Filters, SearchRepository, match_text
from backend.catalog.viewer import viewer_for
from backend.db import Database
from backend.errors import Invalid
from backend.tenancy import Actor
from backend.vocabulary import local_day

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
    facets: bool = False


@dataclass
class SearchPage:
    """One page of hits; past COUNT_CAP hits `total` is COUNT_CAP, `exact` is false and the facets
    (when asked for; empty lists otherwise) count the first hits found, not all of them."""

    total: int
    results: list[Row]
    facets: dict[str, list[tuple[str, int]]]
    exact: bool = True


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
            # Counting per facet costs more than the page itself: only the filter sheet asks for it.
            if query.facets:
                groups = await repo.facets(match, filters)
                total = next(g["n"] for g in groups if g["facet"] == "total")
            else:
                groups, total = [], await repo.count(match, filters)
            offset = (query.page - 1) * query.per_page
            rows = [] if offset >= total and total <= COUNT_CAP else await repo.page(
                match, filters, query.sort == "relevance", query.per_page, offset, many=total > COUNT_CAP)
            # "When it is free" counts the bookings too: a loan that is out today is free from its return.
            rows = await with_free_from(rows, local_day(clock.now()))
        return SearchPage(min(total, COUNT_CAP), rows, _facet_counts(groups), exact=total <= COUNT_CAP)

    async def _filters(self, query: SearchQuery) -> Filters:
        categories: list[UUID] = []
        if query.category_id:
            if await CategoryRepository().get(query.category_id) is None:
                raise Invalid("No such category.", error="unknown_category")
            categories = await CategoryRepository().subtree(query.category_id)
        available_on = local_day(clock.now()) if query.availability == "now" else None
        return Filters(query.kind, query.deal, categories, query.municipality_id, query.condition, available_on)


def _facet_counts(groups: list[Row]) -> dict[str, list[tuple[str, int]]]:
    """The counts per facet value, largest first (empty values, such as no category, left out)."""
    counts: dict[str, list[tuple[str, int]]] = {name: [] for name in FACETS}
    for group in groups:
        if group["facet"] in counts and group["value"] not in (None, ""):
            counts[group["facet"]].append((str(group["value"]), group["n"]))
    return {name: sorted(pairs, key=lambda pair: (-pair[1], pair[0])) for name, pairs in counts.items()}
