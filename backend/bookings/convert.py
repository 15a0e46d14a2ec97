"""Rows to API structs for the bookings context."""

from __future__ import annotations

from uuid import UUID

from backend.bookings import schemas
from backend.bookings.repository import Row
from backend.bookings.rules import actions_for, next_step
from backend.tenancy import Actor
from backend.transport.schemas import proof_read


def _ref(row: Row, prefix: str) -> schemas.Ref:
    return schemas.Ref(id=row[f"{prefix}_id"], name=row[f"{prefix}_name"])


def booking_read(row: Row, actor: Actor) -> schemas.BookingRead:
    window = None
    if row["window_id"]:
        window = schemas.WindowRef(id=row["window_id"], starts_at=row["window_starts_at"],
                                   ends_at=row["window_ends_at"])
    return schemas.BookingRead(
        id=row["id"], status=row["status"], deal=row["deal"],
        listing=schemas.ListingRef(id=row["listing_id"], title=row["listing_title"], kind=row["listing_kind"],
                                   deal=row["deal"]),
        quantity=row["quantity"], start=row["period_start"], end=row["period_end"], window=window,
        requester=_ref(row, "requester"), requester_unit=_ref(row, "requester_unit"),
        requester_municipality=_ref(row, "requester_municipality"), owner_unit=_ref(row, "owner_unit"),
        owner_municipality=_ref(row, "owner_municipality"), note=row["note"],
        delivery_address=row["delivery_address"], wanted_date=row["wanted_date"],
        displaces_purchase=row["displaces_purchase"], delivery_window=row["delivery_window"],
        recipient_name=row["recipient_name"], recipient_phone=row["recipient_phone"],
        delivery_room=row["delivery_room"], item_ids=row.get("item_ids", []),
        next_step=next_step(row), actions=actions_for(actor, row), version=row["version"],
        created_at=row["created_at"], events=[event_read(e) for e in row.get("events", [])],
        transport=transport_read(row["id"], row["transport"]) if row.get("transport") else None,
        quote=quote_read(row["quote"]) if row.get("quote") else None)


def transport_read(booking_id: UUID, transport: Row) -> schemas.TransportRead:
    proof = proof_read(transport.get("proof"), f"/api/bookings/{booking_id}/delivery-proof")
    return schemas.TransportRead(**{**transport, "proof": proof})


def quote_read(quote: Row) -> schemas.QuoteRead:
    photo = quote["photo_id"]
    return schemas.QuoteRead(price_ore=quote["price_ore"], transport_ore=quote["transport_ore"], trips=quote["trips"],
                             photo_url=f"/api/photos/{photo}/thumb" if photo else None)


def event_read(row: Row) -> schemas.EventRead:
    actor = schemas.Ref(id=row["actor_id"], name=row["actor_name"]) if row["actor_id"] else None
    return schemas.EventRead(action=row["action"], from_status=row["from_status"], to_status=row["to_status"],
                             reason=row["reason"], actor=actor, at=row["at"])


def availability_read(found: Row) -> schemas.AvailabilityRead:
    listing = found["listing"]
    return schemas.AvailabilityRead(
        listing_id=listing["id"], kind=listing["kind"], deal=listing["deal"], start=found["start"], end=found["end"],
        items=[schemas.ItemAvailability(
            id=i["id"], title=i["title"],
            busy=[schemas.Period(start=s, end=e) for s, e in i["busy"]],
            free=[schemas.Period(start=s, end=e) for s, e in i["free"]]) for i in found["items"]],
        days=[schemas.DayAvailability(date=d, free=n) for d, n in found["days"]],
        windows=[schemas.WindowAvailability(id=w["id"], starts_at=w["starts_at"], ends_at=w["ends_at"],
                                            capacity=w["capacity"], remaining=w["remaining"])
                 for w in found["windows"]],
        transport_fee_ore=found.get("transport_fee_ore", 0))


def charge_read(row: Row) -> schemas.ChargeRead:
    return schemas.ChargeRead(
        id=row["id"], booking_id=row["booking"], kind=row["kind"], payer_unit=_ref(row, "payer_unit"),
        payee_unit=_ref(row, "payee_unit"), amount_ore=row["amount_ore"], quantity=row["quantity"],
        period_start=row["period_start"], period_end=row["period_end"], description=row["description"],
        created_at=row["created_at"])
