"""The bookings API contract."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec

from backend.schemas import Schema, ShortText, Version
from backend.transport.schemas import ProofRead

Quantity = Annotated[int, msgspec.Meta(ge=1, le=1000)]
Reason = Annotated[str, msgspec.Meta(min_length=1, max_length=500, pattern=r"^[^\x00-\x1f\x7f-\x9f\ud800-\udfff]*$")]
Deal = Literal["give", "lend", "rent", "sell"]
# One meaning of a loan's dates everywhere (API, app, calendars, notifications): `start` is the first
# day the borrower has it, `end` the return day, the day it comes back. The item is held for
# [start, end): free for the next borrower from the return day on.
StartDay = Annotated[date, msgspec.Meta(description="The first day: a loan's or rental's first day with the "
                                                    "item; for a give or sale the day it is wanted.")]
ReturnDay = Annotated[date, msgspec.Meta(description="The return day, as the person entered it: the day the item "
                                                     "comes back. It is free for the next booking from this day "
                                                     "(the period held is [start, end)). Shown as it is, never a "
                                                     "day earlier. None for gives and sales.")]
# The part of the delivery day: morning, afternoon or the whole working day ("" = any time).
DeliveryWindow = Annotated[Literal["", "08-12", "12-16", "08-16"], msgspec.Meta(
    description="When on the delivery day (and a loan's return day) the driver may come.")]
PersonName = Annotated[str, msgspec.Meta(max_length=100, pattern=r"^[^\x00-\x1f\x7f-\x9f\ud800-\udfff]*$")]
# Empty, or a phone number: digits with an optional leading +, spaces, dashes and brackets, 6–20 digits.
Phone = Annotated[str, msgspec.Meta(max_length=30, pattern=r"^(\+?[0-9][0-9 ()-]{5,28})?$")]
Room = Annotated[str, msgspec.Meta(max_length=100, pattern=r"^[^\x00-\x1f\x7f-\x9f\ud800-\udfff]*$")]
Status = Literal["requested", "approved", "declined", "fulfilled", "returned", "completed", "cancelled", "expired"]


class BookingCreate(Schema, kw_only=True):
    """A request. Loans and rentals give [start, end) dates; services a window; gives and sales a quantity."""

    listing_id: UUID
    quantity: Quantity = 1
    start: StartDay | None = None
    end: ReturnDay | None = None
    window_id: UUID | None = None
    note: ShortText = ""
    delivery_address: ShortText = ""
    wanted_date: Annotated[date | None, msgspec.Meta(
        description="The delivery day (defaults to the first day); for a loan before its return day.")] = None
    delivery_window: DeliveryWindow = ""
    recipient_name: Annotated[PersonName, msgspec.Meta(description="Who takes the delivery (needs an address).")] = ""
    recipient_phone: Annotated[Phone, msgspec.Meta(description="The recipient's phone (needs an address).")] = ""
    delivery_room: Annotated[Room, msgspec.Meta(description="Building, floor or room (needs an address).")] = ""
    displaces_purchase: bool = False
    purchase_check_id: Annotated[UUID | None, msgspec.Meta(
        description="The purchase check that led here: it is decided as reused through this booking, and the "
                    "booking counts as displacing a purchase.")] = None
    id: UUID | None = None


class Ref(Schema, kw_only=True):
    id: UUID
    name: str


class ListingRef(Schema, kw_only=True):
    id: UUID
    title: str
    kind: str
    deal: str


class WindowRef(Schema, kw_only=True):
    id: UUID
    starts_at: datetime
    ends_at: datetime


class TransportRead(Schema, kw_only=True):
    """Where the booking's delivery stands: planned, assigned (with its day), in transit, done or cancelled."""

    status: str
    day: date | None
    wanted_date: date | None
    # A loan's return trip, booked with the delivery: when it is fetched back.
    return_date: date | None = None
    return_status: str | None = None
    # The recipient's receipt, once the delivery is signed for.
    proof: ProofRead | None = None


class EventRead(Schema, kw_only=True):
    action: str
    from_status: str
    to_status: str
    reason: str
    actor: Ref | None
    at: datetime


class QuoteRead(Schema, kw_only=True):
    """What deciding on a request needs besides the request: what it costs and a photo of the thing."""

    price_ore: int
    transport_ore: int
    trips: int
    photo_url: str | None


class BookingRead(Schema, kw_only=True):
    id: UUID
    status: str
    deal: str
    listing: ListingRef
    quantity: int
    start: StartDay
    end: ReturnDay | None
    window: WindowRef | None
    requester: Ref
    requester_unit: Ref
    requester_municipality: Ref
    owner_unit: Ref
    owner_municipality: Ref
    note: str
    delivery_address: str
    wanted_date: date | None
    displaces_purchase: bool
    delivery_window: str
    recipient_name: str
    recipient_phone: str
    delivery_room: str
    item_ids: list[UUID]
    next_step: str
    actions: list[str]
    version: int
    created_at: datetime
    events: list[EventRead] = msgspec.field(default_factory=list)
    transport: TransportRead | None = None
    # On one booking and in the queue to answer, not in the requester's own list.
    quote: QuoteRead | None = None


class ReasonBody(Schema, kw_only=True):
    reason: Reason


class Empty(Schema, kw_only=True):
    """Nothing but the URL is needed."""


class Period(Schema, kw_only=True):
    """A half-open range of days [start, end): `end` is the first day after it (a return day)."""

    start: date
    end: date | None


class ItemAvailability(Schema, kw_only=True):
    id: UUID
    title: str
    busy: list[Period]
    free: list[Period]


class DayAvailability(Schema, kw_only=True):
    date: date
    free: int


class WindowAvailability(Schema, kw_only=True):
    id: UUID
    starts_at: datetime
    ends_at: datetime
    capacity: int
    remaining: int


class AvailabilityRead(Schema, kw_only=True):
    listing_id: UUID
    kind: str
    deal: str
    start: date
    end: date
    items: list[ItemAvailability]
    days: list[DayAvailability]
    windows: list[WindowAvailability]
    # What delivery by the owner's AME costs the requesting unit per booking (0: free).
    transport_fee_ore: int = 0


class PolicyRead(Schema, kw_only=True):
    unit_id: UUID
    internal_deals: list[str]
    version: int


class PolicyUpdate(Schema, kw_only=True):
    internal_deals: Annotated[list[Deal], msgspec.Meta(max_length=4)]
    version: Version | None = None


class ChargeRead(Schema, kw_only=True):
    id: UUID
    booking_id: UUID
    kind: str
    payer_unit: Ref
    payee_unit: Ref
    amount_ore: int
    quantity: int
    period_start: date | None
    period_end: date | None
    description: str
    created_at: datetime


class FeedRead(Schema, kw_only=True):
    url: str
    created_at: datetime


