"""Requesting and reading bookings. Steps after the request live in transitions.py."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID, uuid4

from asyncpg.exceptions import DeadlockDetectedError, ExclusionViolationError

from backend import clock
from backend.bookings import charges, ical, notifications, schemas
from backend.bookings.repository import (
    BookingRepository,
    ChargeRepository,
    HoldRepository,
    PeopleRepository,
    Row,
    WindowRepository,
)
from backend.bookings.rules import OWNER_HELPERS, delivery_for, is_owner_side, local_today, may_see, period_for
from backend.bookings.transitions import TransitionService, auto_approves
from backend.catalog.listings import visible_listing
from backend.catalog.storage import PhotoStore
from backend.db import Database
from backend.errors import Conflict, Invalid, NotFound
from backend.impact.service import link_check_to_booking
from backend.tenancy import Actor
from backend.transport.repository import transport_of_booking
from backend.transport.service import receipt_image
from backend.vocabulary import SERVICE_KINDS, STOCKHOLM

TAKEN = "Someone else has already booked this for an overlapping period; pick other dates."
DEADLOCK_RETRIES = 2  # a request PostgreSQL undid to break a wait cycle is asked again, at most twice


def not_available(free: int, wanted: int) -> Conflict:
    if free == 0:
        return Conflict(TAKEN, error="not_available")
    return Conflict(f"Only {free} of the {wanted} you asked for are free for that period.", error="not_available")


class BookingService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.bookings = BookingRepository(actor.municipality_id)
        self.holds = HoldRepository()
        self.windows = WindowRepository()

    async def visible_listing(self, listing_id: UUID) -> Row:
        """The listing if the actor may see it (404 otherwise) and it is open for booking (409 otherwise)."""
        row = await visible_listing(self.actor, listing_id)
        if row["status"] != "published":
            raise Conflict("This listing is not open for booking.", error="not_bookable")
        return row

    async def get(self, booking_id: UUID) -> Row:
        async with self.db.read():
            row = await self.bookings.get(booking_id)
            if row is None or not may_see(self.actor, row):
                raise NotFound("No such booking.")
            row["events"] = await self.bookings.events(booking_id)
            row["transport"] = await transport_of_booking(booking_id)
            if is_owner_side(self.actor, row, *OWNER_HELPERS, "admin"):
                await charges.with_quotes([row])
        return row

    async def proof_image(self, booking_id: UUID, size: str, store: PhotoStore) -> bytes:
        """The delivery receipt's image, for whoever may see the booking (requester or owner side)."""
        transport = (await self.get(booking_id))["transport"]
        proof = transport["proof"] if transport else None
        return await receipt_image(proof, size, store)

    async def calendar_text(self, booking_id: UUID) -> str:
        """The booking as an iCalendar file, described in the reader's language."""
        row = await self.get(booking_id)
        async with self.db.read():
            lang = await PeopleRepository().language(self.actor.user_id)
        return ical.calendar([ical.booking_event(row, lang)], clock.now())

    async def list_mine(self) -> list[Row]:
        async with self.db.read():
            return await self.bookings.list_for_requester(self.actor.user_id)

    async def list_queue(self, statuses: tuple[str, ...]) -> list[Row]:
        """Bookings the actor answers for: their unit's, or (coordinators) the whole municipality's."""
        unit = None if self.actor.has_any("coordinator") else self.actor.unit_id
        async with self.db.read():
            return await charges.with_quotes(await self.bookings.list_for_owner(unit, statuses))

    async def request(self, data: schemas.BookingCreate) -> tuple[Row, bool]:
        """Ask for a listing; the items (or seats) are held at once, so the first request wins."""
        booking_id, now = data.id or uuid4(), clock.now()
        for _ in range(DEADLOCK_RETRIES):
            try:
                return await self._request_once(data, booking_id, now)
            except DeadlockDetectedError:
                # PostgreSQL broke a wait cycle between racing requests by undoing this one: asked
                # again, it finds the items held (a conflict) or free (booked).
                continue
        return await self._request_once(data, booking_id, now)

    async def _request_once(self, data: schemas.BookingCreate, booking_id: UUID, now: datetime) -> tuple[Row, bool]:
        try:
            async with self.db.write():
                if await self.bookings.exists_any_tenant(booking_id):
                    return await self._replayed(booking_id), False
                await self.bookings.expire_unanswered(local_today(now), now)
                listing = await self.visible_listing(data.listing_id)
                values, item_ids = await self._hold(listing, data, local_today(now))
                values.update(id=booking_id, requester=self.actor.user_id, requester_unit=self.actor.unit_id,
                              requester_municipality=self.actor.municipality_id)
                await self.bookings.insert(values, item_ids, now)
                if data.purchase_check_id:
                    await link_check_to_booking(self.actor, data.purchase_check_id, booking_id, listing["id"], now)
                await self._record(booking_id, "request", "", "requested", now)
                row = await self.bookings.get(booking_id)
                await self._after_request(row, listing, now)
        except ExclusionViolationError as exc:
            # PostgreSQL's exclusion constraint caught a request that raced past the check.
            raise Conflict(TAKEN, error="not_available") from exc
        return await self.get(booking_id), True

    async def _replayed(self, booking_id: UUID) -> Row:
        row = await self.bookings.get(booking_id)
        if row is None or row["requester_id"] != self.actor.user_id:
            raise Conflict("That id is already in use.")
        return row

    async def _hold(self, listing: Row, data: schemas.BookingCreate, today: date) -> tuple[Row, list[UUID]]:
        base = {"listing": listing["id"], "deal": listing["deal"], "owner_unit": listing["owner_unit"],
                "owner_municipality": listing["municipality"], "quantity": data.quantity, "note": data.note,
                "delivery_address": data.delivery_address.strip(), "wanted_date": data.wanted_date,
                "displaces_purchase": data.displaces_purchase or data.purchase_check_id is not None}
        if listing["kind"] in SERVICE_KINDS:
            return {**base, **await self._take_seats(listing, data, today)}, []
        start, end = period_for(listing, data, today)
        base.update(delivery_for(data, start, end))
        free = await self.holds.free_items(listing["id"], start, end)
        if await self.holds.own_overlap(self.actor.user_id, listing["id"], start, end):
            raise Conflict("You already have a booking of this for an overlapping period.", error="own_overlap")
        if len(free) < data.quantity:
            raise not_available(len(free), data.quantity)
        return {**base, "period_start": start, "period_end": end}, [f["id"] for f in free[: data.quantity]]

    async def _take_seats(self, listing: Row, data: schemas.BookingCreate, today: date) -> Row:
        """Book seats in a window; on PostgreSQL the window row is locked while its seats are counted."""
        if data.window_id is None:
            raise Invalid("Pick a time window for a service or staffing booking.", error="window_required")
        window = await self.windows.get(data.window_id, listing["id"], lock=True)
        if window is None:
            raise NotFound("No such time window.")
        start = window["starts_at"].astimezone(STOCKHOLM).date()
        if start < today:
            raise Invalid("That time window has already started.", error="in_the_past")
        taken = (await self.windows.seats_taken([window["id"]])).get(window["id"], 0)
        if taken + data.quantity > window["capacity"]:
            left = window["capacity"] - taken
            raise Conflict(f"The time window is full: {max(left, 0)} places left.", error="window_full")
        return {"window": window["id"], "period_start": start,
                "period_end": window["ends_at"].astimezone(STOCKHOLM).date()}

    async def _record(self, booking_id: UUID, action: str, from_status: str, to_status: str, now: datetime,
                      reason: str = "") -> None:
        await self.bookings.add_event({"id": uuid4(), "booking": booking_id, "actor": self.actor.user_id,
                                       "action": action, "from_status": from_status, "to_status": to_status,
                                       "reason": reason, "at": now})

    async def _after_request(self, row: Row, listing: Row, now: datetime) -> None:
        """Auto-approve when the owning unit's policy says so; otherwise tell the approvers."""
        if await auto_approves(row):
            await TransitionService(self.db, self.actor).approve_in_transaction(row, listing, now, automatic=True)
            return
        await notifications.emit("booking_requested", await notifications.owner_side(row), row,
                                 skip=self.actor.user_id)

    async def charges(self, booking_id: UUID) -> list[Row]:
        """The charges of a booking either side can see."""
        await self.get(booking_id)
        async with self.db.read():
            return await ChargeRepository().of_booking(booking_id)
