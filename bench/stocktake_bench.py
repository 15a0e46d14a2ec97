"""Stocktake figures on a real database: a whole warehouse of 2,000 scans counted and applied.

Run: .venv/bin/python bench/stocktake_bench.py [sqlite|postgres ...]   (default: SQLite, then PostgreSQL)
A site with 4 rooms of 10 shelves holds 2,000 labelled items; 1,900 of them are counted, with 100 items
from another site (unexpected), as 2,000 scans sent as the outbox sends them (batches of 500). Then:
  - the 4 batches: seconds for all of them
  - applying the stocktake: 100 items moved, 100 flagged missing, verdicts for 2,100; with the scans
    together the target is <= 2 s (the issue asked <= 10 s)
  - reading the applied result with its lists
"""

from __future__ import annotations

import sys
import time
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from per_database import main_per_database

from backend import clock
from backend.catalog.tables import Item
from backend.codes.tables import Code
from backend.db import Database
from backend.locations.tables import Location
from backend.piccolo_conf import use_engine
from backend.tenancy import Actor
from backend.tracking.schemas import ScanEventIn, StocktakeCreate
from backend.tracking.service import ScanService
from backend.tracking.stocktakes import StocktakeService
from labels import new_codes
from tests.factories import make_tenant, make_user

EXPECTED, COUNTED, STRAYS, BATCH = 2000, 1900, 100, 500
TARGET_S = 2.0


async def warehouse(database: Database, tenant) -> tuple[object, list[str], list[str]]:
    """The site, its shelves and items, and the strays on another site; the codes counted and the strays' codes."""
    now, mid = clock.now(), tenant.id
    site, other = uuid4(), uuid4()
    places = [Location(id=site, municipality=mid, kind="site", name="Lager Norregatan", created_at=now),
              Location(id=other, municipality=mid, kind="site", name="Lager Hamnen", created_at=now)]
    shelves = []
    for r in range(4):
        room = uuid4()
        places.append(Location(id=room, municipality=mid, parent=site, kind="room", name=f"Rum {r}", created_at=now))
        for s in range(10):
            shelves.append(uuid4())
            places.append(Location(id=shelves[-1], municipality=mid, parent=room, kind="shelf", name=f"Hylla {r}-{s}",
                                   created_at=now))
    items = [Item(id=uuid4(), municipality=mid, owner_unit=tenant.ame_unit, title=f"Kontorsstol {i}",
                  state="in_storage", location=shelves[i % len(shelves)], created_at=now) for i in range(EXPECTED)]
    items += [Item(id=uuid4(), municipality=mid, owner_unit=tenant.ame_unit, title=f"Whiteboard {i}",
                   state="in_storage", location=other, created_at=now) for i in range(STRAYS)]
    texts = new_codes(len(items))
    async with database.write():
        await Location.insert(*places)
        for start in range(0, len(items), 500):
            await Item.insert(*items[start:start + 500])
            await Code.insert(*[Code(id=uuid4(), text=texts[i], municipality=mid, status="linked", item=items[i].id,
                                     created_at=now) for i in range(start, min(start + 500, len(items)))])
    return site, texts[:COUNTED], texts[EXPECTED:]


async def run(kind: str, url: str) -> None:
    database = Database.from_url(url)
    await database.start()
    use_engine(database.engine)
    try:
        tenant = await make_tenant("Ystad")
        user = await make_user(tenant.id, tenant.ame_unit, "lager@ystad.test", "warehouse")
        actor = Actor(user_id=user, municipality_id=tenant.id, unit_id=tenant.ame_unit,
                      roles=frozenset({"warehouse"}), session_id=uuid4())
        site, counted, strays = await warehouse(database, tenant)
        stocktake = (await StocktakeService(database, actor).start(StocktakeCreate(id=uuid4(), location_id=site)))[0]
        now = datetime.now(UTC)
        events = [ScanEventIn(id=uuid4(), code=code, action="stocktake", device_time=now, stocktake_id=stocktake["id"])
                  for code in counted + strays]
        start = time.perf_counter()
        for first in range(0, len(events), BATCH):
            results = await ScanService(database, actor).record(events[first:first + BATCH])
            assert all(r.status == "applied" for r in results), {r.reason for r in results}
        scans_s = time.perf_counter() - start
        start = time.perf_counter()
        result = await StocktakeService(database, actor).apply(stocktake["id"])
        apply_s = time.perf_counter() - start
        assert (result["found_count"], result["missing_count"], result["unexpected_count"]) == (
            COUNTED, EXPECTED - COUNTED, STRAYS), result["status"]
        start = time.perf_counter()
        await StocktakeService(database, actor).get(stocktake["id"])
        read_ms = (time.perf_counter() - start) * 1000
        total = scans_s + apply_s
        print(f"[{kind}] stocktake of {len(events)} scans ({EXPECTED} expected, {STRAYS} unexpected): "
              f"scans {scans_s:.2f} s in {len(events) // BATCH} batches, apply {apply_s:.2f} s "
              f"({STRAYS} moved, {EXPECTED - COUNTED} flagged missing), together {total:.2f} s "
              f"(target <= {TARGET_S:.0f} s: {'met' if total <= TARGET_S else 'MISSED'}); "
              f"applied result read in {read_ms:.0f} ms")
    finally:
        await database.stop()


if __name__ == "__main__":
    main_per_database(__file__, "stocktake", run)
