"""Push fan-out: one new listing matching 10,000 wants, delivered to a real push service emulator.

Run: .venv/bin/python bench/push_bench.py [--wants 10000] [--skip-postgres]
Target: ≥ 300 notifications per second from the publish to the last message accepted by the
emulator (npm web-push-testing, which decrypts every message), with peak memory printed.
The path is the real one: ListingService publishes, the catalogue records the want matches and
calls push's notify() in the same transaction, then the push worker sends.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import resource
import secrets
import socket
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
from backend.accounts.tables import Municipality, Unit, User, UserRole
from backend.catalog import schemas as catalog_schemas
from backend.catalog import text
from backend.catalog.listings import ListingService
from backend.catalog.tables import Want
from backend.db import Database
from backend.migrations import migrate
from backend.piccolo_conf import use_engine
from backend.push.delivery_repository import DeliveryRepository
from backend.push.tables import PushSubscription
from backend.push.worker import PushWorker, WorkerConfig
from backend.tenancy import Actor

ROOT = Path(__file__).resolve().parent.parent
SERVER_JS = ROOT / "node_modules" / "web-push-testing" / "src" / "bin" / "server.js"
POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
TARGET_RATE = 300
# The emulator is one Node process that burns CPU per message; more requests in flight than this
# only make it thrash on a small machine. Real push services are remote and want more (default 32).
CONCURRENCY = int(os.environ.get("PUSH_BENCH_CONCURRENCY", "4"))


def cpu_seconds(pid: int) -> float:
    """User + system CPU a process has used (Linux /proc), to show where the time goes."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_emulator() -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(["node", str(SERVER_JS), str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.post(url + "/status", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the push emulator did not start (run npm ci)")


async def subscribe_all(emulator: str, server_key: str, count: int) -> list[dict]:
    """`count` browser subscriptions made at the emulator, as phones would."""
    limit = asyncio.Semaphore(50)
    async with httpx.AsyncClient(timeout=30) as http:
        async def one() -> dict:
            async with limit:
                answer = await http.post(emulator + "/subscribe",
                                         json={"applicationServerKey": server_key, "userVisibleOnly": "true"})
                return answer.json()["data"]

        return await asyncio.gather(*(one() for _ in range(count)))


async def fill(database: Database, subscriptions: list[dict]) -> Actor:
    """One municipality; a lister; per subscription a user with a want for office chairs."""
    now = clock.now()
    municipality, unit, lister = uuid4(), uuid4(), uuid4()
    users = [uuid4() for _ in subscriptions]
    stems = " ".join(text.stems("kontorsstolar"))

    def chunks(rows, size=500):
        return (rows[i:i + size] for i in range(0, len(rows), size))

    async with database.write():
        await Municipality.insert(Municipality(id=municipality, name="Benchby", created_at=now))
        await Unit.insert(Unit(id=unit, municipality=municipality, name="Enhet", created_at=now))
        people = [(lister, "lister@bench.test")] + [(u, f"u{i}@bench.test") for i, u in enumerate(users)]
        for chunk in chunks(people):
            await User.insert(*[User(id=u, municipality=municipality, unit=unit, email=e, name="B", password_hash="x",
                                     created_at=now) for u, e in chunk])
            await UserRole.insert(*[UserRole(user=u, role="employee") for u, _ in chunk])
        for chunk in chunks(users):
            await Want.insert(*[Want(id=uuid4(), municipality=municipality, unit=unit, user=u, text="kontorsstolar",
                                     search_text=stems, created_at=now) for u in chunk])
        pairs = list(zip(users, subscriptions, strict=True))
        for chunk in chunks(pairs):
            await PushSubscription.insert(*[
                PushSubscription(id=uuid4(), user=u, endpoint=s["endpoint"].replace("localhost", "127.0.0.1"),
                                 p256dh=s["keys"]["p256dh"], auth=s["keys"]["auth"], created_at=now)
                for u, s in chunk])
    return Actor(user_id=lister, municipality_id=municipality, unit_id=unit, roles=frozenset({"employee"}),
                 session_id=uuid4())


