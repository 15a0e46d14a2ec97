"""The work queue's reads across contexts, each scoped to one municipality and read-only.

Sources that another context has not installed yet are looked up by name in the app registry
and reported as unavailable, so the queue shows an empty section instead of failing.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from piccolo.query.functions.aggregate import Max

from backend.catalog.tables import Item, Listing, Photo
from backend.db import Typed
from backend.piccolo_conf import APP_REGISTRY

Row = dict[str, Any]
LIMIT = 25


def table(app: str, name: str) -> Any:
    """A table of another context by app and class name, or None while it is not installed."""
    config = APP_REGISTRY.app_configs.get(app)
    return next((t for t in config.table_classes if t.__name__ == name), None) if config else None


class WorkQueueRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def bookings_to_approve(self, booking: Any) -> list[Row]:
        return await booking.select(
            booking.id, booking.listing.title.as_alias("title"), booking.requester_unit.name.as_alias("detail"),
            booking.created_at.as_alias("since"),
        ).where(booking.owner_municipality == self.municipality_id, booking.status == "requested").order_by(
            booking.created_at).limit(LIMIT)

    async def listings_to_check(self) -> list[Row]:
        """Drafts to check, and published physical listings without a photo."""
        with_photo = {r["listing"] for r in await Photo.select(Photo.listing).where(
            Photo.municipality == self.municipality_id)}
        rows = await Listing.select(Listing.id, Listing.title, Listing.status, Listing.kind,
                                    Listing.updated_at.as_alias("since")).where(
            Listing.municipality == self.municipality_id, Listing.status.is_in(["draft", "published"]),
        ).order_by(Listing.updated_at).limit(500)
        needs = []
        for r in rows:
            if r["status"] == "draft":
                needs.append({**r, "detail": "draft"})
            elif r["kind"] in ("furniture", "equipment") and r["id"] not in with_photo:
                needs.append({**r, "detail": "no_photo"})
        needs.sort(key=lambda r: r["detail"] != "draft")  # drafts block publishing: they come first
        return needs[:LIMIT]

    async def items_without_label(self, code: Any) -> list[Row]:
        labelled = [r["item"] for r in await code.select(code.item).where(
            code.municipality == self.municipality_id, code.item.is_not_null(), code.status == "linked")]
        query = Item.select(Item.id, Item.title, Item.created_at.as_alias("since")).where(
            Item.municipality == self.municipality_id, Item.state.is_in(["registered", "in_storage"]))
        if labelled:
            query = query.where(Item.id.not_in(labelled))
        return await query.order_by(Item.created_at).limit(LIMIT)

    async def stale_listings(self, before: datetime) -> list[Row]:
        return await Listing.select(Listing.id, Listing.title, Listing.updated_at.as_alias("since")).where(
            Listing.municipality == self.municipality_id, Listing.status == "published", Listing.updated_at < before,
        ).order_by(Listing.updated_at).limit(LIMIT)

    async def jobs_to_plan(self, job: Any) -> list[Row]:
        return await job.select(job.id, job.delivery_address.as_alias("title"), job.wanted_date,
                                job.created_at.as_alias("since")).where(
            job.municipality == self.municipality_id, job.status == "planned", job.driver.is_null(),
        ).order_by(job.created_at).limit(LIMIT)

    async def longest_in_storage(self, scan: Any | None) -> list[Row]:
        """Items in storage, oldest arrival first (the last scan into storage, else registration)."""
        items = await Item.select(Item.id, Item.title, Item.created_at.as_alias("since")).where(
            Item.municipality == self.municipality_id, Item.state == "in_storage").limit(2000)
        if scan is not None and items:
            arrived = {r["item"]: r["at"] for r in await scan.select(
                scan.item, Typed(Max(scan.server_time, alias="at"), like=scan.server_time)).where(
                scan.municipality == self.municipality_id, scan.outcome == "applied",
                scan.state_after == "in_storage").group_by(scan.item)}
            items = [{**i, "since": arrived.get(i["id"], i["since"])} for i in items]
        return sorted(items, key=lambda i: i["since"])[:LIMIT]

    async def rejected_scans(self, scan: Any, after: datetime) -> list[Row]:
        return await scan.select(scan.id, scan.code_text.as_alias("title"), scan.reason.as_alias("detail"),
                                 scan.item, scan.server_time.as_alias("since")).where(
            scan.municipality == self.municipality_id, scan.outcome == "rejected", scan.server_time >= after,
        ).order_by(scan.server_time, ascending=False).limit(LIMIT)
