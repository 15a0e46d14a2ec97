"""Prometheus metrics for operators: requests per route, outboxes, scan verdicts, the database pool.

Counters live in this process (prometheus_client's default registry): with several processes each
serves its own, unless they share a PROMETHEUS_MULTIPROC_DIR, whose files every process's scrape
sums. The outbox and pool figures are read when scraped.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from datetime import UTC, datetime

from litestar.types import ASGIApp, Message, Receive, Scope, Send
from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from backend import clock
from backend.db import Database
from backend.ops.repository import OutboxStatsRepository
from backend.tracking.hooks import on_scans_decided

disable_created_metrics()  # the *_created series double what is exposed and no dashboard here reads them
REQUESTS = Counter("delbar_http_requests", "HTTP requests answered, by route template, method and status.",
                   ["route", "method", "status"])
LATENCY = Histogram("delbar_http_request_duration_seconds", "Time to answer, by route template and method.",
                    ["route", "method"],
                    buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0))
SCANS = Counter("delbar_scan_verdicts", "Scans decided, by verdict (applied, duplicate, rejected) and reason.",
                ["verdict", "reason"])


@on_scans_decided
def _count_verdicts(verdicts: list[tuple[str, str | None]]) -> None:
    for verdict, reason in verdicts:
        SCANS.labels(verdict, reason or "").inc()


class RequestMetrics:
    """ASGI middleware: counts and times each request under its route's template, not its raw path."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        started, status = time.perf_counter(), 500

        async def remember_status(message: Message) -> None:
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, remember_status)
        except Exception as error:  # rendered by Litestar's exception handling, outside this middleware
            status = getattr(error, "status_code", 500)
            raise
        finally:
            route, method = scope.get("path_template") or "unmatched", scope["method"]
            REQUESTS.labels(route, method, str(status)).inc()
            LATENCY.labels(route, method).observe(time.perf_counter() - started)


async def scrape(db: Database, multiprocess_dir: str = "") -> bytes:
    """The counters and the database's state now, in Prometheus text format.

    With multiprocess_dir (PROMETHEUS_MULTIPROC_DIR, set before the processes start) the counters are
    those of every process that shares the directory, summed; without it, this process's own.
    """
    if multiprocess_dir:
        counters = CollectorRegistry()
        multiprocess.MultiProcessCollector(counters, path=multiprocess_dir)
    else:
        counters = REGISTRY
    state = CollectorRegistry(auto_describe=False)
    state.register(_Snapshot(await _outbox_figures(db), db.pool_use()))
    return generate_latest(counters) + generate_latest(state)


async def _outbox_figures(db: Database) -> dict[str, tuple[dict[str, int], int, float]]:
    now, repo = clock.now(), OutboxStatsRepository()
    async with db.read():
        raw = {"push": (await repo.push_statuses(), await repo.push_retrying(), await repo.push_oldest_pending()),
               "email": (await repo.mail_statuses(), await repo.mail_retrying(), await repo.mail_oldest_pending())}
    return {channel: (statuses, retries, max(0.0, (now - _aware(first)).total_seconds()) if first else 0.0)
            for channel, (statuses, retries, first) in raw.items()}


class _Snapshot(Collector):
    """The outboxes and the pool as read for one scrape (gauges that no process keeps)."""

    def __init__(self, outboxes: dict[str, tuple[dict[str, int], int, float]], pool: dict[str, int]) -> None:
        self.outboxes, self.pool = outboxes, pool

    def collect(self) -> Iterable[Metric]:
        messages = GaugeMetricFamily("delbar_outbox_messages", "Outbox rows by channel and status (failed, "
                                     "bounced … stay until the retention clean-up).", labels=["channel", "status"])
        depth = GaugeMetricFamily("delbar_outbox_depth", "Rows waiting to be sent.", labels=["channel"])
        retrying = GaugeMetricFamily("delbar_outbox_retrying", "Waiting rows that failed at least once.",
                                     labels=["channel"])
        oldest = GaugeMetricFamily("delbar_outbox_oldest_age_seconds", "Age of the oldest waiting row (0: none "
                                   "waits).", labels=["channel"])
        for channel, (statuses, retries, age) in self.outboxes.items():
            for status, count in sorted(statuses.items()):
                messages.add_metric([channel, status], count)
            depth.add_metric([channel], statuses.get("pending", 0))
            retrying.add_metric([channel], retries)
            oldest.add_metric([channel], age)
        pool = GaugeMetricFamily("delbar_db_pool_connections", "This process's database connections, by state "
                                 "(open, idle, max).", labels=["state"])
        for state, count in self.pool.items():
            pool.add_metric([state], count)
        return [messages, depth, retrying, oldest, pool]


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)
