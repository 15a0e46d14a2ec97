"""Rebuild every listing's search text with the current rules (stemming, compound heads).

A listing's search text is written when it is saved; after the rules change, older listings
keep the old text until their next save. `python -m backend reindex` brings them all up to
date, a batch per write transaction so the app keeps serving while it runs.
"""

from __future__ import annotations

from uuid import UUID

from backend.catalog import rules
from backend.catalog.tables import Category, Listing
from backend.db import Database

BATCH = 500


async def reindex(db: Database, batch: int = BATCH) -> tuple[int, int]:
    """Recompute the search text of every listing; returns (listings read, listings changed)."""
    names = {row["id"]: row["name_sv"] for row in await Category.select(Category.id, Category.name_sv)}
    seen = changed = 0
    after: UUID | None = None
    while True:
        async with db.write():
            query = Listing.select(Listing.id, Listing.title, Listing.tags, Listing.description, Listing.category,
                                   Listing.search_text).order_by(Listing.id).limit(batch)
            rows = await (query.where(Listing.id > after) if after else query)
            for row in rows:
                text = rules.search_text(row, names.get(row["category"]), db.is_sqlite)
                if text != row["search_text"]:
                    await Listing.update({Listing.search_text: text}).where(Listing.id == row["id"])
                    changed += 1
        if not rows:
            return seen, changed
        seen += len(rows)
        after = rows[-1]["id"]
