"""Every bookings query. Repositories are bound to the acting user's municipality at construction.

A booking belongs to two municipalities (the requester's and the owner's); both see it.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID, uuid4

from piccolo.columns.combination import Or

from backend.accounts.tables import User, UserRole
from backend.bookings.tables import (
    ACTIVE,
    ApprovalPolicy,
    Booking,
    BookingEvent,
    BookingItem,
    CalendarFeed,
    Charge,
)
from backend.catalog.hooks import on_next_free_days, on_windows_in_use
from backend.catalog.tables import AvailabilityWindow, Item, Listing, Photo
from backend.db import engine_is_sqlite
from backend.vocabulary import PHYSICAL_KINDS, TERMINAL_STATES

Row = dict[str, Any]
LOAN_DEALS = ("lend", "rent")

_COLUMNS = (
    *Booking.all_columns(exclude=["listing", "window", "requester", "requester_unit", "requester_municipality",
                                  "owner_unit", "owner_municipality"]),
    Booking.listing.id.as_alias("listing_id"),
    Booking.listing.title.as_alias("listing_title"),
    Booking.listing.kind.as_alias("listing_kind"),
    Booking.window.id.as_alias("window_id"),
    Booking.window.starts_at.as_alias("window_starts_at"),
    Booking.window.ends_at.as_alias("window_ends_at"),
    Booking.requester.id.as_alias("requester_id"),
    Booking.requester.name.as_alias("requester_name"),
    Booking.requester_unit.id.as_alias("requester_unit_id"),
    Booking.requester_unit.name.as_alias("requester_unit_name"),
    Booking.requester_municipality.id.as_alias("requester_municipality_id"),
    Booking.requester_municipality.name.as_alias("requester_municipality_name"),
    Booking.owner_unit.id.as_alias("owner_unit_id"),
    Booking.owner_unit.name.as_alias("owner_unit_name"),
    Booking.owner_municipality.id.as_alias("owner_municipality_id"),
    Booking.owner_municipality.name.as_alias("owner_municipality_name"),
)


# What bookings need of a listing (not its long texts): rules, prices, place and visibility.
_LISTING_COLUMNS = (Listing.id, Listing.municipality, Listing.owner_unit, Listing.kind, Listing.deal, Listing.title,
                    Listing.price_ore, Listing.rent_period, Listing.location, Listing.available_from,
                    Listing.available_until, Listing.visibility, Listing.widen_to, Listing.share_at,
                    Listing.category, Listing.weight_g)


def overlapping(column_start, column_end, start: date, end: date | None):
    """Half-open [start, end) overlaps [column_start, column_end); a NULL end means for ever."""
    condition = Or(column_end.is_null(), column_end > start)
    return condition & (column_start < end) if end is not None else condition


class BookingRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    def _scoped(self):
        return Or(Booking.requester_municipality == self.municipality_id,
                  Booking.owner_municipality == self.municipality_id)

    async def get(self, booking_id: UUID) -> Row | None:
        row = await Booking.select(*_COLUMNS).where(Booking.id == booking_id, self._scoped()).first()
        return (await self._with_items([row]))[0] if row else None

    async def exists_any_tenant(self, booking_id: UUID) -> bool:
        return await Booking.exists().where(Booking.id == booking_id)

    async def list_for_requester(self, user_id: UUID) -> list[Row]:
        rows = await Booking.select(*_COLUMNS).where(Booking.requester == user_id).order_by(
            Booking.created_at, ascending=False).limit(200)
        return await self._with_items(rows)

    async def list_for_owner(self, unit_id: UUID | None, statuses: tuple[str, ...]) -> list[Row]:
        """Bookings of this municipality's listings: one unit's, or every unit's (coordinators)."""
        query = Booking.select(*_COLUMNS).where(Booking.owner_municipality == self.municipality_id,
                                                Booking.status.is_in(list(statuses)))
        if unit_id is not None:
            query = query.where(Booking.owner_unit == unit_id)
        return await self._with_items(await query.order_by(Booking.created_at).limit(200))

    async def list_for_calendar(self, user_id: UUID) -> list[Row]:
        return await Booking.select(*_COLUMNS).where(
            Booking.requester == user_id, Booking.status.is_in(["requested", "approved", "fulfilled", "returned"])
        ).order_by(Booking.period_start).limit(500)

    async def _with_items(self, rows: list[Row]) -> list[Row]:
        if not rows:
            return rows
        items = await BookingItem.select(BookingItem.booking, BookingItem.item).where(
            BookingItem.booking.is_in([r["id"] for r in rows]))
        for row in rows:
            row["item_ids"] = [i["item"] for i in items if i["booking"] == row["id"]]
        return rows

    async def insert(self, values: Row, item_ids: list[UUID], now: datetime) -> None:
        """The items in one order for every request: racing requests then wait on each other's holds
        in turn, never in a cycle."""
        await Booking.insert(Booking(**values, created_at=now, updated_at=now))
        if item_ids:
            await BookingItem.insert(*[
                BookingItem(booking=values["id"], item=item, period_start=values["period_start"],
                            period_end=values["period_end"], holds=True) for item in sorted(item_ids)])

    async def move(self, booking_id: UUID, from_status: str, to_status: str, now: datetime) -> bool:
        """Change the status only if it is still `from_status`; False when someone got there first."""
        rows = await Booking.update({Booking.status: to_status, Booking.version: Booking.version + 1,
                                     Booking.updated_at: now}).where(
            Booking.id == booking_id, Booking.status == from_status).returning(Booking.id)
        return bool(rows)

    async def release(self, booking_id: UUID) -> None:
        await BookingItem.update({BookingItem.holds: False}).where(BookingItem.booking == booking_id)

    async def add_event(self, values: Row) -> None:
        await BookingEvent.insert(BookingEvent(**values))

    async def events(self, booking_id: UUID) -> list[Row]:
        return await BookingEvent.select(
            BookingEvent.action, BookingEvent.from_status, BookingEvent.to_status, BookingEvent.reason,
            BookingEvent.at, BookingEvent.actor.id.as_alias("actor_id"), BookingEvent.actor.name.as_alias("actor_name"),
        ).where(BookingEvent.booking == booking_id).order_by(BookingEvent.at)

    async def expire_unanswered(self, today: date, now: datetime) -> None:
        """Requests nobody answered before their first day expire and stop holding their items."""
        stale = await Booking.select(Booking.id).where(Booking.status == "requested", Booking.period_start < today)
        if not stale:
            return
        ids = [r["id"] for r in stale]
        await Booking.update({Booking.status: "expired", Booking.updated_at: now,
                              Booking.version: Booking.version + 1}).where(Booking.id.is_in(ids))
        await BookingItem.update({BookingItem.holds: False}).where(BookingItem.booking.is_in(ids))
        await BookingEvent.insert(*[BookingEvent(booking=i, action="expire", from_status="requested",
                                                 to_status="expired", at=now) for i in ids])


