"""Rows the field-app browser tests scan: a shelf, a van, items with linked labels and,
for a driver, today's transport job carrying those items.

Run as `python -m tests.browser.seed <database url> <municipality> <items> [driver e-mail]`: the
live server owns its database, so the rows are written from a separate process, printed as JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import date, datetime
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from backend import clock
from backend.accounts.tables import Municipality, Unit, User
from backend.db import Database
from backend.piccolo_conf import use_engine
from tests.factories import make_code, make_item, make_location


def phone_today() -> date:
    """Today on a Swedish driver's phone (the browser runs in Stockholm's time zone, see conftest.py)."""
    return datetime.now(ZoneInfo("Europe/Stockholm")).date()


async def make_booking(municipality: UUID, driver: UUID, driver_unit: UUID, requester_email: str | None = None) -> UUID:
    """An approved booking by another unit (the driver's name on it, or the requester's when given), and a
    transport fee paid to the driver's unit."""
    from backend.bookings.tables import Booking
    from backend.catalog.tables import Listing
    from backend.transport.tables import TransportTariff

    other = await Unit.select(Unit.id).where(Unit.municipality == municipality, Unit.id != driver_unit).first()
    if requester_email:
        requester = await User.select(User.id, User.unit).where(User.email == requester_email).first()
        driver, other = requester["id"], {"id": requester["unit"]}
    now, listing, booking = clock.now(), uuid4(), uuid4()
    await Listing.insert(Listing(id=listing, municipality=municipality, owner_unit=driver_unit, kind="furniture",
                                 deal="give", title="Kontorsstolar", status="published", created_at=now,
                                 updated_at=now))
    await Booking.insert(Booking(id=booking, listing=listing, deal="give", status="approved", requester=driver,
                                 requester_unit=other["id"], requester_municipality=municipality,
                                 owner_unit=driver_unit, owner_municipality=municipality, period_start=phone_today(),
                                 delivery_address="Bryggaregatan 6, 274 30 Skurup", created_at=now, updated_at=now))
    if not await TransportTariff.exists().where(TransportTariff.municipality == municipality):
        await TransportTariff.insert(TransportTariff(id=uuid4(), municipality=municipality, fee_ore=45000,
                                                     payee_unit=driver_unit, updated_at=now))
    return booking


async def make_job(municipality: UUID, driver_email: str, shelf: UUID, items: list[UUID],
                   charged: bool = False, requester_email: str | None = None) -> tuple[UUID, UUID | None]:
    """A planned job for today, assigned to the driver: from the shelf to the library.

    charged: the job is a booking's, in a municipality with a transport fee (its delivery charges it).
    """
    from backend.transport.tables import TransportJob, TransportJobItem

    driver = await User.select(User.id, User.unit).where(User.email == driver_email).first()
    booking = await make_booking(municipality, driver["id"], driver["unit"], requester_email) if charged else None
    job = uuid4()
    now = clock.now()
    await TransportJob.insert(TransportJob(id=job, municipality=municipality, booking_id=booking,
                                           pickup_location=shelf,
                                           delivery_address="Bryggaregatan 6, 274 30 Skurup", wanted_date=phone_today(),
                                           driver=driver["id"], day=phone_today(), created_at=now, updated_at=now))
    for item in items:
        await TransportJobItem.insert(TransportJobItem(id=uuid4(), job=job, item=item))
    return job, booking


async def seed(url: str, municipality: str, items: int, driver_email: str | None = None,
               charged: bool = False, requester_email: str | None = None) -> dict:
    database = Database.from_url(url)
    use_engine(database.engine)
    await database.start()
    try:
        town = await Municipality.select(Municipality.id).where(Municipality.name == municipality).first()
        unit = await Unit.select(Unit.id).where(Unit.municipality == town["id"]).first()
        shelf = await make_location(town["id"], "Hylla B-2", "shelf")
        van = await make_location(town["id"], "Skåpbil ABC 123", "vehicle")
        rows = []
        for i in range(items):
            item = await make_item(town["id"], unit["id"], f"Kontorsstol {i + 1}", "in_storage", shelf)
            rows.append({"id": item, "code": await make_code(town["id"], item=item)})
        job, booking = (await make_job(town["id"], driver_email, shelf, [r["id"] for r in rows], charged,
                                       requester_email)
                        if driver_email else (None, None))
        return {
            "job": str(job) if job else None,
            "booking": str(booking) if booking else None,
            "shelf": {"id": str(shelf), "code": await make_code(town["id"], location=shelf)},
            "van": {"id": str(van), "code": await make_code(town["id"], location=van)},
            "items": [{"id": str(r["id"]), "code": r["code"]} for r in rows],
        }
    finally:
        await database.stop()


def seed_rows(url: str, municipality: str = "Skurup", items: int = 3, driver: str | None = None,
              charged: bool = False, requester: str | None = None) -> dict:
    """Seed from a child process (the tests' own event loop belongs to Playwright).

    charged: the driver's job belongs to a booking and the municipality charges a transport fee;
    requester: who asked for that booking (by default the driver).
    """
    import subprocess

    args = [sys.executable, "-m", "tests.browser.seed", url, municipality, str(items),
            *([driver] if driver else []), *(["charged"] if charged else []),
            *([f"requester={requester}"] if requester else [])]
    out = subprocess.run(args, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


if __name__ == "__main__":
    flags = sys.argv[5:]
    print(json.dumps(asyncio.run(seed(sys.argv[1], sys.argv[2], int(sys.argv[3]), *sys.argv[4:5],
                                      charged="charged" in flags,
                                      requester_email=next((f.split("=", 1)[1] for f in flags
                                                            if f.startswith("requester=")), None)))))