async def run(url: str, wants: int, emulator: str, emulator_pid: int) -> dict:
    database = Database.from_url(url)
    use_engine(database.engine)
    await database.start()
    try:
        await migrate(database, quiet=True)
        worker = PushWorker(database, "mailto:bench@delbar.test", WorkerConfig(batch=500, concurrency=CONCURRENCY))
        from backend.push.keys import load_or_create_key

        key = await load_or_create_key(database)
        actor = await fill(database, await subscribe_all(emulator, key.application_server_key, wants))
        listings = ListingService(database, actor)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        cpu_python, cpu_node = time.process_time(), cpu_seconds(emulator_pid)
        started = time.perf_counter()
        listing, _, _ = await listings.create(catalog_schemas.ListingCreate(
            kind="furniture", deal="give", title="Tjugo kontorsstolar med armstöd"))
        _, matches = await listings.change_status(
            listing["id"], catalog_schemas.StatusChange(status="published", version=listing["version"]))
        queued = time.perf_counter()
        counts = await worker.run_until_idle()
        finished = time.perf_counter()
        cpu_python, cpu_node = time.process_time() - cpu_python, cpu_seconds(emulator_pid) - cpu_node
        # Peak RSS growth over the fan-out (tracemalloc would slow the CPU-bound send path 2x).
        peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) * 1024
        async with database.read():
            statuses = await DeliveryRepository().count_by_status()
        return {"matches": len(matches), "publish": queued - started, "send": finished - queued,
                "total": finished - started, "sent": counts["sent"], "statuses": statuses, "peak": peak,
                "cpu_python": cpu_python, "cpu_node": cpu_node}
    finally:
        await database.stop()


def report(label: str, figures: dict, wants: int, emulator: str) -> None:
    rate = figures["sent"] / figures["total"]
    print(f"\n{label}: one listing matching {wants:,} wants")
    print(f"  matches recorded              {figures['matches']:>10,}")
    print(f"  publish + match + notify()    {figures['publish']:>10.2f} s   (one write transaction)")
    print(f"  worker: encrypt, POST, record {figures['send']:>10.2f} s")
    print(f"  total                         {figures['total']:>10.2f} s")
    print(f"  delivered                     {figures['sent']:>10,}   deliveries by status: {figures['statuses']}")
    print(f"  rate                          {rate:>10.0f} /s   target ≥ {TARGET_RATE}/s  "
          f"{'OK' if rate >= TARGET_RATE else 'MISSED'}")
    print(f"  peak memory growth (RSS)      {figures['peak'] / 2**20:>10.1f} MB")
    sent = max(figures["sent"], 1)
    print(f"  CPU per message: Delbar {1000 * figures['cpu_python'] / sent:.2f} ms, emulator "
          f"{1000 * figures['cpu_node'] / sent:.2f} ms (it verifies VAPID and decrypts each one); "
          f"this machine has {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")


async def postgres_url() -> tuple[str, str]:
    name = f"delbar_bench_push_{secrets.token_hex(4)}"
    connection = await asyncpg.connect(POSTGRES_ADMIN)
    await connection.execute(f'CREATE DATABASE "{name}"')
    await connection.close()
    return POSTGRES_ADMIN.rsplit("/", 1)[0] + "/" + name, name


async def drop(name: str) -> None:
    connection = await asyncpg.connect(POSTGRES_ADMIN)
    await connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
    await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--wants", type=int, default=10_000)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--database", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.database is None:
        # Piccolo's migration table keeps the first engine it met: one process per database.
        for database in ["sqlite"] + ([] if args.skip_postgres else ["postgres"]):
            subprocess.run([sys.executable, __file__, "--wants", str(args.wants), "--database", database], check=True)
        return
    process, emulator = start_emulator()
    try:
        if args.database == "sqlite":
            with tempfile.TemporaryDirectory() as directory:
                figures = asyncio.run(run(f"sqlite:///{directory}/push.sqlite", args.wants, emulator, process.pid))
            report("SQLite", figures, args.wants, emulator)
        else:
            try:
                url, name = asyncio.run(postgres_url())
            except (OSError, asyncpg.PostgresError) as exc:
                print(f"\nPostgreSQL: skipped ({exc})")
                return
            try:
                report("PostgreSQL", asyncio.run(run(url, args.wants, emulator, process.pid)), args.wants, emulator)
            finally:
                asyncio.run(drop(name))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  process peak RSS (setup included): {rss:.0f} MB")
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    main()
