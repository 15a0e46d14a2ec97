"""What every outbox worker shares: claiming a batch, backing off, and the loop that naps between batches.

Claiming is a short write transaction that leases the rows (PostgreSQL: FOR UPDATE SKIP LOCKED,
so several workers share the outbox); sending happens outside any transaction; results are
written in one more short transaction. A crash mid-send leaves leased rows that become due again
when the lease runs out, so a restart loses nothing that was committed.
"""

from __future__ import annotations

import asyncio
import logging
import random
import signal
from collections import Counter
from collections.abc import Awaitable, Callable
from datetime import datetime, timedelta
from typing import Protocol

from backend.db import Database
from backend.outbox_repository import LeaseRepository, Row


class LeaseConfig(Protocol):
    batch: int
    lease_seconds: int
    poll_seconds: float
    backoff_base: float
    backoff_cap: float


class OutboxWorker:
    """One outbox's worker; a context adds how a batch is sent and its results recorded."""

    name = "outbox-worker"

    def __init__(self, db: Database, repository: LeaseRepository, config: LeaseConfig) -> None:
        self.db, self.repository, self.config = db, repository, config
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task | None = None

    async def _claim(self, now: datetime) -> list[Row]:
        """Lease one batch of due rows and read what sending them needs; [] when nothing is due."""
        async with self.db.read():
            if not await self.repository.any_due(now):
                return []
        async with self.db.write():
            lease_until = now + timedelta(seconds=self.config.lease_seconds)
            ids = await self.repository.claim(now, self.config.batch, lease_until)
            rows = await self.repository.details(ids) if ids else []
            if rows:
                await self._claimed(rows)
        return rows

    async def _claimed(self, rows: list[Row]) -> None:
        """Inside the claim's transaction, for what sending the batch needs besides its rows."""

    def _backoff(self, attempts: int) -> timedelta:
        """Exponential with jitter, so a service back from a pause is not hit by every retry at once."""
        delay = min(self.config.backoff_base * 2 ** max(attempts - 1, 0), self.config.backoff_cap)
        return timedelta(seconds=delay * random.uniform(0.8, 1.2))

    async def _loop(self, batch: Callable[[], Awaitable[Counter]], log: logging.Logger) -> None:
        """Until stop(): a batch, or a nap until the next poll or a wake-up from a new row nearby."""
        while not self._stopping:
            try:
                counts = await batch()
            except Exception:  # a database or network hiccup must not end the worker; log it and go on
                log.exception("%s batch failed", self.name)
                counts = Counter()
            if not counts:
                await self._nap()

    async def _nap(self) -> None:
        try:
            await asyncio.wait_for(self._wake.wait(), self.config.poll_seconds)
            await asyncio.sleep(0.05)  # the wake-up came before the writer's transaction committed
        except TimeoutError:
            pass
        self._wake.clear()

    async def run_forever(self) -> None:
        raise NotImplementedError

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self.run_forever(), name=self.name)

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            await self._task


class Background(Protocol):
    def start(self) -> None: ...

    async def stop(self) -> None: ...


async def run_until_stopped(*services: Background) -> None:
    """A sender's own process: start the services, run until SIGTERM or SIGINT, stop them in
    reverse order (a worker finishes its batch; leased rows survive a kill)."""
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    for service in services:
        service.start()
    await stop.wait()
    for service in reversed(services):
        await service.stop()