class HoldRepository:
    """Which items are held when: the calendar the no-double-booking rule reads."""

    async def free_items(self, listing_id: UUID, start: date, end: date | None) -> list[Row]:
        busy = BookingItem.select(BookingItem.item).where(
            BookingItem.holds.eq(True), overlapping(BookingItem.period_start, BookingItem.period_end, start, end))
        return await Item.select(Item.id).where(
            Item.listing == listing_id, Item.state.not_in(sorted(TERMINAL_STATES)), Item.id.not_in(busy)
        ).order_by(Item.created_at)

    async def own_overlap(self, user_id: UUID, listing_id: UUID, start: date, end: date | None) -> bool:
        return await Booking.exists().where(
            Booking.requester == user_id, Booking.listing == listing_id, Booking.status.is_in(list(ACTIVE)),
            overlapping(Booking.period_start, Booking.period_end, start, end))

    async def items_of_listing(self, listing_id: UUID) -> list[Row]:
        return await Item.select(Item.id, Item.title).where(
            Item.listing == listing_id, Item.state.not_in(sorted(TERMINAL_STATES))).order_by(Item.created_at)

    async def holds_between(self, item_ids: list[UUID], start: date, end: date) -> list[Row]:
        if not item_ids:
            return []
        return await BookingItem.select(BookingItem.item, BookingItem.period_start, BookingItem.period_end).where(
            BookingItem.item.is_in(item_ids), BookingItem.holds.eq(True),
            overlapping(BookingItem.period_start, BookingItem.period_end, start, end),
        ).order_by(BookingItem.period_start)


