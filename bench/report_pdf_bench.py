"""The impact report PDF for a year of the demo network: time to gather the figures and draw the document.

Run: .venv/bin/python bench/report_pdf_bench.py [sqlite|postgres ...]   (default: both when PostgreSQL answers)
  - the demo seed's year (reuses, purchase checks and the AME's work entries of 3 municipalities),
    then GET /api/impact/report.pdf's work for the network view over the last twelve months: the
    service call plus the PDF, median of 5 runs; and the PDF's pages and size.
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path
from uuid import uuid4

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from per_database import main_per_database
from pypdf import PdfReader

from backend.db import Database
from backend.demo import data
from backend.demo.seed import demo_id, seed
from backend.impact.controller import CATEGORY_NAMES, factors_in
from backend.impact.pdf import report_pdf
from backend.impact.reports import ReportService
from backend.impact.tables import ImpactEntry, WorkEntry
from backend.piccolo_conf import use_engine
from backend.tenancy import Actor


def actor() -> Actor:
    return Actor(user_id=demo_id("Ystad", "user", f"rapportor@ystad.{data.DOMAIN}"), municipality_id=demo_id("Ystad"),
                 unit_id=demo_id("Ystad", "Arbetsmarknadsenheten"), roles=frozenset({"reporter"}), session_id=uuid4())


async def run(kind: str, url: str) -> None:
    database = Database.from_url(url)
    await database.start()
    use_engine(database.engine)
    try:
        await seed(database)
        tasks = await WorkEntry.count()
        service = ReportService(database, actor())

        async def document() -> bytes:
            report, municipality, lang = await service.document("network", None, None, None, "sv")
            return report_pdf(report, municipality=municipality, category_names=CATEGORY_NAMES,
                              factors=factors_in(report, lang), lang=lang)

        pdf = await document()  # warm the connection, fonts and plan cache
        times = []
        for _ in range(5):
            start = time.perf_counter()
            pdf = await document()
            times.append((time.perf_counter() - start) * 1000)
        pages = len(PdfReader(io.BytesIO(pdf)).pages)
        print(f"{kind:9} report PDF, network year ({await ImpactEntry.count():,} reuses, {tasks:,} work entries): "
              f"{statistics.median(times):7.1f} ms median of 5, {pages} pages, {len(pdf) / 1024:.0f} KB")
    finally:
        await database.stop()


if __name__ == "__main__":
    main_per_database(__file__, "report_pdf_bench", run)
