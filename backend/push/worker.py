"""The push worker: claims due deliveries, sends them a batch at a time, records what happened.

Claiming, leases and the loop are every outbox's (backend/outbox_worker.py); a delivery a push
service refuses as gone takes its device with it.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

import httpx

from backend import clock
from backend.db import Database
from backend.outbox_worker import OutboxWorker
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


class PushWorker(OutboxWorker):
    name = "push-worker"

    def __init__(self, db: Database, contact: str, config: WorkerConfig | None = None) -> None:
        self.repository: DeliveryRepository
        self.config: WorkerConfig
        super().__init__(db, DeliveryRepository(), config or WorkerConfig())
        self.contact = contact

    async def run_once(self, http: httpx.AsyncClient, sender: Sender) -> Counter:
        """Claim one batch, send it, record the results; the counts say what happened."""
        now = clock.now()
        rows = await self._claim(now)
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
                    await self.repository.reschedule(row["id"], now + self._retry_in(row["attempts"], outcome),
                                                     outcome.error)
                elif outcome.result in ("retry", "refused", "expired"):
                    status = "expired" if outcome.result == "expired" else "failed"
                    await self.repository.close(row["id"], status, outcome.error)
            await self.repository.delete_subscriptions(list(set(gone)))
        for row, outcome in zip(rows, outcomes, strict=True):
            if outcome.result != "sent":
                log.info("push %s to %s: %s", outcome.result, row["subscription_id"], outcome.error)

    def _retry_in(self, attempts: int, outcome: Outcome) -> timedelta:
        """The backoff; a Retry-After from the push service wins when it is longer."""
        return max(self._backoff(attempts), timedelta(seconds=outcome.retry_after or 0.0))

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
        outbox.on_notify(self._wake.set)
        try:
            async with self._session() as (http, sender):
                await self._loop(lambda: self.run_once(http, sender), log)
        finally:
            outbox.off_notify(self._wake.set)


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
