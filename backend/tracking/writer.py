"""Group commit for scans on SQLite: requests that arrive while a write runs share the next one.

SQLite has one writer, so sixteen phones posting a scan each would queue for sixteen
transactions, each paying for its look-ups and an fsync. Instead, requests waiting for the
write lock go into the next transaction together, in order of arrival. Neighbouring requests
of the same kind (the same municipality, the same way of linking) are applied as ONE batch:
their events are looked up, decided and written together, so the lock is held for a handful
of queries however many phones are waiting. Each request still gets exactly its own results.
If a shared transaction fails, its requests are retried one by one, so one failure stays that
request's own.
"""

from __future__ import annotations

import asyncio
import weakref
from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass
from itertools import groupby
from operator import attrgetter
from typing import Any

from backend.db import Database

MAX_GROUP_EVENTS = 2000
Apply = Callable[[list[Any]], Awaitable[list[Any]]]
_writers: weakref.WeakKeyDictionary[Database, ScanWriter] = weakref.WeakKeyDictionary()


def writer_for(db: Database) -> ScanWriter:
    if db not in _writers:
        _writers[db] = ScanWriter(db)
    return _writers[db]


@dataclass(slots=True)
class _Request:
    kind: Hashable  # requests of one kind may be applied as one batch
    apply: Apply  # decides and stores a list of prepared events, answering each in order
    prepared: list[Any]
    future: asyncio.Future


class ScanWriter:
    def __init__(self, db: Database) -> None:
        self.db = db
        self.pending: list[_Request] = []
        self.draining: asyncio.Task | None = None

    async def run(self, kind: Hashable, apply: Apply, prepared: list[Any]) -> list[Any]:
        """Apply prepared events in a shared write transaction; returns this request's results."""
        future = asyncio.get_running_loop().create_future()
        self.pending.append(_Request(kind, apply, prepared, future))
        if self.draining is None or self.draining.done():
            self.draining = asyncio.create_task(self._drain())
        return await future

    async def _drain(self) -> None:
        while self.pending:
            group, size = [], 0
            while self.pending and (not group or size + len(self.pending[0].prepared) <= MAX_GROUP_EVENTS):
                group.append(self.pending.pop(0))
                size += len(group[-1].prepared)
            try:
                with self.db.on_loop_thread():
                    async with self.db.write():
                        results = [result for run in _runs(group) for result in await _apply_together(run)]
            except Exception:  # each request is retried alone and gets its own error
                await self._one_by_one(group)
                continue
            for request, result in zip(group, results, strict=True):
                _settle(request.future, result=result)

    async def _one_by_one(self, group: list[_Request]) -> None:
        for request in group:
            try:
                async with self.db.write():
                    result = await request.apply(request.prepared)
            except Exception as error:  # handed to the request that caused it
                _settle(request.future, error=error)
            else:
                _settle(request.future, result=result)


def _runs(group: list[_Request]) -> list[list[_Request]]:
    """The group cut into runs of neighbouring requests of one kind (arrival order is kept)."""
    return [list(run) for _, run in groupby(group, key=attrgetter("kind"))]


async def _apply_together(run: list[_Request]) -> list[list[Any]]:
    """One apply over the run's events together; each request's own slice of the answers."""
    answers = await run[0].apply([p for request in run for p in request.prepared])
    results, start = [], 0
    for request in run:
        results.append(answers[start:start + len(request.prepared)])
        start += len(request.prepared)
    return results


def _settle(future: asyncio.Future, *, result: Any = None, error: BaseException | None = None) -> None:
    if future.done():  # the request went away (client disconnected); its events are stored anyway
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)
