"""Start-up and background work of the catalogue: the category tree, and share day every minute
(once a minute across all processes: backend.jobs)."""

from __future__ import annotations

import asyncio
import contextlib
import logging

from backend import clock
from backend.catalog import categories, wants
from backend.db import Database
from backend.jobs.service import every, run_once

log = logging.getLogger("delbar.catalog")
SHARE_DAY_INTERVAL = 60.0


class CatalogLifespan:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._task: asyncio.Task | None = None

    async def start(self) -> None:
        """Make sure every category exists, then open listings to their next tier when due."""
        async with self.db.write():
            await categories.seed()
        self._task = asyncio.create_task(self._share_days())

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._task

    async def _share_days(self) -> None:
        while True:
            await asyncio.sleep(SHARE_DAY_INTERVAL)
            try:
                now = clock.now()
                matches = await run_once(self.db, "share-days", every(SHARE_DAY_INTERVAL, now),
                                         lambda: wants.open_due(self.db), now)
                if matches:
                    log.info("share day: %d want matches", len(matches))
            except Exception:  # a bad run must not end the loop; it is logged and retried
                log.exception("share day run failed")
