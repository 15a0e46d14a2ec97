"""Every transport job query, scoped to the municipality whose AME drives the job."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4

from backend.accounts.tables import Municipality, User, UserRole
from backend.catalog.tables import Item, Photo
from backend.codes.tables import Code
from backend.locations.repository import LocationRepository
from backend.tracking.tables import ScanEvent
from backend.transport.tables import DeliveryProof, TransportJob, TransportJobItem, TransportTariff

Row = dict[str, Any]
OPEN = ("planned", "assigned", "in_transit")

_COLUMNS = (
    *TransportJob.all_columns(exclude=["pickup_location", "storage_location", "driver", "municipality"]),
    TransportJob.municipality.id.as_alias("municipality_id"),
    TransportJob.pickup_location.id.as_alias("pickup_location_id"),
    TransportJob.pickup_location.name.as_alias("pickup_location_name"),
    TransportJob.storage_location.id.as_alias("storage_location_id"),
    TransportJob.storage_location.name.as_alias("storage_location_name"),
    TransportJob.storage_location.address.as_alias("storage_location_address"),
    TransportJob.driver.id.as_alias("driver_id"),
    TransportJob.driver.name.as_alias("driver_name"),
)


class JobRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def get(self, job_id: UUID) -> Row | None:
        row = await TransportJob.select(*_COLUMNS).where(
            TransportJob.id == job_id, TransportJob.municipality == self.municipality_id).first()
        return (await self.with_items([row]))[0] if row else None

    async def list(self, *, driver: UUID | None = None, day: date | None = None,
                   statuses: tuple[str, ...] | None = None) -> list[Row]:
        query = TransportJob.select(*_COLUMNS).where(TransportJob.municipality == self.municipality_id)
        if driver is not None:
            query = query.where(TransportJob.driver == driver)
        if day is not None:
            query = query.where(TransportJob.day == day)
        if statuses:
            query = query.where(TransportJob.status.is_in(list(statuses)))
        rows = await query.order_by(TransportJob.wanted_date).order_by(TransportJob.created_at).limit(300)
        return await self.with_items(rows)

    async def board(self, last: date) -> list[Row]:
        """Open jobs this municipality drives or asked for: planned up to `last`, and those without a
        driver or a day (the caller sorts out which are on the board's days)."""
        mine = ((TransportJob.municipality == self.municipality_id)
                | (TransportJob.requester_municipality == self.municipality_id))
        when = TransportJob.day.is_null() | TransportJob.driver.is_null() | (TransportJob.day <= last)
        rows = await TransportJob.select(*_COLUMNS, TransportJob.requester_municipality).where(
            mine, when, TransportJob.status.is_in(list(OPEN))).order_by(TransportJob.day).order_by(
            TransportJob.wanted_date).order_by(TransportJob.created_at).limit(500)
        return await self.with_items(rows)

    async def municipality_names(self, ids: set[UUID]) -> dict[UUID, str]:
        if not ids:
            return {}
        rows = await Municipality.select(Municipality.id, Municipality.name).where(Municipality.id.is_in(list(ids)))
        return {r["id"]: r["name"] for r in rows}

    async def with_items(self, jobs: list[Row]) -> list[Row]:
        """Attach each job's items with their label code, the listing's first thumbnail and where the item
        is now; then where the job starts (see `_with_places`)."""
        if not jobs:
            return jobs
        links = await TransportJobItem.select(TransportJobItem.job, TransportJobItem.item).where(
            TransportJobItem.job.is_in([j["id"] for j in jobs]))
        item_ids = list({link["item"] for link in links})
        items = {i["id"]: i for i in await Item.select(
            Item.id, Item.title, Item.state, Item.listing, Item.location.as_alias("location_id")).where(
            Item.id.is_in(item_ids))} if item_ids else {}
        codes = {c["item"]: c["text"] for c in await Code.select(Code.item, Code.text).where(
            Code.item.is_in(item_ids), Code.status == "linked")} if item_ids else {}
        listing_ids = list({i["listing"] for i in items.values() if i["listing"]})
        photos: dict[UUID, UUID] = {}
        if listing_ids:
            for photo in await Photo.select(Photo.id, Photo.listing).where(Photo.listing.is_in(listing_ids)).order_by(
                    Photo.position, ascending=False):
                photos[photo["listing"]] = photo["id"]
        proofs = await proofs_of([j["id"] for j in jobs])
        for job in jobs:
            job["items"] = [{**items[link["item"]], "code": codes.get(link["item"]),
                             "photo_id": photos.get(items[link["item"]]["listing"])}
                            for link in links if link["job"] == job["id"] and link["item"] in items]
            job["proof"] = proofs.get(job["id"])
        return await self._with_places(jobs)

    async def _with_places(self, jobs: list[Row]) -> list[Row]:
        """Down to the shelf: each item's place and the job's pickup place, with the nearest address.

        Only for the jobs this municipality drives (its own warehouse's places); a job on the board
        that another municipality drives keeps the pickup as stored. A delivery whose listing gave no
        place starts where its first item is stored.
        """
        own = [j for j in jobs if j["municipality_id"] == self.municipality_id]
        wanted = [i["location_id"] for j in own for i in j["items"] if i["location_id"]]
        wanted += [j["pickup_location_id"] for j in own if j["pickup_location_id"]]
        places = await LocationRepository(self.municipality_id).places(wanted)
        for job in jobs:
            mine = job["municipality_id"] == self.municipality_id
            for item in job["items"]:
                item["place"] = places.get(item["location_id"]) if mine else None
            pickup = places.get(job["pickup_location_id"]) if mine else None
            if pickup is None and mine and job["leg"] == "delivery" and not job["pickup_address"]:
                pickup = next((i["place"] for i in job["items"] if i["place"]), None)
            if pickup is not None:
                job["pickup_place"] = {**pickup, "address": job["pickup_address"] or pickup["address"]}
        return jobs

    async def insert(self, values: Row, item_ids: list[UUID], now: datetime) -> None:
        await TransportJob.insert(TransportJob(**values, municipality=self.municipality_id, created_at=now,
                                               updated_at=now))
        if item_ids:
            await TransportJobItem.insert(*[TransportJobItem(job=values["id"], item=i) for i in item_ids])

    async def update(self, job_id: UUID, version: int | None, values: Row, now: datetime,
                     from_statuses: tuple[str, ...]) -> bool:
        """Apply values while the job is in one of `from_statuses` (and at `version` if given)."""
        query = TransportJob.update({**values, TransportJob.version: TransportJob.version + 1,
                                     TransportJob.updated_at: now}).where(
            TransportJob.id == job_id, TransportJob.municipality == self.municipality_id,
            TransportJob.status.is_in(list(from_statuses)))
        if version is not None:
            query = query.where(TransportJob.version == version)
        return bool(await query.returning(TransportJob.id))

    async def delivered(self, job_id: UUID) -> tuple[int, int, UUID | None]:
        """How many of the job's items there are, how many are delivered, and the newest applied deliver
        scan of them (what a receipt is signed for)."""
        links = await TransportJobItem.select(TransportJobItem.item, TransportJobItem.delivered_at).where(
            TransportJobItem.job == job_id)
        scan = None
        if links:
            scan = await ScanEvent.select(ScanEvent.id).where(
                ScanEvent.item.is_in([link["item"] for link in links]), ScanEvent.action == "deliver",
                ScanEvent.outcome == "applied", ScanEvent.municipality == self.municipality_id).order_by(
                ScanEvent.server_time, ascending=False).first()
        return len(links), sum(1 for link in links if link["delivered_at"]), scan["id"] if scan else None

    async def add_proof(self, values: Row) -> bool:
        """Record the receipt; False when the job already has one (another arrived first)."""
        added = await DeliveryProof.insert(DeliveryProof(**values, municipality=self.municipality_id)).on_conflict(
            action="DO NOTHING").returning(DeliveryProof.id)
        return bool(added)

    async def drivers(self) -> list[Row]:
        drivers = UserRole.select(UserRole.user).where(UserRole.role == "driver")
        return await User.select(User.id, User.name).where(
            User.municipality == self.municipality_id, User.active.eq(True), User.id.is_in(drivers)).order_by(User.name)

    async def is_driver(self, user_id: UUID) -> bool:
        return await UserRole.exists().where(UserRole.user == user_id, UserRole.role == "driver",
                                             UserRole.user.municipality == self.municipality_id)


async def proofs_of(job_ids: list[UUID]) -> dict[UUID, Row]:
    """Each job's receipt, where it has one: who took the delivery, how they signed, when."""
    if not job_ids:
        return {}
    rows = await DeliveryProof.select(
        DeliveryProof.id, DeliveryProof.job, DeliveryProof.recipient_name, DeliveryProof.kind, DeliveryProof.created_at,
    ).where(DeliveryProof.job.is_in(job_ids))
    return {r["job"]: {"id": r["id"], "job_id": r["job"], "recipient_name": r["recipient_name"], "kind": r["kind"],
                       "at": r["created_at"]} for r in rows}


def proof_key(job_id: UUID, proof_id: UUID, size: str) -> str:
    """Where a receipt's image is kept in the photo store: by the receipt's own id, so a second
    receipt sent at the same moment never overwrites the one the job keeps."""
    return f"{job_id}/{proof_id}-{size}.webp"


async def transport_of_booking(booking_id: UUID) -> Row | None:
    """The booking's delivery (its newest delivery job: status and day) and, for a loan, its return
    trip's day and status. The caller has checked that the actor may see the booking (requester or
    owner side), whichever municipality drives it."""
    rows = await TransportJob.select(TransportJob.id, TransportJob.status, TransportJob.day, TransportJob.wanted_date,
                                     TransportJob.leg).where(
        TransportJob.booking_id == booking_id).order_by(TransportJob.created_at, ascending=False)
    delivery = next((r for r in rows if r["leg"] != "return"), None)
    if delivery is None:
        return None
    back = next((r for r in rows if r["leg"] == "return"), None)
    proof = (await proofs_of([delivery["id"]])).get(delivery["id"])
    return {"status": delivery["status"], "day": delivery["day"], "wanted_date": delivery["wanted_date"],
            "return_date": back["wanted_date"] if back else None, "return_status": back["status"] if back else None,
            "proof": proof}


class ScanRepository:
    """Job items touched by scans, across the whole database (the scan already passed its checks)."""

    async def on_open_jobs(self, item_ids: list[UUID]) -> set[UUID]:
        """Which of these items are on a job that is not done or cancelled."""
        rows = await TransportJobItem.select(TransportJobItem.item).where(
            TransportJobItem.item.is_in(list(set(item_ids))), TransportJobItem.job.status.is_in(list(OPEN)))
        return {r["item"] for r in rows}

    async def open_links(self, item_id: UUID) -> list[Row]:
        """The item's links to its first open job: a loan's return trip waits until its delivery is done."""
        rows = await TransportJobItem.select(TransportJobItem.id, TransportJobItem.job,
                                             TransportJobItem.job.wanted_date.as_alias("wanted_date"),
                                             TransportJobItem.job.leg.as_alias("leg")).where(
            TransportJobItem.item == item_id, TransportJobItem.job.status.is_in(list(OPEN)))
        if not rows:
            return rows
        first = min(rows, key=lambda r: (r["leg"] == "return", r["wanted_date"] or date.max))
        return [r for r in rows if r["job"] == first["job"]]

    async def of_drivers(self, drivers: set[UUID]) -> dict[UUID, set[UUID]]:
        """The items on each driver's open jobs, any day: what their pickups may take."""
        link = TransportJobItem
        rows = await link.select(link.item, link.job.driver.as_alias("driver")).where(
            TransportJobItem.job.driver.is_in(list(drivers)), TransportJobItem.job.status.is_in(list(OPEN)))
        found: dict[UUID, set[UUID]] = {}
        for r in rows:
            found.setdefault(r["driver"], set()).add(r["item"])
        return found

    async def mark(self, link_ids: list[UUID], column: str, at: datetime) -> None:
        await TransportJobItem.update({getattr(TransportJobItem, column): at}).where(
            TransportJobItem.id.is_in(link_ids))

    async def set_status(self, job_ids: list[UUID], status: str, from_statuses: tuple[str, ...], now: datetime) -> None:
        await TransportJob.update({TransportJob.status: status, TransportJob.updated_at: now,
                                   TransportJob.version: TransportJob.version + 1}).where(
            TransportJob.id.is_in(job_ids), TransportJob.status.is_in(list(from_statuses)))

    async def of_bookings(self, job_ids: list[UUID]) -> list[Row]:
        """The driving municipality and the booking of each job that came from a booking."""
        return await TransportJob.select(TransportJob.municipality, TransportJob.booking_id).where(
            TransportJob.id.is_in(job_ids), TransportJob.booking_id.is_not_null())

    async def bookings_of(self, job_ids: list[UUID]) -> list[UUID]:
        rows = await TransportJob.select(TransportJob.booking_id).where(TransportJob.id.is_in(job_ids))
        return [r["booking_id"] for r in rows if r["booking_id"]]

    async def undelivered(self, job_ids: list[UUID]) -> set[UUID]:
        rows = await TransportJobItem.select(TransportJobItem.job).where(
            TransportJobItem.job.is_in(job_ids), TransportJobItem.delivered_at.is_null())
        return {r["job"] for r in rows}

    async def cancel_for_booking(self, booking_id: UUID, now: datetime) -> list[UUID]:
        rows = await TransportJob.update({TransportJob.status: "cancelled", TransportJob.updated_at: now,
                                          TransportJob.version: TransportJob.version + 1}).where(
            TransportJob.booking_id == booking_id, TransportJob.status.is_in(list(OPEN))).returning(
            TransportJob.id, TransportJob.driver)
        return [r["driver"] for r in rows if r["driver"]]


_TARIFF_COLUMNS = (TransportTariff.id, TransportTariff.municipality, TransportTariff.fee_ore,
                   TransportTariff.payee_unit.id.as_alias("payee_unit_id"),
                   TransportTariff.payee_unit.name.as_alias("payee_unit_name"), TransportTariff.version,
                   TransportTariff.updated_at)


class TariffRepository:
    """Tariffs, read for one municipality or for the municipalities of finished jobs."""

    async def of(self, municipality_id: UUID) -> Row | None:
        return await TransportTariff.select(*_TARIFF_COLUMNS).where(
            TransportTariff.municipality == municipality_id).first()

    async def of_many(self, municipality_ids: list[UUID]) -> dict[UUID, Row]:
        rows = await TransportTariff.select(*_TARIFF_COLUMNS).where(
            TransportTariff.municipality.is_in(municipality_ids))
        return {row["municipality"]: row for row in rows}

    async def insert(self, municipality_id: UUID, values: Row, now: datetime) -> bool:
        """Create the municipality's tariff; False when another request created it first."""
        rows = await TransportTariff.insert(TransportTariff(
            id=uuid4(), municipality=municipality_id, updated_at=now, **values,
        )).on_conflict(action="DO NOTHING").returning(TransportTariff.id)
        return bool(rows)

    async def update(self, municipality_id: UUID, version: int, values: Row, now: datetime) -> bool:
        rows = await TransportTariff.update({**values, TransportTariff.version: version + 1,
                                             TransportTariff.updated_at: now}).where(
            TransportTariff.municipality == municipality_id, TransportTariff.version == version,
        ).returning(TransportTariff.id)
        return bool(rows)
