"""Bookings figures: the 100-way race for one chair, and the availability lookup of a busy item.

Run: .venv/bin/python bench/bookings_bench.py   (starts its own server per database)
Figures, each on SQLite (a fresh file) and on PostgreSQL (a fresh database, when one answers at
DELBAR_TEST_POSTGRES_URL):
- the race: 100 concurrent requests for the same item and period over real HTTP from 12 signed-in
  people; time until all are answered (exactly one must win, 99 get 409);
- availability: one item with 500 past and future bookings; p95 of 200 lookups of a whole year,
  measured on the lookup itself (target <= 20 ms) and, for context, over HTTP next to the p95 of
  the cheapest signed-in request, which is what authentication alone costs on that database.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from uuid import UUID, uuid4

import asyncpg
import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from backend import clock
from backend.bookings.rules import local_today
from backend.demo.data import DEMO_PASSWORD

POSTGRES = os.environ.get("DELBAR_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
RACE, BOOKINGS, LOOKUPS, TARGET_MS = 100, 500, 200, 20.0
PEOPLE = [f"{local}@{town}.exempel.se" for town in ("skurup", "trelleborg")
          for local in ("medarbetare", "lager", "chauffor", "samordnare", "admin", "rapportor")]


def start_server(url: str) -> tuple[subprocess.Popen, str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": url, "DELBAR_LOG_FORMAT": "text", "DELBAR_LOG_LEVEL": "WARNING"}
    subprocess.run([sys.executable, "-m", "backend", "demo"], cwd=ROOT, env=env, check=True, capture_output=True)
    server = subprocess.Popen([sys.executable, "-m", "backend", "serve", "--port", str(port)], cwd=ROOT, env=env,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            if httpx.get(base + "/health", timeout=1).status_code == 200:
                return server, base
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("server did not start")


async def signed_in(base: str, email: str) -> httpx.AsyncClient:
    http = httpx.AsyncClient(base_url=base, timeout=120)
    answer = await http.post("/api/session", json={"email": email, "password": DEMO_PASSWORD})
    answer.raise_for_status()
    http.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
    return http


async def chair(owner: httpx.AsyncClient, title: str) -> dict:
    answer = await owner.post("/api/listings", json={"kind": "furniture", "deal": "lend", "title": title,
                                                     "quantity": 1, "visibility": "network", "publish": True})
    answer.raise_for_status()
    return answer.json()


async def race(base: str) -> tuple[float, Counter]:
    owner = await signed_in(base, "samordnare@ystad.exempel.se")
    listing = await chair(owner, "Kontorsstol (kapplöpning)")
    people = [await signed_in(base, email) for email in PEOPLE]
    body = {"listing_id": listing["id"], "start": str(local_today(clock.now()) + timedelta(days=3)),
            "end": str(local_today(clock.now()) + timedelta(days=10))}
    started = time.perf_counter()
    answers = await asyncio.gather(*[people[n % len(people)].post("/api/bookings", json={**body, "id": str(uuid4())})
                                     for n in range(RACE)])
    elapsed = time.perf_counter() - started
    for http in [owner, *people]:
        await http.aclose()
    return elapsed, Counter(a.status_code for a in answers)


async def busy_item(url: str, base: str) -> str:
    """A listing whose one item has 500 bookings, a year back and a year ahead, written straight in."""
    from backend.bookings.tables import Booking
    from backend.db import Database
    from backend.piccolo_conf import use_engine

    owner = await signed_in(base, "samordnare@ystad.exempel.se")
    listing = await chair(owner, "Kontorsstol (populär)")
    await owner.aclose()
    database = Database.from_url(url)
    use_engine(database.engine)
    await database.start()
    try:
        async with database.write():
            found = await Booking.raw("SELECT id, owner_unit, municipality FROM listing WHERE id = {}",
                                      UUID(listing["id"]))
            item = await Booking.raw("SELECT id FROM item WHERE listing = {}", UUID(listing["id"]))
            requester = await Booking.raw("SELECT id, unit, municipality FROM app_user WHERE email = {}",
                                          "medarbetare@skurup.exempel.se")
            await _insert_bookings(found[0], item[0]["id"], requester[0])
    finally:
        await database.stop()
    return listing["id"]


async def _insert_bookings(listing: dict, item_id: UUID, requester: dict) -> None:
    from backend.bookings.tables import Booking, BookingItem

    first, now = local_today(clock.now()) - timedelta(days=500), clock.now()
    bookings, holds = [], []
    for n in range(BOOKINGS):
        start = first + timedelta(days=2 * n)
        booking_id = uuid4()
        status = "completed" if start < local_today(now) else "approved"
        bookings.append(Booking(id=booking_id, listing=listing["id"], deal="lend", status=status,
                                requester=requester["id"], requester_unit=requester["unit"],
                                requester_municipality=requester["municipality"], owner_unit=listing["owner_unit"],
                                owner_municipality=listing["municipality"], period_start=start,
                                period_end=start + timedelta(days=1), created_at=now, updated_at=now))
        holds.append(BookingItem(booking=booking_id, item=item_id, period_start=start,
                                 period_end=start + timedelta(days=1), holds=status == "approved"))
    await Booking.insert(*bookings)
    await BookingItem.insert(*holds)


async def lookups(base: str, listing_id: str) -> tuple[float, float]:
    """p95 over HTTP of the availability lookup, and of GET /api/session (the cost of any signed-in request)."""
    http = await signed_in(base, "medarbetare@skurup.exempel.se")
    today = local_today(clock.now())
    params = {"start": str(today - timedelta(days=180)), "end": str(today + timedelta(days=180))}
    found = []
    for path in (f"/api/listings/{listing_id}/availability", "/api/session"):
        timings = []
        for _ in range(LOOKUPS):
            started = time.perf_counter()
            answer = await http.get(path, params=params)
            timings.append((time.perf_counter() - started) * 1000)
            answer.raise_for_status()
        found.append(p95(timings))
    await http.aclose()
    return found[0], found[1]


async def in_process(url: str, listing_id: str) -> float:
    """p95 of the lookup itself (AvailabilityService: visibility, items, holds, free days), no HTTP."""
    from backend.accounts.tables import User
    from backend.bookings.availability import AvailabilityService
    from backend.db import Database
    from backend.piccolo_conf import use_engine
    from backend.tenancy import Actor

    database = Database.from_url(url)
    use_engine(database.engine)
    await database.start()
    try:
        user = await User.select(User.id, User.municipality, User.unit).where(
            User.email == "medarbetare@skurup.exempel.se").first()
        actor = Actor(user["id"], user["municipality"], user["unit"], frozenset({"employee"}), uuid4())
        service, today = AvailabilityService(database, actor), local_today(clock.now())
        timings = []
        for _ in range(LOOKUPS):
            started = time.perf_counter()
            await service.of_listing(UUID(listing_id), today - timedelta(days=180), today + timedelta(days=180))
            timings.append((time.perf_counter() - started) * 1000)
        return p95(timings)
    finally:
        await database.stop()


def p95(timings: list[float]) -> float:
    return sorted(timings)[int(len(timings) * 0.95) - 1]


def run(kind: str, url: str) -> None:
    server, base = start_server(url)
    try:
        elapsed, counts = asyncio.run(race(base))
        winners, refused = counts.get(201, 0), counts.get(409, 0)
        print(f"{kind:10} race: {RACE} requests answered in {elapsed * 1000:7.0f} ms — {winners} won, {refused} got 409"
              f"{'' if (winners, refused) == (1, RACE - 1) else '  << WRONG'}")
        listing_id = asyncio.run(busy_item(url, base))
        lookup = asyncio.run(in_process(url, listing_id))
        http, baseline = asyncio.run(lookups(base, listing_id))
        print(f"{kind:10} availability, {BOOKINGS} bookings, one year: p95 {lookup:6.1f} ms"
              f" (target <= {TARGET_MS:.0f} ms)"
              f"{'' if lookup <= TARGET_MS else '  << OVER'}")
        print(f"{kind:10}   over HTTP p95 {http:6.1f} ms; any signed-in GET (/api/session) p95 {baseline:6.1f} ms")
    finally:
        server.terminate()
        server.wait(timeout=10)


def main() -> None:
    with tempfile.TemporaryDirectory() as workdir:
        run("SQLite", f"sqlite:///{workdir}/bench.sqlite")
    try:
        asyncio.run(_admin("SELECT 1"))
    except (OSError, asyncpg.PostgresError):
        print("PostgreSQL   not reachable: skipped")
        return
    name = f"delbar_bench_{secrets.token_hex(4)}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    try:
        run("PostgreSQL", POSTGRES.rsplit("/", 1)[0] + f"/{name}")
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def _admin(statement: str) -> None:
    connection = await asyncpg.connect(POSTGRES, timeout=5)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


if __name__ == "__main__":
    main()
