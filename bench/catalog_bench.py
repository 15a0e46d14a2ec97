"""Catalogue figures: search over 50,000 listings (SQLite, PostgreSQL) and the photo pipeline.

Run: .venv/bin/python bench/catalog_bench.py [--listings 50000] [--skip-postgres] [--size 500000]

Search, on each database, over a bulk-written catalogue (bench/catalog_data.py: three
municipalities, every tier, drafts and closed listings, two years of publishing):
- the catalogue screen's own requests (one or three words, no filter, 24 a page, best match first
  as the screen asks with words, one in four switched to newest, pages 1–4) through real HTTP
  against `python -m backend serve` (PostgreSQL with 2 app processes, SQLite with 1): 16
  concurrent clients, target ≥ 150 requests/s and p95 ≤ 150 ms; one client at a time, target
  p95 ≤ 30 ms;
- the earlier single-client figure: 1 and 3 words with two filters, as the screen sends them,
  through the app's HTTP stack in-process (httpx over ASGI, no socket), target p95 ≤ 50 ms;
- `--size N` (PostgreSQL only): the screen's requests, one client, over N listings (500,000:
  target p95 ≤ 100 ms).
The photo pipeline: a 12-megapixel JPEG in ≤ 0.5 s, with peak memory growth ≤ 150 MB.
Every figure is printed beside its target and the machine's load average (the machine is shared).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import resource
import secrets
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import asyncpg
import httpx
from catalog_data import DEALS, PASSWORD, fill
from http_load import Figures, cpu_seconds, run

from backend.app import create_app
from backend.db import Database
from backend.migrations import migrate
from backend.settings import Settings

QUERIES_1 = ["stolar", "skrivbord", "lampa", "hyllor", "soffa"]
QUERIES_3 = ["grå stolar armstöd", "ergonomisk stol hjul", "stor hylla ek", "vit lampa kontor", "rejäl bord matsal"]
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
CONCURRENCY, SERVED_REQUESTS, ONE_CLIENT_REQUESTS = 16, 1600, 320


def load() -> str:
    return "load average " + " ".join(f"{v:.2f}" for v in os.getloadavg())


def screen_params(q: str, filters: dict, newest: bool, page: int) -> dict:
    """The query the catalogue screen sends (listing-search.js, toServer): words, filters, the sort in
    effect (best match, the default with words, or nothing for newest), the page past 1, 24 a page."""
    return {"q": q} | filters | ({} if newest else {"sort": "relevance"}) | ({"page": page} if page > 1 else {}) | {
        "per_page": 24}


def screen_paths() -> list[str]:
    """What the catalogue screen asks for: words, best match (its default with words; one search in four
    switched to newest), pages 1-4."""
    paths = []
    for page in (1, 2, 3, 4):
        for n, q in enumerate(QUERIES_1 + QUERIES_3):
            paths.append(f"/api/listings?{urlencode(screen_params(q, {}, (n + page) % 4 == 0, page))}")
    # Page 1 is what nearly every search is: weigh it as people do (each later page half as often).
    return paths[:10] * 8 + paths[10:20] * 4 + paths[20:30] * 2 + paths[30:]


async def prepare(url: str, count: int, label: str) -> str:
    """Migrate, bulk-write the catalogue, gather statistics; returns the bench user's e-mail."""
    database = Database.from_url(url)
    await database.start()
    await migrate(database, quiet=True)
    started = time.perf_counter()
    email = await fill(database, url, count)
    # What autovacuum / a DBA does after a bulk load: statistics (and, on PostgreSQL, the visibility map).
    await database.engine.run_ddl("ANALYZE" if database.is_sqlite else "VACUUM ANALYZE")
    print(f"{label}: {count} listings written and analysed in {time.perf_counter() - started:.1f} s")
    await database.stop()
    return email


async def in_process_figures(url: str, email: str, label: str) -> None:
    """The earlier figure: one client, two facets, through the app's HTTP stack without a socket."""
    app = create_app(Settings(database_url=url, log_format="text", log_level="WARNING"))
    await app.state.db.start()
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench.local") as http:
        await http.post("/api/session", json={"email": email, "password": PASSWORD})
        for name, queries in (("1 word", QUERIES_1), ("3 words", QUERIES_3)):
            times = []
            for n in range(200):
                params = screen_params(queries[n % len(queries)], {"kind": "furniture", "deal": DEALS[n % 4]},
                                       n % 4 == 0, 1)
                begin = time.perf_counter()
                response = await http.get("/api/listings", params=params)
                times.append((time.perf_counter() - begin) * 1000)
                assert response.status_code == 200, response.text
            p50, p95 = statistics.median(times), statistics.quantiles(times, n=20)[18]
            print(f"{label} in-process, {name} + 2 facets: p50 {p50:5.1f} ms   p95 {p95:5.1f} ms"
                  f"   (target p95 ≤ 50 ms)   {load()}")
    await app.state.db.stop()


