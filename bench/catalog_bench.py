"""Catalogue figures: search latency over 50,000 listings (SQLite, PostgreSQL) and the photo pipeline.

Run: .venv/bin/python bench/catalog_bench.py [--listings 50000] [--skip-postgres]
Targets: search p95 ≤ 50 ms for 1-word and 3-word queries with two facets, through the app's HTTP
stack (httpx over ASGI: routing, auth, validation, JSON — no socket); a 12-megapixel JPEG
through the photo pipeline in ≤ 0.5 s, with peak memory growth ≤ 150 MB.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import resource
import secrets
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from uuid import uuid4

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import asyncpg
import httpx

from backend import clock
from backend.accounts.passwords import hash_password
from backend.accounts.tables import Municipality, Unit, User, UserRole
from backend.app import create_app
from backend.catalog import categories, rules
from backend.catalog.tables import Listing
from backend.db import Database
from backend.migrations import migrate
from backend.settings import Settings

NOUNS = ["stol", "kontorsstol", "skrivbord", "bord", "soffa", "hylla", "skåp", "lampa", "skärm", "dator", "borrmaskin",
         "kaffebryggare", "tält", "projektor", "whiteboard", "matta", "fåtölj", "bokhylla", "konferensbord", "kylskåp"]
ADJECTIVES = ["grå", "svart", "vit", "höj- och sänkbar", "ergonomisk", "stor", "liten", "begagnad", "nyskick", "rejäl"]
EXTRAS = ["med armstöd", "på hjul", "i ek", "i björk", "med lås", "till matsal", "för skola", "för kontor"]
KINDS, DEALS = ("furniture", "equipment", "service", "staffing"), ("give", "lend", "rent", "sell")
QUERIES_1 = ["stolar", "skrivbord", "lampa", "hyllor", "soffa"]
QUERIES_3 = ["grå stolar armstöd", "ergonomisk stol hjul", "stor hylla ek", "vit lampa kontor", "rejält bord matsal"]
PASSWORD = "bench password 123"
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


async def fill(database: Database, count: int) -> str:
    """One municipality, a user, and `count` published listings; returns the user's email."""
    rng = random.Random(7)
    municipality, unit, user = uuid4(), uuid4(), uuid4()
    now = clock.now()
    async with database.write():
        await categories.seed()
        await Municipality.insert(Municipality(id=municipality, name="Benchby", created_at=now))
        await Unit.insert(Unit(id=unit, municipality=municipality, name="Enhet", created_at=now))
        await User.insert(User(id=user, municipality=municipality, unit=unit, email="bench@bench.test", name="B",
                               password_hash=hash_password(PASSWORD), created_at=now))
        await UserRole.insert(UserRole(user=user, role="employee"))
    category_ids = [categories.category_id(slug) for slug, *_ in categories.TREE]
    for start in range(0, count, 1000):
        rows = []
        for n in range(start, min(start + 1000, count)):
            title = f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)} {rng.choice(EXTRAS)}"
            deal = rng.choice(DEALS)
            values = {"title": title, "description": f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}, nr {n}",
                      "tags": ""}
            rows.append(Listing(
                id=uuid4(), municipality=municipality, owner_unit=unit, kind=rng.choice(KINDS), deal=deal,
                category=rng.choice(category_ids),
                price_ore=rng.randint(1, 5000) * 100 if deal in ("rent", "sell") else None,
                rent_period="day" if deal == "rent" else "", title=title, description=values["description"],
                status="published", visibility="municipality", published_at=now, created_at=now, updated_at=now,
                search_text=rules.search_text(values, None, database.is_sqlite),
            ))
        async with database.write():
            await Listing.insert(*rows)
    return "bench@bench.test"


