"""The coordinator's work queue: everything waiting on the AME, each row linking to its action."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from typing import Any

from backend import clock
from backend.db import Database
from backend.tenancy import Actor
from backend.vocabulary import STOCKHOLM
from backend.workqueue.repository import Row, WorkQueueRepository

COORDINATORS = ("coordinator", "admin")


# Sections whose identical rows (same title and detail) show as one row with a count.
GROUPED = frozenset({"bookings", "listings", "labels", "stale", "transport", "storage", "repairs"})


def _section(key: str, rows: list[Row], link: str) -> dict[str, Any]:
    out: list[dict[str, Any]] = []
    groups: dict[tuple[str, str], dict[str, Any]] = {}
    for r in rows:
        row = {"id": r["id"], "ids": [r["id"]], "quantity": 1, "title": r.get("title") or "",
               "detail": r.get("detail") or "", "since": r.get("since"), "link": link.format(**r),
               "clock_skew_s": r.get("clock_skew_s"), "item_id": r.get("item"), "actor_name": r.get("actor_name"),
               "place_name": r.get("place_name")}
        same = groups.get((row["title"], row["detail"])) if key in GROUPED else None
        if same is None:
            groups[(row["title"], row["detail"])] = row
            out.append(row)
            continue
        # The group keeps its oldest row's date and link (rows come oldest first).
        same["ids"].append(row["id"])
        same["quantity"] += 1
    return {"key": key, "available": True, "count": len(rows), "rows": out}


class WorkQueueService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.repo = WorkQueueRepository(actor.municipality_id)

    async def queue(self, stale_days: int) -> list[dict[str, Any]]:
        self.actor.require(*COORDINATORS)
        now = clock.now()
        async with self.db.read():
            return [
                _section("pickups", await self.repo.held_pickups(), "/sak/{item}"),
                _section("missing", await self._reserved_but_missing(), "/bokningar/{id}"),
                _section("repairs", await self.repo.open_repairs(), "/reparationer"),
                _section("bookings", await self.repo.bookings_to_approve(), "/att-godkanna"),
                _section("listings", await self.repo.listings_to_check(), "/annons/{id}"),
                _section("labels", await self.repo.items_without_label(), "/sak/{id}"),
                _section("stale", await self.repo.stale_listings(now - timedelta(days=stale_days)), "/annons/{id}"),
                _section("transport", await self.repo.jobs_to_plan(), "/transporter"),
                _section("storage", await self.repo.longest_in_storage(), "/sak/{id}"),
                _section("scans", await self.repo.rejected_scans(now - timedelta(days=14)), "/behover-atgard"),
                _section("clocks", await self.repo.wrong_clocks(now - timedelta(days=14)), "/sak/{item}"),
            ]

    async def _reserved_but_missing(self) -> list[Row]:
        """Dated by the booking's first day: when the borrower expects the item that is not there."""
        return [{**r, "since": datetime.combine(r["start"], time(12), STOCKHOLM)}
                for r in await self.repo.reserved_but_missing()]