def serve(url: str, workers: int) -> tuple[subprocess.Popen, int]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {**os.environ, "DATABASE_URL": url, "DELBAR_LOG_FORMAT": "text", "DELBAR_LOG_LEVEL": "WARNING"}
    command = [sys.executable, "-m", "backend", "serve", "--port", str(port), "--workers", str(workers)]
    server = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(300):
        try:
            if httpx.get(f"http://127.0.0.1:{port}/health", timeout=1).status_code == 200:
                return server, port
        except httpx.HTTPError:
            time.sleep(0.2)
    server.terminate()
    raise RuntimeError("server did not start")


def show(label: str, figures: Figures, targets: str) -> None:
    print(f"{label}: {figures.per_second:6.1f} requests/s   p50 {figures.p50:6.1f} ms   p95 {figures.p95:6.1f} ms"
          f"   ({targets})   {figures.failures} failed   {load()}")


async def served_figures(url: str, email: str, label: str, workers: int, *, concurrent: bool = True,
                         one_client_target: int = 30) -> None:
    """The screen's requests over real HTTP: 16 clients at once, then one at a time."""
    server, port = serve(url, workers)
    try:
        async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
            response = await http.post("/api/session", json={"email": email, "password": PASSWORD})
            assert response.status_code in (200, 201), response.text
            cookie = "; ".join(f"{name}={value}" for name, value in http.cookies.items())
        paths = screen_paths()
        await run("127.0.0.1", port, paths, cookie, 4, 2 * len(paths))  # warm caches and every worker's pool
        processes = f"{workers} app process{'es' if workers > 1 else ''}"
        if concurrent:
            total = int(os.environ.get("DELBAR_BENCH_REQUESTS", SERVED_REQUESTS))
            database = None if url.startswith("sqlite") else url.rsplit("/", 1)[1]
            before = cpu_seconds(server.pid), cpu_seconds(-1, database) if database else 0.0
            figures = await run("127.0.0.1", port, paths, cookie, CONCURRENCY, total)
            after = cpu_seconds(server.pid), cpu_seconds(-1, database) if database else 0.0
            show(f"{label} served ({processes}), screen's requests, {CONCURRENCY} clients", figures,
                 "target ≥ 150 requests/s, p95 ≤ 150 ms")
            app_ms, db_ms = ((a - b) * 1000 / figures.requests for a, b in zip(after, before, strict=True))
            parts = f"app {app_ms:.1f} ms + PostgreSQL {db_ms:.1f} ms = " if database else "app with SQLite in it: "
            used = app_ms + db_ms
            # One SQLite process overlaps its query threads with Python only in part: somewhere between.
            bound = f"{2000 / used:.0f}" if database else f"{1000 / used:.0f}–{2000 / used:.0f}"
            print(f"{label} CPU per request: {parts}{used:.1f} ms (what the 16-client run used;"
                  f" on 2 otherwise idle cores that is at most {bound} requests/s)")
        figures = await run("127.0.0.1", port, paths, cookie, 1, ONE_CLIENT_REQUESTS)
        show(f"{label} served ({processes}), screen's requests, 1 client", figures,
             f"target p95 ≤ {one_client_target} ms")
    finally:
        server.terminate()
        server.wait(timeout=30)


async def search_figures(url: str, count: int, label: str, workers: int) -> None:
    email = await prepare(url, count, label)
    await served_figures(url, email, label, workers)
    await in_process_figures(url, email, label)


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
    parser.add_argument("--size", type=int, help="PostgreSQL only: one client over this many listings (500000)")
    parser.add_argument("--only", choices=["photo", "make-photo", "photo-run", "sqlite", "postgres", "size"])
    parser.add_argument("--requests", type=int, default=SERVED_REQUESTS, help="requests per concurrent run")
    parser.add_argument("--path")
    args = parser.parse_args()
    os.environ.setdefault("DELBAR_BENCH_REQUESTS", str(args.requests))
    if args.only is None:
        parts = ("photo", "sqlite") + (() if args.skip_postgres else ("postgres",))
        if args.size:
            parts = ("size",)
        for part in parts:
            subprocess.run([sys.executable, __file__, "--only", part, "--listings", str(args.size or args.listings)],
                           check=True)
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
            await search_figures(f"sqlite:///{directory}/bench.sqlite", args.listings, "SQLite", 1)
    else:
        await postgres(args.listings, args.only == "size")


async def postgres(count: int, size_only: bool) -> None:
    name = f"delbar_bench_{secrets.token_hex(4)}"
    admin = await asyncpg.connect(POSTGRES_ADMIN)
    await admin.execute(f'CREATE DATABASE "{name}"')
    url = POSTGRES_ADMIN.rsplit("/", 1)[0] + "/" + name
    try:
        if size_only:
            email = await prepare(url, count, "PostgreSQL")
            await served_figures(url, email, f"PostgreSQL, {count} listings", 2, concurrent=False,
                                 one_client_target=100)
        else:
            await search_figures(url, count, "PostgreSQL", 2)
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


if __name__ == "__main__":
    asyncio.run(main())
