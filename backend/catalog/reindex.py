"""Rebuild every listing's search text, and every want's search words, with the current rules.

A listing's search text (and a want's stems) is written when it is saved; after the rules change
(stemming, compound heads), older ones keep the old text until their next save. `python -m
backend reindex` brings them all up to date, a batch per write transaction so the app keeps
serving while it runs. A migration that changes the rules calls the same functions without a
database (it runs alone, before the app serves), so no one has to remember the command.
"""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager, nullcontext
from uuid import UUID

from backend.catalog import text
from backend.catalog.search_repository import ReindexRepository, search_text
from backend.db import Database

BATCH = 500


def _writes(db: Database | None) -> Callable[[], AbstractAsyncContextManager]:
    """The serving app's one write path, or nothing to wait for inside a migration."""
    return db.write if db is not None else nullcontext


async def reindex(db: Database | None, batch: int = BATCH) -> tuple[int, int]:
    """Recompute the search text of every listing; returns (listings read, listings changed)."""
    write = _writes(db)
    repository = ReindexRepository()
    names = await repository.category_names()
    seen = changed = 0
    after: UUID | None = None
    while True:
        async with write():
            rows = await repository.batch(after, batch)
            for row in rows:
                text = search_text(row, names.get(row["category"]))
                if text != row["search_text"]:
                    await repository.set_search_text(row["id"], text)
                    changed += 1
        if not rows:
            return seen, changed
        seen += len(rows)
        after = rows[-1]["id"]


async def reindex_wants(db: Database | None, batch: int = BATCH) -> tuple[int, int]:
    """Recompute the stems every want matches listings by; returns (wants read, wants changed)."""
    write = _writes(db)
    repository = ReindexRepository()
    seen = changed = 0
    after: UUID | None = None
    while True:
        async with write():
            rows = await repository.want_batch(after, batch)
            for row in rows:
                stems = " ".join(text.stems(row["text"]))
                if stems and stems != row["search_text"]:
                    await repository.set_want_search_text(row["id"], stems)
                    changed += 1
        if not rows:
            return seen, changed
        seen += len(rows)
        after = rows[-1]["id"]
