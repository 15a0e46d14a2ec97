"""Report and invoice-basis figures on a real database: the network report over a year, a month's export.

Run: .venv/bin/python bench/reports_bench.py [sqlite|postgres ...]   (default: both when PostgreSQL answers)
  - network report (3 municipalities, 12 months, 100,000 impact entries): service call with its SQL
    aggregates plus the four SVG charts, median of 7 runs (target <= 500 ms)
  - invoice-basis export of a month with 10,000 lines (CSV, UBL per counterpart, lock): median of 3 months;
    and the second export of a locked month (returns the stored file)
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import uuid4

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from per_database import main_per_database

from backend import clock
from backend.accounts.tables import Municipality
from backend.billing.service import BillingService
from backend.billing.tables import InvoiceLine
from backend.db import Database
from backend.demo import data
from backend.demo.history import CATEGORIES, _months
from backend.demo.seed import demo_id, seed
from backend.impact import charts
from backend.impact.controller import CATEGORY_NAMES
from backend.impact.ledger import compute
from backend.impact.reports import ReportService
from backend.impact.tables import ImpactEntry, ImpactFactor
from backend.piccolo_conf import use_engine
from backend.tenancy import Actor
from backend.vocabulary import month_of

ENTRIES = 100_000
LINES = 10_000
EXPORT_MONTHS = ("2024-01", "2024-02", "2024-03")
REPORT_TARGET_MS = 500


def actor(role: str) -> Actor:
    return Actor(user_id=demo_id("Ystad", "user", f"samordnare@ystad.{data.DOMAIN}"), municipality_id=demo_id("Ystad"),
                 unit_id=demo_id("Ystad", "Arbetsmarknadsenheten"), roles=frozenset({role}), session_id=uuid4())


async def fill_entries(database: Database) -> None:
    """Top the demo history up to ENTRIES impact entries spread over the last twelve months."""
    rng, now = random.Random(7), clock.now()
    factors = {r["category_slug"]: r for r in await ImpactFactor.select().where(ImpactFactor.municipality.is_null())}
    months, towns = _months(now), list(data.MUNICIPALITIES)
    rows = []
    for _ in range(ENTRIES - await ImpactEntry.count()):
        town = rng.choice(towns)
        slug, _, weight = rng.choice(CATEGORIES)
        factor = factors.get(slug) or factors["*"]
        at = min(rng.choice(months) + timedelta(days=rng.randrange(28)), now - timedelta(hours=1))
        co2e, saved, waste = compute(factor, quantity=1, paid_ore=0, weight_g=weight)
        rows.append(ImpactEntry(
            id=uuid4(), municipality=demo_id(town), unit=demo_id(town, rng.choice(data.UNITS)[0]), category_slug=slug,
            deal=rng.choice(("give", "sell", "lend", "rent")), quantity=1, paid_ore=0, co2e_g=co2e, saved_ore=saved,
            waste_g=waste, factor=factor["id"], factor_version=factor["version"], month=month_of(at),
            completed_at=at, created_at=at))
    async with database.write():
        for start in range(0, len(rows), 1000):
            await ImpactEntry.insert(*rows[start:start + 1000])


async def fill_lines(database: Database) -> None:
    """LINES invoice lines in each export month, payers spread over all three municipalities."""
    rng, ystad = random.Random(8), demo_id("Ystad")
    payers = [(demo_id(t), demo_id(t, u)) for t in data.MUNICIPALITIES for u, _ in data.UNITS]
    async with database.write():
        for index, town in enumerate(data.MUNICIPALITIES):
            await Municipality.update({Municipality.org_number: f"212000-000{index + 1}"}).where(
                Municipality.id == demo_id(town))
        for month in EXPORT_MONTHS:
            at = datetime(int(month[:4]), int(month[5:]), 10, tzinfo=UTC)
            rows = []
            for n in range(LINES):
                payer_mid, payer_unit = rng.choice(payers)
                rows.append(InvoiceLine(
                    id=uuid4(), municipality=ystad, month=month, booking_id=uuid4(), kind="rent",
                    payer_municipality=payer_mid, payer_unit=payer_unit, payer_cost_centre="1000",
                    payee_unit=demo_id("Ystad", "Arbetsmarknadsenheten"), payee_cost_centre="17100",
                    amount_ore=rng.randint(2, 80) * 2_500, quantity=rng.randint(1, 4), description=f"Hyra {n}",
                    charged_at=at, created_at=at))
            for start in range(0, LINES, 1000):
                await InvoiceLine.insert(*rows[start:start + 1000])


async def timed(coroutine_function, *args) -> tuple[object, float]:
    start = time.perf_counter()
    result = await coroutine_function(*args)
    return result, (time.perf_counter() - start) * 1000


async def network_report_ms(database: Database) -> float:
    service = ReportService(database, actor("reporter"))

    async def render() -> None:
        report = await service.report("network", None, None, None)
        for name in ("trend", "categories", "checks", "municipalities"):
            charts.render(name, report, CATEGORY_NAMES)

    await render()  # warm the connection and the plan cache
    return statistics.median([(await timed(render))[1] for _ in range(7)])


async def run(kind: str, url: str) -> None:
    database = Database.from_url(url)
    await database.start()
    use_engine(database.engine)
    try:
        await seed(database)
        await fill_entries(database)
        await fill_lines(database)
        if not database.is_sqlite:
            # What autovacuum does to a year of entries in a live system: statistics and a visibility
            # map, so the covering index can be read without visiting the table.
            await database.engine.run_ddl("VACUUM ANALYZE impact_entry")
        report_ms = await network_report_ms(database)
        billing = BillingService(database, actor("coordinator"))
        exports = [(await timed(billing.export, month))[1] for month in EXPORT_MONTHS]
        _, again = await timed(billing.export, EXPORT_MONTHS[0])
        print(f"{kind:9} network report, {await ImpactEntry.count():,} entries: {report_ms:7.1f} ms"
              f"   (target <= {REPORT_TARGET_MS} ms)  {'OK' if report_ms <= REPORT_TARGET_MS else 'SLOW'}")
        print(f"{kind:9} invoice export, {LINES:,} lines/month:    {statistics.median(exports):7.1f} ms"
              f"   (no target; second export of a locked month {again:.1f} ms)")
    finally:
        await database.stop()


if __name__ == "__main__":
    main_per_database(__file__, "reports_bench", run)
