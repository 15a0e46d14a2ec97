"""Prometheus metrics for operators: requests per route, outboxes, scan verdicts, the database pool.

Counters live in this process (prometheus_client's default registry): with several processes each
serves its own, and Prometheus sums them. The outbox and pool figures are read when scraped.
"""

from __future__ import annotations

import time
from datetime import UTC, datetime

from litestar.types import ASGIApp, Message, Receive, Scope, Send
from prometheus_client import (
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    disable_created_metrics,
    generate_latest,
)

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


async def scrape(db: Database) -> bytes:
    """This process's counters and the database's state now, in Prometheus text format."""
    now = clock.now()
    registry = CollectorRegistry(auto_describe=True)
    messages = Gauge("delbar_outbox_messages", "Outbox rows by channel and status (failed, bounced … stay "
                     "until the retention clean-up).", ["channel", "status"], registry=registry)
    depth = Gauge("delbar_outbox_depth", "Rows waiting to be sent.", ["channel"], registry=registry)
    retrying = Gauge("delbar_outbox_retrying", "Waiting rows that failed at least once.", ["channel"],
                     registry=registry)
    oldest = Gauge("delbar_outbox_oldest_age_seconds", "Age of the oldest waiting row (0: none waits).",
                   ["channel"], registry=registry)
    repo = OutboxStatsRepository()
    async with db.read():
        figures = {"push": (await repo.push_statuses(), await repo.push_retrying(), await repo.push_oldest_pending()),
                   "email": (await repo.mail_statuses(), await repo.mail_retrying(), await repo.mail_oldest_pending())}
    for channel, (statuses, retries, first) in figures.items():
        for status, count in statuses.items():
            messages.labels(channel, status).set(count)
        depth.labels(channel).set(statuses.get("pending", 0))
        retrying.labels(channel).set(retries)
        oldest.labels(channel).set(max(0.0, (now - _aware(first)).total_seconds()) if first else 0.0)
    pool = Gauge("delbar_db_pool_connections", "This process's database connections, by state (open, idle, max).",
                 ["state"], registry=registry)
    for state, count in db.pool_use().items():
        pool.labels(state).set(count)
    return generate_latest(REGISTRY) + generate_latest(registry)


def _aware(at: datetime) -> datetime:
    return at if at.tzinfo else at.replace(tzinfo=UTC)
