"""The work queue's reads across contexts, each scoped to one municipality and read-only."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from piccolo.query.functions.aggregate import Max

from backend.bookings.tables import Booking, BookingItem
from backend.catalog.tables import Item, Listing, Photo
from backend.codes.tables import Code
from backend.db import Typed
from backend.tracking.device_clock import WRONG_CLOCK
from backend.tracking.tables import Repair, ScanEvent
from backend.transport.tables import TransportJob
from backend.vocabulary import PHYSICAL_KINDS

Row = dict[str, Any]
LIMIT = 25


class WorkQueueRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def bookings_to_approve(self) -> list[Row]:
        return await Booking.select(
            Booking.id, Booking.listing.title.as_alias("title"), Booking.requester_unit.name.as_alias("detail"),
            Booking.created_at.as_alias("since"),
        ).where(Booking.owner_municipality == self.municipality_id, Booking.status == "requested").order_by(
            Booking.created_at).limit(LIMIT)

    async def reserved_but_missing(self) -> list[Row]:
        """Approved bookings holding an item a stocktake found missing: the borrower is
        waiting for something that is not there. Soonest start first."""
        held = BookingItem
        return await held.select(
            held.booking.as_alias("id"), held.item, held.booking.listing.title.as_alias("title"),
            held.booking.requester_unit.name.as_alias("detail"), held.booking.period_start.as_alias("start"),
        ).where(held.booking.owner_municipality == self.municipality_id, held.booking.status == "approved",
                held.holds.eq(True), held.item.state == "missing",
        ).order_by(held.booking.period_start).limit(LIMIT)

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
            elif r["kind"] in PHYSICAL_KINDS and r["id"] not in with_photo:
                needs.append({**r, "detail": "no_photo"})
        needs.sort(key=lambda r: r["detail"] != "draft")  # drafts block publishing: they come first
        return needs[:LIMIT]

    async def items_without_label(self) -> list[Row]:
        labelled = [r["item"] for r in await Code.select(Code.item).where(
            Code.municipality == self.municipality_id, Code.item.is_not_null(), Code.status == "linked")]
        query = Item.select(Item.id, Item.title, Item.created_at.as_alias("since")).where(
            Item.municipality == self.municipality_id, Item.state.is_in(["registered", "in_storage"]))
        if labelled:
            query = query.where(Item.id.not_in(labelled))
        return await query.order_by(Item.created_at).limit(LIMIT)

    async def stale_listings(self, before: datetime) -> list[Row]:
        return await Listing.select(Listing.id, Listing.title, Listing.updated_at.as_alias("since")).where(
            Listing.municipality == self.municipality_id, Listing.status == "published", Listing.updated_at < before,
        ).order_by(Listing.updated_at).limit(LIMIT)

    async def jobs_to_plan(self) -> list[Row]:
        job = TransportJob
        return await job.select(job.id, job.delivery_address.as_alias("title"), job.wanted_date,
                                job.created_at.as_alias("since")).where(
            job.municipality == self.municipality_id, job.status == "planned", job.driver.is_null(),
        ).order_by(job.created_at).limit(LIMIT)

    async def longest_in_storage(self) -> list[Row]:
        """Items in storage, oldest arrival first (the last scan into storage, else registration)."""
        scan = ScanEvent
        items = await Item.select(Item.id, Item.title, Item.created_at.as_alias("since")).where(
            Item.municipality == self.municipality_id, Item.state == "in_storage").limit(2000)
        if items:
            arrived = {r["item"]: r["at"] for r in await scan.select(
                scan.item, Typed(Max(scan.server_time, alias="at"), like=scan.server_time)).where(
                scan.municipality == self.municipality_id, scan.outcome == "applied",
                scan.state_after == "in_storage").group_by(scan.item)}
            items = [{**i, "since": arrived.get(i["id"], i["since"])} for i in items]
        return sorted(items, key=lambda i: i["since"])[:LIMIT]

    async def rejected_scans(self, after: datetime) -> list[Row]:
        scan = ScanEvent
        return await scan.select(scan.id, scan.code_text.as_alias("title"), scan.reason.as_alias("detail"),
                                 scan.item, scan.server_time.as_alias("since")).where(
            scan.municipality == self.municipality_id, scan.outcome == "rejected", scan.server_time >= after,
        ).order_by(scan.server_time, ascending=False).limit(LIMIT)

    async def wrong_clocks(self, after: datetime) -> list[Row]:
        """Per person, their latest scan from a phone whose clock was off (newest first)."""
        scan, limit = ScanEvent, int(WRONG_CLOCK.total_seconds())
        rows = await scan.select(scan.actor.as_alias("id"), scan.actor.name.as_alias("title"),
                                 scan.clock_skew.as_alias("clock_skew_s"), scan.item,
                                 scan.server_time.as_alias("since")).where(
            scan.municipality == self.municipality_id, scan.server_time >= after, scan.actor.is_not_null(),
            (scan.clock_skew >= limit) | (scan.clock_skew <= -limit),
        ).order_by(scan.server_time, ascending=False).limit(2000)
        latest: dict = {}
        for row in rows:
            latest.setdefault(row["id"], row)
        return list(latest.values())[:LIMIT]

    async def open_repairs(self) -> list[Row]:
        """Items waiting for repair before reuse, oldest first, with what each needs."""
        rows = await Repair.select(Repair.id, Repair.item, Repair.item.title.as_alias("title"),
                                   Repair.needs, Repair.created_at).where(
            Repair.municipality == self.municipality_id, Repair.status == "open",
        ).order_by(Repair.created_at).limit(LIMIT)
        return [{**r, "detail": r["needs"], "since": r["created_at"]} for r in rows]

    async def held_pickups(self) -> list[Row]:
        """Drivers' pickups outside their jobs that no coordinator has decided on, oldest first."""
        scan = ScanEvent
        rows = await scan.select(
            scan.id, scan.item, scan.item.title.as_alias("title"), scan.actor.name.as_alias("actor_name"),
            scan.location.name.as_alias("place_name"), scan.event_time, scan.server_time,
            scan.driver_confirmed).where(
            scan.municipality == self.municipality_id, scan.outcome == "held", scan.resolution == "",
        ).order_by(scan.server_time).limit(LIMIT)
        # detail: whether the driver was asked on the phone (an older app sends the pickup without asking)
        return [{**r, "since": r["event_time"] or r["server_time"],
                 "detail": "confirmed" if r["driver_confirmed"] else "unconfirmed"} for r in rows]
