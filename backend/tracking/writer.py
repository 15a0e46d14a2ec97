"""Group commit for scans on SQLite: requests that arrive while a write runs share the next one.

SQLite has one writer, so sixteen phones posting a scan each would queue for sixteen
transactions, each paying for a connection and an fsync. Instead, requests waiting for the
write lock are applied together, in order of arrival, in one transaction; each request still
gets exactly its own results. If a shared transaction fails, its requests are retried one by
one, so one failure stays that request's own.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable
from typing import Any

from backend.db import Database

MAX_GROUP_EVENTS = 2000
Apply = Callable[[list[Any]], Awaitable[list[Any]]]
_writers: weakref.WeakKeyDictionary[Database, ScanWriter] = weakref.WeakKeyDictionary()


def writer_for(db: Database) -> ScanWriter:
    if db not in _writers:
        _writers[db] = ScanWriter(db)
    return _writers[db]


class ScanWriter:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.pending: list[tuple[Apply, list[Any], asyncio.Future]] = []
        self.draining: asyncio.Task | None = None

    async def run(self, apply: Apply, prepared: list[Any]) -> list[Any]:
        """Apply prepared events in a shared write transaction; returns this request's results."""
        future = asyncio.get_running_loop().create_future()
        self.pending.append((apply, prepared, future))
        if self.draining is None or self.draining.done():
            self.draining = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self.pending:
            group, size = [], 0
            while self.pending and (not group or size + len(self.pending[0][1]) <= MAX_GROUP_EVENTS):
                group.append(self.pending.pop(0))
                size += len(group[-1][1])
            try:
                async with self.db.write():
                    results = [await apply(prepared) for apply, prepared, _ in group]
            except Exception:  # noqa: BLE001 - each request is retried alone and gets its own error
                await self._one_by_one(group)
                continue
            for (_, _, future), result in zip(group, results, strict=True):
                _settle(future, result=result)

    async def _one_by_one(self, group: list[tuple[Apply, list[Any], asyncio.Future]]) -> None:
        for apply, prepared, future in group:
            try:
                async with self.db.write():
                    result = await apply(prepared)
            except Exception as error:  # noqa: BLE001 - handed to the request that caused it
                _settle(future, error=error)
            else:
                _settle(future, result=result)


def _settle(future: asyncio.Future, *, result: Any = None, error: BaseException | None = None) -> None:
    if future.done():  # the request went away (client disconnected); its events are stored anyway
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)
