"""Money hooks: approved rentals and sales, and delivered transport jobs, become immutable
charges between cost centres.

A charge is never updated. Cancelling after approval adds a reversing charge of the opposite
sign, so the invoice basis of any period is the plain sum of its rows.
"""

from __future__ import annotations

import math
from datetime import date, datetime
from uuid import UUID

from backend.bookings.repository import LOAN_DEALS, ChargeRepository, Row, fulfil_delivered, listings_by_id
from backend.transport.hooks import on_jobs_done
from backend.transport.repository import ScanRepository, TariffRepository
from backend.vocabulary import PHYSICAL_KINDS

PERIOD_DAYS = {"day": 1, "week": 7, "month": 30}
# The invoice line says what was rented for how long, in Swedish as the invoice basis is.
_PERIOD_WORDS = {"hour": ("timme", "timmar"), "day": ("dag", "dagar"), "week": ("vecka", "veckor"),
                 "month": ("månad", "månader")}


def rent_units(start: date, end: date, rent_period: str) -> int:
    """How many started rent periods [start, end) covers: 8 days at a weekly price is 2 weeks."""
    return max(1, math.ceil((end - start).days / PERIOD_DAYS.get(rent_period or "day", 1)))


def charge_for(booking: Row, listing: Row) -> Row | None:
    """The charge an approval creates, or None for gives, loans and free listings."""
    price = listing["price_ore"] or 0
    if price <= 0 or booking["deal"] not in ("rent", "sell"):
        return None
    quantity, title = booking["quantity"], listing["title"]
    if booking["deal"] == "sell":
        return {"kind": "sale", "amount_ore": price * quantity, "description": f"Köp: {title}"}
    if booking["window_id"] and listing["rent_period"] == "hour":
        # A service's price is per hour of the window booked, each started hour counted.
        units = max(1, math.ceil((booking["window_ends_at"] - booking["window_starts_at"]).total_seconds() / 3600))
    elif booking["window_id"] or booking["period_end"] is None:
        units = 1
    else:
        units = rent_units(booking["period_start"], booking["period_end"], listing["rent_period"])
    one, many = _PERIOD_WORDS.get(listing["rent_period"] or "day", ("", ""))
    return {"kind": "rent", "amount_ore": price * units * quantity,
            "description": f"Hyra: {title}, {units} {one if units == 1 else many}".rstrip()}


async def with_quotes(rows: list[Row]) -> list[Row]:
    """Give each booking what deciding on it needs: the price an approval charges, the transport fee
    (there and back for a loan delivered) and the listing's first photo."""
    if not rows:
        return rows
    listings = await listings_by_id(list({r["listing_id"] for r in rows}))
    tariffs = await TariffRepository().of_many(list({r["owner_municipality_id"] for r in rows}))
    for row in rows:
        listing = listings.get(row["listing_id"])
        if listing is None:
            continue
        charge = charge_for(row, listing)
        fee = (tariffs.get(row["owner_municipality_id"]) or {}).get("fee_ore") or 0
        delivered = bool(row["delivery_address"]) and listing["kind"] in PHYSICAL_KINDS
        trips = (2 if row["deal"] in LOAN_DEALS and not row["window_id"] else 1) if delivered else 0
        row["quote"] = {"price_ore": charge["amount_ore"] if charge else 0, "transport_ore": fee * trips,
                        "trips": trips, "photo_id": listing["photo_id"]}
    return rows


async def on_approved(booking: Row, listing: Row, now: datetime) -> None:
    values = charge_for(booking, listing)
    if values:
        await ChargeRepository().insert(booking, values, now)


async def on_cancelled(booking: Row, now: datetime) -> None:
    """Reverse whatever the booking has been charged so far, one row per kind."""
    totals: dict[str, int] = {}
    for charge in await ChargeRepository().of_booking(booking["id"]):
        totals[charge["kind"]] = totals.get(charge["kind"], 0) + charge["amount_ore"]
    for kind, total in totals.items():
        if total:
            description = f"Återföring, avbokad: {booking['listing_title']}"[:300]
            await ChargeRepository().insert(booking, {"kind": kind, "amount_ore": -total, "description": description},
                                             now)


@on_jobs_done
async def on_jobs_done_charge(job_ids: list[UUID], now: datetime, delivered: bool) -> None:
    """Inside the write that finished the jobs: charge their fees; a delivery also fulfils the bookings."""
    await charge_transport(job_ids, now)
    if delivered:
        bookings = await ScanRepository().bookings_of(job_ids)
        if bookings:
            await fulfil_delivered(bookings, now)


async def charge_transport(job_ids: list[UUID], now: datetime) -> None:
    """Each job of a booking charges its tariff's fee.

    The requesting unit pays the unit named in the tariff of the municipality that drove. No
    tariff, a zero fee, or a unit that drove for itself charges nothing. A job becomes done only
    once (from an open status), so it is charged once.
    """
    jobs = await ScanRepository().of_bookings(job_ids)
    tariffs = await TariffRepository().of_many(list({job["municipality"] for job in jobs})) if jobs else {}
    charged = [job for job in jobs if tariffs.get(job["municipality"], {}).get("fee_ore")]
    if not charged:
        return
    repository = ChargeRepository()
    bookings = await repository.requesters_of([job["booking_id"] for job in charged])
    rows = []
    for job in charged:
        booking, tariff = bookings.get(job["booking_id"]), tariffs[job["municipality"]]
        if booking is None or booking["requester_unit"] == tariff["payee_unit_id"]:
            continue
        rows.append({
            "booking": booking["id"], "kind": "transport", "payer_unit": booking["requester_unit"],
            "payee_unit": tariff["payee_unit_id"], "payer_municipality": booking["requester_municipality"],
            "payee_municipality": job["municipality"], "amount_ore": tariff["fee_ore"], "quantity": 1,
            "description": f"Transport: {booking['title']}"[:300]})
    await repository.insert_many(rows, now)
