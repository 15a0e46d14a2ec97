"""The coordinator's work queue: everything waiting on the AME, each row linking to its action."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from backend import clock
from backend.db import Database
from backend.tenancy import Actor
from backend.workqueue.repository import Row, WorkQueueRepository, table

COORDINATORS = ("coordinator", "admin")


def _section(key: str, rows: list[Row] | None, link: str) -> dict[str, Any]:
    """A section; `rows` None means its source is not installed yet."""
    return {
        "key": key, "available": rows is not None, "count": len(rows or []),
        "rows": [{"id": r["id"], "title": r.get("title") or "", "detail": r.get("detail") or "",
                  "since": r.get("since"), "link": link.format(**r)} for r in rows or []],
    }


class WorkQueueService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.repo = WorkQueueRepository(actor.municipality_id)

    async def queue(self, stale_days: int) -> list[dict[str, Any]]:
        self.actor.require(*COORDINATORS)
        now = clock.now()
        booking, job = table("bookings", "Booking"), table("logistics", "TransportJob")
        code, scan = table("codes", "Code"), table("tracking", "ScanEvent")
        async with self.db.read():
            return [
                _section("bookings", await self.repo.bookings_to_approve(booking) if booking else None,
                         "/att-godkanna"),
                _section("listings", await self.repo.listings_to_check(), "/annons/{id}"),
                _section("labels", await self.repo.items_without_label(code) if code else None, "/sak/{id}"),
                _section("stale", await self.repo.stale_listings(now - timedelta(days=stale_days)), "/annons/{id}"),
                _section("transport", await self.repo.jobs_to_plan(job) if job else None, "/transporter"),
                _section("storage", await self.repo.longest_in_storage(scan), "/sak/{id}"),
                _section("scans", await self.repo.rejected_scans(scan, now - timedelta(days=14)) if scan else None,
                         "/behover-atgard"),
            ]