# The bookings that have a thing out of the owner's hands: approved, or handed over and not yet back.
TAKEN = ("approved", "fulfilled")


@on_next_free_days
async def booked_until(listing_ids: list[UUID], today: date) -> dict[UUID, date]:
    """For listings whose every item is taken today by an approved or ongoing booking, the first day
    one of them is free again (after back-to-back bookings too); an item held for ever is never free."""
    items = await Item.select(Item.id, Item.listing).where(
        Item.listing.is_in(listing_ids), Item.state.not_in(sorted(TERMINAL_STATES)))
    if not items:
        return {}
    holds = await BookingItem.select(BookingItem.item, BookingItem.period_start, BookingItem.period_end).where(
        BookingItem.item.is_in([i["id"] for i in items]), BookingItem.holds.eq(True),
        BookingItem.booking.status.is_in(list(TAKEN)),
        Or(BookingItem.period_end.is_null(), BookingItem.period_end > today),
    ).order_by(BookingItem.period_start)
    free: dict[UUID, list[date | None]] = {}
    for item in items:
        day: date | None = today
        for hold in (h for h in holds if h["item"] == item["id"]):
            if day is None or hold["period_start"] > day:
                break
            day = hold["period_end"] if hold["period_end"] is None else max(day, hold["period_end"])
        free.setdefault(item["listing"], []).append(day)
    days = {listing: [d for d in found if d is not None] for listing, found in free.items()}
    return {listing: min(found) for listing, found in days.items() if found and min(found) > today}


@on_windows_in_use
async def booked_windows(window_ids: list[UUID]) -> set[UUID]:
    """Windows any booking refers to, whatever its status (its history names the window)."""
    rows = await Booking.select(Booking.window).where(Booking.window.is_in(window_ids))
    return {row["window"] for row in rows}


class WindowRepository:
    """Service and staffing windows and the seats their active bookings take."""

    async def get(self, window_id: UUID, listing_id: UUID, lock: bool = False) -> Row | None:
        query = AvailabilityWindow.select().where(AvailabilityWindow.id == window_id,
                                                  AvailabilityWindow.listing == listing_id)
        # PostgreSQL: lock the window row so concurrent bookings count its seats one at a time
        # (SQLite has one writer: nothing to lock).
        lock = lock and not engine_is_sqlite(AvailabilityWindow)
        return await (query.lock_rows("UPDATE") if lock else query).first()

    async def of_listing(self, listing_id: UUID, start: datetime, end: datetime) -> list[Row]:
        return await AvailabilityWindow.select().where(
            AvailabilityWindow.listing == listing_id, AvailabilityWindow.ends_at > start,
            AvailabilityWindow.starts_at < end).order_by(AvailabilityWindow.starts_at)

    async def seats_taken(self, window_ids: list[UUID]) -> dict[UUID, int]:
        if not window_ids:
            return {}
        rows = await Booking.select(Booking.window, Booking.quantity).where(
            Booking.window.is_in(window_ids), Booking.status.is_in(list(ACTIVE)))
        taken: dict[UUID, int] = {}
        for row in rows:
            taken[row["window"]] = taken.get(row["window"], 0) + row["quantity"]
        return taken


