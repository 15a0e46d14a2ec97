"""Bookings storage: requests and their holds on items, the step log, charges, policies, feeds.

Periods are half-open date ranges [period_start, period_end): a loan from 1 to 5 December
means the borrower has it on the 1st–4th and the next borrower may take it on the 5th. A give
or sale has no end (NULL = for ever). Service and staffing bookings take seats in a window.
"""

from __future__ import annotations

from piccolo.columns import UUID, Boolean, Date, ForeignKey, Integer, OnDelete, Text, Timestamptz, Varchar
from piccolo.table import Table

from backend.accounts.tables import Municipality, Unit, User
from backend.catalog.tables import AvailabilityWindow, Item, Listing

STATUSES = ("requested", "approved", "declined", "fulfilled", "returned", "completed", "cancelled", "expired")
ACTIVE = ("requested", "approved", "fulfilled")
CHARGE_KINDS = ("rent", "sale", "transport")


class Booking(Table):
    """A förfrågan/bokning: one unit asks another unit (maybe in another municipality) for a listing."""

    id = UUID(primary_key=True)
    listing = ForeignKey(references=Listing, null=False, on_delete=OnDelete.restrict, index=True)
    window = ForeignKey(references=AvailabilityWindow, null=True, default=None, on_delete=OnDelete.restrict,
                        index=True)
    deal = Varchar(length=10)
    status = Varchar(length=12, default="requested")  # indexed with period_start (booking_status_start)
    requester = ForeignKey(references=User, null=False, on_delete=OnDelete.restrict, index=True)
    requester_unit = ForeignKey(references=Unit, null=False, on_delete=OnDelete.restrict)
    requester_municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    owner_unit = ForeignKey(references=Unit, null=False, on_delete=OnDelete.restrict, index=True)
    owner_municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    quantity = Integer(default=1)
    period_start = Date()
    period_end = Date(null=True, default=None)
    note = Text(default="")
    delivery_address = Varchar(length=300, default="")
    wanted_date = Date(null=True, default=None)
    # Who takes the delivery and where in the building, and the part of the day ("08-12", "12-16",
    # "08-16"); a loan's return trip is fetched from the same place on its return day.
    delivery_window = Varchar(length=5, default="")
    recipient_name = Varchar(length=100, default="")
    recipient_phone = Varchar(length=30, default="")
    delivery_room = Varchar(length=100, default="")
    displaces_purchase = Boolean(default=False)
    version = Integer(default=1)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class BookingItem(Table):
    """One physical item a booking holds for its period. `holds` is what the exclusion constraint sees."""

    id = UUID(primary_key=True)
    booking = ForeignKey(references=Booking, null=False, on_delete=OnDelete.cascade, index=True)
    item = ForeignKey(references=Item, null=False, on_delete=OnDelete.restrict, index=True)
    period_start = Date()
    period_end = Date(null=True, default=None)
    holds = Boolean(default=True)


class BookingEvent(Table):
    """Each step of a booking: who, when, from which status to which, and why (decline/cancel)."""

    id = UUID(primary_key=True)
    booking = ForeignKey(references=Booking, null=False, on_delete=OnDelete.cascade, index=True)
    actor = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    action = Varchar(length=20)
    from_status = Varchar(length=12, default="")
    to_status = Varchar(length=12)
    reason = Varchar(length=500, default="")
    at = Timestamptz()


class Charge(Table):
    """An immutable money record between cost centres (never updated; reversals are new rows)."""

    id = UUID(primary_key=True)
    booking = ForeignKey(references=Booking, null=False, on_delete=OnDelete.restrict, index=True)
    kind = Varchar(length=10)
    payer_unit = ForeignKey(references=Unit, null=False, on_delete=OnDelete.restrict, index=True)
    payee_unit = ForeignKey(references=Unit, null=False, on_delete=OnDelete.restrict, index=True)
    payer_municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    payee_municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    amount_ore = Integer()
    quantity = Integer(default=1)
    period_start = Date(null=True, default=None)
    period_end = Date(null=True, default=None)
    description = Varchar(length=300, default="")
    created_at = Timestamptz(index=True)


class ApprovalPolicy(Table):
    """A unit's auto-approve rules: requests from inside the municipality that need no person."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    unit = ForeignKey(references=Unit, null=False, on_delete=OnDelete.cascade, unique=True)
    internal_deals = Varchar(length=40, default="")
    version = Integer(default=1)
    updated_at = Timestamptz()


class CalendarFeed(Table):
    """A personal iCalendar feed: only the hash of its secret URL token is stored; revocable."""

    id = UUID(primary_key=True)
    user = ForeignKey(references=User, null=False, on_delete=OnDelete.cascade, index=True)
    token_hash = Varchar(length=64, unique=True)
    created_at = Timestamptz()
    revoked_at = Timestamptz(null=True, default=None)
