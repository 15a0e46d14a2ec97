"""Rows the field-app browser tests scan: a shelf, a van, items with linked labels and,
for a driver, today's transport job carrying those items.

Run as `python -m tests.browser.seed <database url> <municipality> <items> [driver e-mail]`: the
live server owns its database, so the rows are written from a separate process, printed as JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys
from datetime import date
from uuid import UUID, uuid4

from backend import clock
from backend.accounts.tables import Municipality, Unit, User
from backend.db import Database
from backend.piccolo_conf import use_engine
from tests.factories import make_code, make_item, make_location


async def make_job(municipality: UUID, driver_email: str, shelf: UUID, items: list[UUID]) -> UUID:
    """A planned job for today, assigned to the driver: from the shelf to the library."""
    from backend.transport.tables import TransportJob, TransportJobItem

    driver = await User.select(User.id).where(User.email == driver_email).first()
    job = uuid4()
    now = clock.now()
    await TransportJob.insert(TransportJob(id=job, municipality=municipality, pickup_location=shelf,
                                           delivery_address="Bryggaregatan 6, 274 30 Skurup", wanted_date=date.today(),
                                           driver=driver["id"], day=date.today(), created_at=now, updated_at=now))
    for item in items:
        await TransportJobItem.insert(TransportJobItem(id=uuid4(), job=job, item=item))
    return job


async def seed(url: str, municipality: str, items: int, driver_email: str | None = None) -> dict:
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
        job = await make_job(town["id"], driver_email, shelf, [r["id"] for r in rows]) if driver_email else None
        return {
            "job": str(job) if job else None,
            "shelf": {"id": str(shelf), "code": await make_code(town["id"], location=shelf)},
            "van": {"id": str(van), "code": await make_code(town["id"], location=van)},
            "items": [{"id": str(r["id"]), "code": r["code"]} for r in rows],
        }
    finally:
        await database.stop()


def seed_rows(url: str, municipality: str = "Skurup", items: int = 3, driver: str | None = None) -> dict:
    """Seed from a child process (the tests' own event loop belongs to Playwright)."""
    import subprocess

    args = [sys.executable, "-m", "tests.browser.seed", url, municipality, str(items), *([driver] if driver else [])]
    out = subprocess.run(args, check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(seed(sys.argv[1], sys.argv[2], int(sys.argv[3]), *sys.argv[4:5]))))