class PeopleRepository:
    """Who is told about a booking: the owning unit's people and the owner municipality's coordinators."""

    async def owner_side(self, municipality_id: UUID, unit_id: UUID) -> list[UUID]:
        coordinators = UserRole.select(UserRole.user).where(UserRole.role == "coordinator")
        rows = await User.select(User.id).where(
            User.municipality == municipality_id, User.active.eq(True),
            Or(User.unit == unit_id, User.id.is_in(coordinators)))
        return [r["id"] for r in rows]

    async def language(self, user_id: UUID) -> str:
        row = await User.select(User.language).where(User.id == user_id).first()
        return row["language"] if row else "sv"


class PolicyRepository:
    """Auto-approve rules per unit."""

    async def of_unit(self, unit_id: UUID) -> Row | None:
        return await ApprovalPolicy.select().where(ApprovalPolicy.unit == unit_id).first()

    async def save(self, municipality_id: UUID, unit_id: UUID, deals: str, version: int | None,
                   now: datetime) -> bool:
        """Insert the first policy, or update one still at `version`; False when it moved on."""
        if version is None:
            await ApprovalPolicy.insert(ApprovalPolicy(municipality=municipality_id, unit=unit_id,
                                                       internal_deals=deals, updated_at=now))
            return True
        rows = await ApprovalPolicy.update({ApprovalPolicy.internal_deals: deals, ApprovalPolicy.updated_at: now,
                                            ApprovalPolicy.version: version + 1}).where(
            ApprovalPolicy.unit == unit_id, ApprovalPolicy.version == version).returning(ApprovalPolicy.id)
        return bool(rows)


async def listings_by_id(listing_ids: list[UUID]) -> dict[UUID, Row]:
    """The listings of some bookings, with the id of each one's first photo (None without photos)."""
    if not listing_ids:
        return {}
    rows = await Listing.select(*_LISTING_COLUMNS).where(Listing.id.is_in(listing_ids))
    photos = await Photo.select(Photo.listing, Photo.id).where(Photo.listing.is_in(listing_ids)).order_by(
        Photo.position).order_by(Photo.created_at)
    first: dict[UUID, UUID] = {}
    for photo in photos:
        first.setdefault(photo["listing"], photo["id"])
    return {row["id"]: {**row, "photo_id": first.get(row["id"])} for row in rows}


async def listing_by_id(listing_id: UUID) -> Row | None:
    """The listing a booking was made on, whatever its visibility now (prices, location)."""
    return await Listing.select(*_LISTING_COLUMNS).where(Listing.id == listing_id).first()


async def fulfil_delivered(booking_ids: list[UUID], now: datetime) -> list[UUID]:
    """Approved bookings whose delivery finished become fulfilled; returns the ones that moved."""
    rows = await Booking.update({Booking.status: "fulfilled", Booking.updated_at: now,
                                 Booking.version: Booking.version + 1}).where(
        Booking.id.is_in(booking_ids), Booking.status == "approved").returning(Booking.id)
    moved = [r["id"] for r in rows]
    if moved:
        await BookingEvent.insert(*[BookingEvent(booking=b, action="deliver", from_status="approved",
                                                 to_status="fulfilled", at=now) for b in moved])
    return moved


