"""Transport jobs: created by approved bookings, planned by coordinators, worked by drivers.

planned → assigned (driver and day) → in_transit (first pickup scan) → done (all delivered,
or the driver says so); cancelled when its booking is cancelled or a coordinator drops it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4

import anyio

from backend import clock
from backend.catalog import imaging
from backend.catalog.photos import PhotoRejected
from backend.catalog.storage import PhotoStore
from backend.db import Database
from backend.errors import Conflict, Forbidden, Invalid, NotFound
from backend.impact.work import record_work
from backend.locations.repository import LocationRepository
from backend.push.outbox import notify_message
from backend.tenancy import Actor
from backend.tracking.hooks import Movement, on_drivers_jobs, on_item_moved
from backend.transport.hooks import jobs_done
from backend.transport.repository import OPEN, JobRepository, Row, ScanRepository, proof_key
from backend.vocabulary import local_day

PLANNERS = ("coordinator",)
# A job can be (re)planned until its driver picks it up.
PLANNABLE = ("planned", "assigned")


async def create_for_booking(booking: dict[str, Any], listing: dict[str, Any], now: datetime) -> UUID:
    """Inside the approving write: a job from the listing's place to the requester's address, and for a
    loan a second one that fetches it back from there on its return day."""
    municipality = booking["owner_municipality_id"]
    pickup = await LocationRepository(municipality).get(listing["location"]) if listing["location"] else None
    # The requester takes the delivery unless they named someone else; their note rides along for the driver.
    details = {"time_window": booking["delivery_window"],
               "recipient_name": booking["recipient_name"] or booking["requester_name"][:100],
               "recipient_phone": booking["recipient_phone"], "room": booking["delivery_room"],
               "note": booking["note"][:500]}
    job_id = uuid4()
    jobs = JobRepository(municipality)
    await jobs.insert({
        "id": job_id, "booking_id": booking["id"], "status": "planned", "leg": "delivery",
        "requester_municipality": booking["requester_municipality_id"],
        "pickup_location": pickup["id"] if pickup else None, "pickup_address": pickup["address"] if pickup else "",
        "delivery_address": booking["delivery_address"],
        "wanted_date": booking["wanted_date"] or booking["period_start"], **details,
    }, booking["item_ids"], now)
    if booking["deal"] in ("lend", "rent") and booking["period_end"] is not None:
        # Back to where it was fetched: the driver picks up at the borrower's address and room.
        await jobs.insert({
            "id": uuid4(), "booking_id": booking["id"], "status": "planned", "leg": "return",
            "requester_municipality": booking["requester_municipality_id"],
            "pickup_address": booking["delivery_address"], "storage_location": pickup["id"] if pickup else None,
            "delivery_address": pickup["address"] if pickup else "", "wanted_date": booking["period_end"], **details,
        }, booking["item_ids"], now)
    return job_id


async def cancel_for_booking(booking_id: UUID, now: datetime) -> None:
    """Inside the cancelling write: open jobs of the booking are cancelled and their drivers told."""
    drivers = await ScanRepository().cancel_for_booking(booking_id, now)
    if drivers:
        await notify_message(drivers, "job_changed", "job_cancelled", {}, "/dagen")


async def on_item_scanned(item_id: UUID, action: str, at: datetime, received: datetime) -> None:
    """Called by tracking inside its write: pickups start open jobs, the last delivery finishes them
    and marks their bookings fulfilled.

    at (the scan's time) dates the pickup and delivery; received (the server's) dates the jobs'
    status and the charges, so a phone clock days behind never charges into an earlier month.
    """
    scans = ScanRepository()
    links = await scans.open_links(item_id)
    if not links or action not in ("pickup", "deliver"):
        return
    job_ids = list({link["job"] for link in links})
    if action == "pickup":
        await scans.mark([link["id"] for link in links], "picked_up_at", at)
        await scans.set_status(job_ids, "in_transit", ("planned", "assigned"), received)
        return
    await scans.mark([link["id"] for link in links], "delivered_at", at)
    waiting = await scans.undelivered(job_ids)
    finished = [j for j in job_ids if j not in waiting]
    if finished:
        await scans.set_status(finished, "done", OPEN, received)
        await jobs_done(finished, received, delivered=True)


@on_item_moved
async def _follow_scans(movements: list[Movement]) -> None:
    """Jobs follow the pickup and delivery scans of their items (inside the scan's write).

    One query finds which of the moved items are on open jobs; only those are looked at further,
    in scan order. Scans never put an item on a job, so the answer holds for the whole batch.
    """
    on_jobs = await ScanRepository().on_open_jobs([m.item_id for m in movements])
    for movement in movements:
        if movement.item_id in on_jobs:
            await on_item_scanned(movement.item_id, movement.action, movement.at, movement.received)


@on_drivers_jobs
async def _drivers_jobs(wanted: set[UUID]) -> dict[UUID, set[UUID]]:
    """The items a driver's pickups may take: those on their open jobs (inside the scan's write)."""
    return await ScanRepository().of_drivers(wanted)


class JobService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.jobs = JobRepository(actor.municipality_id)

    async def list(self, driver_me: bool, day: date | None, status: str | None) -> list[Row]:
        """Coordinators see every job; a driver sees the jobs given to them."""
        if not driver_me:
            self.actor.require(*PLANNERS)
        statuses = {"unassigned": ("planned",), "open": OPEN}.get(status or "", (status,) if status else None)
        async with self.db.read():
            return await self.jobs.list(driver=self.actor.user_id if driver_me else None, day=day, statuses=statuses)

    async def get(self, job_id: UUID) -> Row:
        async with self.db.read():
            row = await self.jobs.get(job_id)
        if row is None or not (self.actor.has_any(*PLANNERS) or row["driver_id"] == self.actor.user_id):
            raise NotFound("No such transport job.")
        return row

    async def drivers(self) -> list[Row]:
        self.actor.require(*PLANNERS)
        async with self.db.read():
            return await self.jobs.drivers()

    async def assign(self, job_id: UUID, driver_id: UUID, day: date, version: int) -> Row:
        """Plan or move one job (the planning list and the day board); a stale version is a 409."""
        self.actor.require(*PLANNERS)
        _not_past(day)
        async with self.db.write():
            row = await self._load(job_id)
            await self._require_driver(driver_id)
            if not await self._plan(row, driver_id, day, version):
                raise _refused(row, PLANNABLE)
        return await self.get(job_id)

    async def assign_many(self, ids: list[UUID], driver_id: UUID, day: date) -> list[UUID]:
        """Give every job to one driver and day, or none: the first that cannot be planned is named."""
        self.actor.require(*PLANNERS)
        _not_past(day)
        async with self.db.write():
            await self._require_driver(driver_id)
            for job_id in ids:
                row = await self.jobs.get(job_id)
                if row is None:
                    raise NotFound(f"No such transport job: {job_id}. Nothing was planned.")
                if not await self._plan(row, driver_id, day, row["version"]):
                    raise Conflict(f"Transport job {job_id} is {row['status']}; nothing was planned.",
                                   error="wrong_status")
        return ids

    async def unassign(self, job_id: UUID, version: int) -> Row:
        """Take a job off its driver and back among the waiting ones; the driver is told, so their day refetches."""
        self.actor.require(*PLANNERS)
        async with self.db.write():
            row = await self._load(job_id)
            if row["status"] not in PLANNABLE or row["driver_id"] is None:
                state = "has no driver" if row["status"] in PLANNABLE else f"is {row['status']}"
                raise Conflict(f"The job {state}; there is no driver to take it from.", error="not_assigned")
            values = {"driver": None, "day": None, "status": "planned"}
            if not await self.jobs.update(job_id, version, values, clock.now(), PLANNABLE):
                raise _refused(row, PLANNABLE)
            await notify_message([row["driver_id"]], "job_changed", "job_unassigned",
                                 {"day": {"day": (row["day"] or local_day(clock.now())).isoformat()},
                                  "address": row["delivery_address"]}, "/dagen", tag=f"job-{row['id']}")
        return await self.get(job_id)

    async def _require_driver(self, driver_id: UUID) -> None:
        if not await self.jobs.is_driver(driver_id):
            raise Invalid("That person is not a driver in your municipality.", error="not_a_driver")

    async def _plan(self, row: Row, driver_id: UUID, day: date, version: int) -> bool:
        """Give the job to driver on day; the new driver is told, and a driver it was taken from too."""
        values = {"driver": driver_id, "day": day, "status": "assigned"}
        if not await self.jobs.update(row["id"], version, values, clock.now(), PLANNABLE):
            return False
        address, tag = row["delivery_address"], f"job-{row['id']}"
        if row["driver_id"] == driver_id and row["day"] == day:
            return True
        await notify_message([driver_id], "job_assigned", "job_assigned",
                             {"day": {"day": day.isoformat()}, "address": address}, "/dagen", tag=tag)
        if row["driver_id"] and row["driver_id"] != driver_id:
            was = (row["day"] or day).isoformat()
            await notify_message([row["driver_id"]], "job_changed", "job_moved",
                                 {"day": {"day": was}, "address": address}, "/dagen", tag=tag)
        return True

    async def finish(self, job_id: UUID, status: str, version: int | None, work: list[Any] | None = None) -> Row:
        """Mark a job done (its driver or a coordinator, with who did it and how long) or cancelled."""
        async with self.db.write():
            row = await self._load(job_id)
            mine = row["driver_id"] == self.actor.user_id
            if not (self.actor.has_any(*PLANNERS) or (status == "done" and mine)):
                raise Forbidden("Only a coordinator, or the job's driver marking it done, can do that.")
            now = clock.now()
            if not await self.jobs.update(job_id, version, {"status": status}, now, OPEN):
                raise _refused(row, OPEN)
            if status == "done":
                await jobs_done([job_id], now, delivered=False)
                if work:
                    await record_work(self.actor, "transport", job_id, work)
        return await self.get(job_id)

    async def record_work(self, job_id: UUID, work: list[Any]) -> list[Row]:
        """Who drove a job and for how long: a coordinator once it is done; its driver also while it is
        still open on the server (their delivery scans may still be on the phone)."""
        async with self.db.write():
            row = await self._load(job_id)
            own = row["driver_id"] == self.actor.user_id and row["status"] in (*OPEN, "done")
            if row["status"] != "done" and not own:
                raise Conflict("Work is recorded on a job once it is done.", error="not_done")
            return await record_work(self.actor, "transport", job_id, work)

    async def prove(self, job_id: UUID, proof: Receipt, store: PhotoStore) -> Row:
        """The recipient's receipt: their name and a signature or a photo, once the items are delivered.
        Sent again (a phone replaying its queue) it changes nothing; a different one is refused."""
        name = " ".join(proof.recipient_name.split())
        if not name:
            raise Invalid("Write the name of the person who took the delivery.", error="name_missing")
        async with self.db.read():
            row = await self._load(job_id)
            count, delivered, scan = await self.jobs.delivered(job_id)
        if row["proof"]:
            if (row["proof"]["recipient_name"], row["proof"]["kind"]) == (name, proof.kind):
                return row
            raise Conflict("This delivery already has a receipt.", error="already_proved")
        if row["status"] == "cancelled":
            raise Conflict("The job is cancelled; there is no delivery to sign for.", error="wrong_status")
        if count == 0 or delivered < count:
            raise Conflict("Scan the items as delivered first; then the recipient signs for them.",
                           error="not_delivered")
        try:
            renditions = await anyio.to_thread.run_sync(
                lambda: imaging.process(proof.image, max_bytes=proof.max_bytes, max_pixels=proof.max_pixels))
        except imaging.PhotoRefused as refused:
            raise PhotoRejected(refused) from refused
        # The store may be a remote object store: its calls block, so they run off the event loop.
        proof_id = uuid4()
        keys = {size: proof_key(job_id, proof_id, size) for size in ("display", "thumb")}
        await anyio.to_thread.run_sync(store.put, keys["display"], renditions.display)
        await anyio.to_thread.run_sync(store.put, keys["thumb"], renditions.thumb)
        async with self.db.write():
            # Two receipts for one job at the same moment: the first is kept, the other answers as above.
            added = await self.jobs.add_proof({"id": proof_id, "job": job_id, "recipient_name": name,
                                               "kind": proof.kind, "scan_event": scan,
                                               "created_by": self.actor.user_id, "created_at": clock.now()})
        if not added:
            for key in keys.values():
                await anyio.to_thread.run_sync(store.delete, key)
        row = await self.get(job_id)
        if (row["proof"]["recipient_name"], row["proof"]["kind"]) != (name, proof.kind):
            raise Conflict("This delivery already has a receipt.", error="already_proved")
        return row

    async def proof_image(self, job_id: UUID, size: str, store: PhotoStore) -> bytes:
        """The receipt's image, for the job's driver and the coordinators."""
        async with self.db.read():
            row = await self._load(job_id)
        return await receipt_image(row["proof"], size, store)

    async def _load(self, job_id: UUID) -> Row:
        row = await self.jobs.get(job_id)
        if row is None or not (self.actor.has_any(*PLANNERS) or row["driver_id"] == self.actor.user_id):
            raise NotFound("No such transport job.")
        return row


@dataclass(frozen=True)
class Receipt:
    recipient_name: str
    kind: str  # "signature" or "photo"
    image: bytes
    max_bytes: int
    max_pixels: int


async def receipt_image(proof: Row | None, size: str, store: PhotoStore) -> bytes:
    """A delivery receipt's image; the caller has checked who may see it."""
    key = proof_key(proof["job_id"], proof["id"], size) if proof else None
    data = await anyio.to_thread.run_sync(store.get, key) if key else None
    if data is None:
        raise NotFound("This delivery has no receipt.")
    return data


def _not_past(day: date) -> None:
    if day < local_day(clock.now()):
        raise Invalid("The day is in the past.", error="in_the_past")


def _refused(row: Row, from_statuses: tuple[str, ...]) -> Conflict:
    if row["status"] not in from_statuses:
        return Conflict(f"The job is {row['status']}; it cannot be changed that way.", error="wrong_status")
    return Conflict("The job was changed by someone else; reload it.", error="stale_version")