async def search_figures(url: str, count: int, label: str) -> None:
    database = Database.from_url(url)
    await database.start()
    await migrate(database, quiet=True)
    started = time.perf_counter()
    email = await fill(database, count)
    print(f"{label}: {count} listings written in {time.perf_counter() - started:.1f} s")
    if not database.is_sqlite:
        # What autovacuum does on its own soon after a bulk load; without statistics the planner
        # takes the municipality index (thinking it finds ~60 rows) over the full-text index.
        await database.engine.run_ddl("ANALYZE")
        print(f"{label}: ANALYZE after the bulk load")
    await database.stop()
    app = create_app(Settings(database_url=url, log_format="text", log_level="WARNING"))
    await app.state.db.start()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench.local") as http:
        login = await http.post("/api/session", json={"email": email, "password": PASSWORD})
        http.headers["X-CSRF-Token"] = login.json()["csrf_token"]
        for name, queries in (("1 word", QUERIES_1), ("3 words", QUERIES_3)):
            times = []
            for run in range(200):
                params = {"q": queries[run % len(queries)], "kind": "furniture", "deal": DEALS[run % 4],
                          "sort": "relevance" if run % 2 else "newest"}
                begin = time.perf_counter()
                response = await http.get("/api/listings", params=params)
                times.append((time.perf_counter() - begin) * 1000)
                assert response.status_code == 200, response.text
            p50, p95 = statistics.median(times), statistics.quantiles(times, n=20)[18]
            print(f"{label} search, {name} + 2 facets: p50 {p50:5.1f} ms   p95 {p95:5.1f} ms   (target p95 ≤ 50 ms)")
    await app.state.db.stop()


def make_photo(path: str) -> None:
    """A 12 MP camera-like JPEG, written by its own process so it does not raise the pipeline's RSS peak."""
    from PIL import Image

    rng = random.Random(3)
    small = Image.frombytes("RGB", (400, 300), bytes(rng.getrandbits(8) for _ in range(400 * 300 * 3)))
    small.resize((4000, 3000), Image.Resampling.BICUBIC).save(path, "JPEG", quality=90)


def photo_child(path: str) -> None:
    """In a fresh process: time the pipeline on a 12 MP JPEG and report peak RSS growth."""
    from backend.catalog import imaging

    data = Path(path).read_bytes()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times = []
    for _ in range(5):
        begin = time.perf_counter()
        imaging.process(data, max_bytes=30_000_000, max_pixels=50_000_000)
        times.append(time.perf_counter() - begin)
    growth = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before) / 1024
    print(f"photo pipeline, 12 MP JPEG ({len(data) / 1e6:.1f} MB): {statistics.median(times):.3f} s per photo"
          f" (target ≤ 0.5 s); peak memory growth {growth:.0f} MB (target ≤ 150 MB)")


async def main() -> None:
    """Each measurement in its own process: Piccolo binds one engine per process."""
    parser = argparse.ArgumentParser()
    parser.add_argument("--listings", type=int, default=50_000)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--only", choices=["photo", "make-photo", "photo-run", "sqlite", "postgres"])
    parser.add_argument("--path")
    args = parser.parse_args()
    if args.only is None:
        for part in ("photo", "sqlite") + (() if args.skip_postgres else ("postgres",)):
            subprocess.run([sys.executable, __file__, "--only", part, "--listings", str(args.listings)], check=True)
    elif args.only == "photo":
        with tempfile.TemporaryDirectory() as directory:
            path = f"{directory}/12mp.jpg"
            subprocess.run([sys.executable, __file__, "--only", "make-photo", "--path", path], check=True)
            subprocess.run([sys.executable, __file__, "--only", "photo-run", "--path", path], check=True)
    elif args.only == "make-photo":
        make_photo(args.path)
    elif args.only == "photo-run":
        photo_child(args.path)
    elif args.only == "sqlite":
        with tempfile.TemporaryDirectory() as directory:
            await search_figures(f"sqlite:///{directory}/bench.sqlite", args.listings, "SQLite")
    else:
        await postgres(args.listings)


async def postgres(count: int) -> None:
    name = f"delbar_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(POSTGRES_ADMIN)
    await admin.execute(f'CREATE DATABASE "{name}"')
    try:
        await search_figures(POSTGRES_ADMIN.rsplit("/", 1)[0] + "/" + name, count, "PostgreSQL")
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