class ChargeRepository:
    """Charges are only ever inserted and read."""

    async def insert(self, booking: Row, values: Row, now: datetime) -> None:
        await Charge.insert(Charge(
            id=uuid4(), booking=booking["id"], payer_unit=booking["requester_unit_id"],
            payee_unit=booking["owner_unit_id"], payer_municipality=booking["requester_municipality_id"],
            payee_municipality=booking["owner_municipality_id"], quantity=booking["quantity"],
            period_start=booking["period_start"], period_end=booking["period_end"], created_at=now, **values))

    async def of_booking(self, booking_id: UUID) -> list[Row]:
        return await Charge.select(
            *Charge.all_columns(exclude=["payer_unit", "payee_unit"]),
            Charge.payer_unit.id.as_alias("payer_unit_id"), Charge.payer_unit.name.as_alias("payer_unit_name"),
            Charge.payee_unit.id.as_alias("payee_unit_id"), Charge.payee_unit.name.as_alias("payee_unit_name"),
        ).where(Charge.booking == booking_id).order_by(Charge.created_at)

    async def insert_many(self, rows: list[Row], now: datetime) -> None:
        if rows:
            await Charge.insert(*[Charge(id=uuid4(), created_at=now, **row) for row in rows])

    async def requesters_of(self, booking_ids: list[UUID]) -> dict[UUID, Row]:
        """Who pays for these bookings: the requesting unit and municipality, and the listing's title."""
        return {row["id"]: row for row in await Booking.select(
            Booking.id, Booking.requester_unit, Booking.requester_municipality,
            Booking.listing.title.as_alias("title"),
        ).where(Booking.id.is_in(booking_ids))}

    async def payable_to(self, municipality_id: UUID) -> list[Row]:
        """Every charge a municipality is paid (the billing context copies them into invoice lines)."""
        return await Charge.select().where(Charge.payee_municipality == municipality_id)


_REMINDER_COLUMNS = (
    Booking.id,
    Booking.requester.as_alias("requester_id"),
    Booking.requester_municipality.as_alias("requester_municipality_id"),
    Booking.owner_municipality.as_alias("owner_municipality_id"),
    Booking.listing.title.as_alias("listing_title"),
    Booking.owner_unit.name.as_alias("owner_unit_name"),
    Booking.owner_municipality.name.as_alias("owner_municipality_name"),
    Booking.delivery_address,
    Booking.period_start,
    Booking.period_end,
)


def _physical():
    """Items someone collects and brings back: not service or staffing windows, not ex-users."""
    return (Booking.window.is_null() & Booking.listing.kind.is_in(list(PHYSICAL_KINDS))
            & Booking.requester.active.eq(True))


class ReminderRepository:
    """The daily reminders' reads: the system's, across every municipality; each reminder goes to the
    booking's own requester only."""

    async def pickups_on(self, day: date) -> list[Row]:
        """Approved bookings whose first day is `day` (a fulfilled one is already handed over)."""
        return await Booking.select(*_REMINDER_COLUMNS).where(
            Booking.status == "approved", Booking.period_start == day, _physical()
        ).order_by(Booking.id)

    async def returns_on(self, day: date) -> list[Row]:
        """Loans and rentals still out (or about to be) whose return day is `day`."""
        return await Booking.select(*_REMINDER_COLUMNS).where(
            Booking.status.is_in(["approved", "fulfilled"]), Booking.period_end == day,
            Booking.deal.is_in(list(LOAN_DEALS)), _physical(),
        ).order_by(Booking.id)


class FeedRepository:
    """Calendar feed tokens (their hashes) and who is behind a live one."""

    async def revoke_all(self, user_id: UUID, now: datetime) -> None:
        await CalendarFeed.update({CalendarFeed.revoked_at: now}).where(
            CalendarFeed.user == user_id, CalendarFeed.revoked_at.is_null())

    async def insert(self, user_id: UUID, hashed: str, now: datetime) -> None:
        await CalendarFeed.insert(CalendarFeed(id=uuid4(), user=user_id, token_hash=hashed, created_at=now))

    async def owner(self, hashed: str) -> Row | None:
        """The active user behind a live feed token, with their municipality and whether they drive."""
        feed = await CalendarFeed.select(CalendarFeed.user).where(
            CalendarFeed.token_hash == hashed, CalendarFeed.revoked_at.is_null()).first()
        if feed is None:
            return None
        user = await User.select(User.id, User.municipality, User.name, User.language).where(
            User.id == feed["user"], User.active.eq(True)).first()
        if user:
            user["driver"] = await UserRole.exists().where(UserRole.user == user["id"], UserRole.role == "driver")
        return user
