"""The push worker: claims due deliveries, sends them a batch at a time, records what happened.

Claiming is a short write transaction that leases the rows (PostgreSQL: FOR UPDATE SKIP LOCKED,
so several workers share the queue); sending happens outside any transaction; results are
written in one more short transaction. A crash mid-send leaves leased rows that become due again
when the lease runs out, so a restart loses nothing that was committed.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

import httpx

from backend import clock
from backend.db import Database
from backend.push import outbox
from backend.push.delivery_repository import DeliveryRepository
from backend.push.keys import load_or_create_key
from backend.push.sender import Outcome, Sender

log = logging.getLogger("delbar.push")


@dataclass(frozen=True)
class WorkerConfig:
    batch: int = 200
    concurrency: int = 32
    lease_seconds: int = 120
    poll_seconds: float = 1.0
    max_attempts: int = 15
    backoff_base: float = 5.0
    backoff_cap: float = 3600.0
    timeout_seconds: float = 15.0


class PushWorker:
    def __init__(self, db: Database, contact: str, config: WorkerConfig | None = None) -> None:
        self.db, self.contact = db, contact
        self.config = config or WorkerConfig()
        self.repository = DeliveryRepository()
        self._wake = asyncio.Event()
        self._stopping = False
        self._task: asyncio.Task | None = None

    async def run_once(self, http: httpx.AsyncClient, sender: Sender) -> Counter:
        """Claim one batch, send it, record the results; the counts say what happened."""
        now = clock.now()
        async with self.db.read():
            if not await self.repository.any_due(now):
                return Counter()
        lease_until = now + timedelta(seconds=self.config.lease_seconds)
        async with self.db.write():
            ids = await self.repository.claim(now, self.config.batch, lease_until)
            rows = await self.repository.details(ids) if ids else []
        if not rows:
            return Counter()
        limit = asyncio.Semaphore(self.config.concurrency)

        async def one(row: dict) -> Outcome:
            async with limit:
                data = outbox.payload(row | {"id": row["notification_id"]}, row["language"])
                return await sender.send(row, data, now)

        outcomes = await asyncio.gather(*(one(row) for row in rows))
        await self._record(rows, outcomes)
        return Counter(o.result for o in outcomes)

    async def _record(self, rows: list[dict], outcomes: list[Outcome]) -> None:
        now = clock.now()
        sent = [r["id"] for r, o in zip(rows, outcomes, strict=True) if o.result == "sent"]
        gone = [r["subscription_id"] for r, o in zip(rows, outcomes, strict=True) if o.result == "gone"]
        async with self.db.write():
            await self.repository.mark_sent(sent, now)
            for row, outcome in zip(rows, outcomes, strict=True):
                if outcome.result == "retry" and row["attempts"] < self.config.max_attempts:
                    await self.repository.reschedule(row["id"], now + self._backoff(row["attempts"], outcome),
                                                     outcome.error)
                elif outcome.result in ("retry", "refused", "expired"):
                    status = "expired" if outcome.result == "expired" else "failed"
                    await self.repository.close(row["id"], status, outcome.error)
            await self.repository.delete_subscriptions(list(set(gone)))
        for row, outcome in zip(rows, outcomes, strict=True):
            if outcome.result != "sent":
                log.info("push %s to %s: %s", outcome.result, row["subscription_id"], outcome.error)

    def _backoff(self, attempts: int, outcome: Outcome) -> timedelta:
        """Exponential with jitter; a Retry-After from the push service wins when it is longer."""
        delay = min(self.config.backoff_base * 2 ** max(attempts - 1, 0), self.config.backoff_cap)
        delay *= random.uniform(0.8, 1.2)
        return timedelta(seconds=max(delay, outcome.retry_after or 0.0))

    async def run_until_idle(self) -> Counter:
        """Send everything due now (tests, benchmarks and the CLI's --once)."""
        total: Counter = Counter()
        async with self._session() as (http, sender):
            while counts := await self.run_once(http, sender):
                total += counts
        return total

    def _session(self):
        return _Session(self)

    async def run_forever(self) -> None:
        """Loop until stop(): a batch, or a nap until the next poll or a notify() nearby."""
        outbox.on_notify(self._wake.set)
        try:
            async with self._session() as (http, sender):
                while not self._stopping:
                    try:
                        counts = await self.run_once(http, sender)
                    except Exception:  # a database hiccup must not end the worker; log it and go on
                        log.exception("push worker batch failed")
                        counts = Counter()
                    if not counts:
                        await self._nap()
        finally:
            outbox.off_notify(self._wake.set)

    async def _nap(self) -> None:
        try:
            await asyncio.wait_for(self._wake.wait(), self.config.poll_seconds)
            await asyncio.sleep(0.05)  # notify() woke us before its transaction committed
        except TimeoutError:
            pass
        self._wake.clear()

    def start(self) -> None:
        self._task = asyncio.get_running_loop().create_task(self.run_forever(), name="push-worker")

    async def stop(self) -> None:
        self._stopping = True
        self._wake.set()
        if self._task is not None:
            await self._task


class _Session:
    """The HTTP client and the sender for one run, closed however the run ends."""

    def __init__(self, worker: PushWorker) -> None:
        self.worker = worker

    async def __aenter__(self) -> tuple[httpx.AsyncClient, Sender]:
        config = self.worker.config
        self.http = httpx.AsyncClient(
            timeout=config.timeout_seconds,
            limits=httpx.Limits(max_connections=config.concurrency, max_keepalive_connections=config.concurrency),
        )
        key = await load_or_create_key(self.worker.db)
        return self.http, Sender(key, self.worker.contact, self.http)

    async def __aexit__(self, *exc) -> None:
        await self.http.aclose()
