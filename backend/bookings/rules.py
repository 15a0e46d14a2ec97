"""Pure booking rules: periods, who may act, and what happens next. No database, no HTTP."""

from __future__ import annotations

from datetime import date, datetime, timedelta

from backend.bookings import schemas
from backend.bookings.repository import Row
from backend.errors import Invalid
from backend.tenancy import Actor
from backend.vocabulary import local_day

MAX_DAYS = 366
LOANS = ("lend", "rent")
OWNER_HELPERS = ("driver", "warehouse", "coordinator")


def local_today(now: datetime) -> date:
    return local_day(now)


def period_for(listing: Row, data: schemas.BookingCreate, today: date) -> tuple[date, date | None]:
    """The half-open date range a physical request holds; refuses backwards, past and too long."""
    if data.window_id:
        raise Invalid("Only service and staffing listings are booked in windows.", error="no_windows")
    if listing["deal"] in LOANS:
        if data.start is None or data.end is None:
            raise Invalid("A loan or rental needs a start and an end date.", error="period_required")
        start, end = data.start, data.end
        if end <= start:
            raise Invalid("The period ends before it starts.", error="end_before_start")
        if (end - start).days > MAX_DAYS:
            raise Invalid(f"A period can be at most {MAX_DAYS} days.", error="too_long")
    else:
        if data.end is not None:
            raise Invalid("A give or a sale has no end date.", error="no_end_date")
        start, end = data.start or today, None
    if start < today:
        raise Invalid("The period starts in the past.", error="in_the_past")
    if start - today > timedelta(days=MAX_DAYS):
        raise Invalid(f"Bookings can start at most {MAX_DAYS} days ahead.", error="too_far_ahead")
    if listing["available_from"] and start < listing["available_from"]:
        raise Invalid(f"It is available from {listing['available_from']}.", error="not_yet_available")
    if listing["available_until"] and (end is None or end > listing["available_until"] + timedelta(days=1)):
        raise Invalid(f"It is available until {listing['available_until']}.", error="after_available_until")
    return start, end


def delivery_for(data: schemas.BookingCreate, start: date, end: date | None) -> Row:
    """The delivery details of a physical request, checked: they need an address, and the delivery
    day falls within the period (on or after the first day, before a loan's return day)."""
    details = {"delivery_address": data.delivery_address.strip(), "wanted_date": data.wanted_date,
               "delivery_window": data.delivery_window, "recipient_name": data.recipient_name.strip(),
               "recipient_phone": data.recipient_phone.strip(), "delivery_room": data.delivery_room.strip()}
    if not details["delivery_address"]:
        if any(details[k] for k in ("delivery_window", "recipient_name", "recipient_phone", "delivery_room")):
            raise Invalid("Delivery details need a delivery address.", error="address_required")
        return details
    if data.wanted_date is not None:
        if data.wanted_date < start:
            raise Invalid("The delivery day is before the first day.", error="delivery_before_start")
        if end is not None and data.wanted_date >= end:
            raise Invalid("The delivery day must be before the return day.", error="delivery_after_end")
    return details


def is_owner_side(actor: Actor, booking: Row, *also: str) -> bool:
    """The owning unit's people, the owner municipality's coordinators (and any extra roles)."""
    if actor.municipality_id != booking["owner_municipality_id"]:
        return False
    return actor.unit_id == booking["owner_unit_id"] or actor.has_any("coordinator", *also)


def may_see(actor: Actor, booking: Row) -> bool:
    if actor.user_id == booking["requester_id"] or is_owner_side(actor, booking, *OWNER_HELPERS, "admin"):
        return True
    return actor.municipality_id == booking["requester_municipality_id"] and (
        actor.unit_id == booking["requester_unit_id"] or actor.has_any("coordinator", "admin"))


def may_cancel(actor: Actor, booking: Row) -> bool:
    return actor.user_id == booking["requester_id"] or is_owner_side(actor, booking)


# The transitions: action → (statuses it starts from, status it leads to).
TRANSITIONS = {
    "approve": (("requested",), "approved"),
    "decline": (("requested",), "declined"),
    "fulfil": (("approved",), "fulfilled"),
    "return": (("fulfilled",), "returned"),
    "complete": (("fulfilled", "returned"), "completed"),
    "cancel": (("requested", "approved"), "cancelled"),
}


def allowed_from(action: str, booking: Row) -> tuple[str, ...]:
    """Statuses `action` may start from for this booking: loans must come back before completing."""
    starts, _ = TRANSITIONS[action]
    if action == "return" and booking["deal"] not in LOANS:
        return ()
    if action == "complete" and booking["deal"] in LOANS and not booking["window_id"]:
        return ("returned",)
    return starts


def actions_for(actor: Actor, booking: Row) -> list[str]:
    """What this actor can do with the booking now, so the PWA shows only those buttons."""
    found = []
    for action in TRANSITIONS:
        if booking["status"] not in allowed_from(action, booking):
            continue
        if action == "cancel":
            ok = may_cancel(actor, booking)
        elif action in ("approve", "decline"):
            ok = is_owner_side(actor, booking)
        else:
            ok = is_owner_side(actor, booking, *OWNER_HELPERS)
        if ok:
            found.append(action)
    # Whoever may decline a request answers it that way: "Avboka" beside "Avböj" would be two names for one no.
    return [a for a in found if a != "cancel"] if "decline" in found else found


def next_step(booking: Row) -> str:
    """A code for what happens next; the PWA turns it into a sentence."""
    status, loan = booking["status"], booking["deal"] in LOANS and not booking["window_id"]
    if status == "requested":
        return "await_approval"
    if status == "approved":
        return "await_delivery" if booking["delivery_address"] else "await_pickup"
    if status == "fulfilled":
        return "return_by_end" if loan else "await_completion"
    if status == "returned":
        return "await_completion"
    return "none"
