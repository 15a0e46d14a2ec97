"""What the push and e-mail fan-out benches share: the people with wants, the timed publish,
and one process per database.

Each bench publishes one listing that matches `--wants` wants and times the worker that sends
what the match queued to a real peer (a push service emulator, an SMTP server) in a process of
its own, whose CPU is measured beside Delbar's.
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
from collections import Counter
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from uuid import UUID, uuid4

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import asyncpg

from backend import clock
from backend.accounts.tables import Municipality, Unit, User, UserRole
from backend.catalog import schemas as catalog_schemas
from backend.catalog import text
from backend.catalog.listings import ListingService
from backend.catalog.tables import Want
from backend.db import Database
from backend.tenancy import Actor

POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"


def cpu_seconds(pid: int) -> float:
    """User + system CPU a process has used (Linux /proc), to show where the time goes."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def chunks(rows: list, size: int = 500) -> list[list]:
    return [rows[i:i + size] for i in range(0, len(rows), size)]


async def fill(database: Database, count: int, also: Callable[[list[UUID], datetime], Awaitable[None]], *,
               mixed_languages: bool = False) -> Actor:
    """One municipality; a lister; `count` people with a want for office chairs, and what `also`
    adds for them in the same transaction (their phones, their choice of e-mail)."""
    now = clock.now()
    municipality, unit, lister = uuid4(), uuid4(), uuid4()
    users = [uuid4() for _ in range(count)]
    stems = " ".join(text.stems("kontorsstolar"))
    async with database.write():
        await Municipality.insert(Municipality(id=municipality, name="Benchby", created_at=now))
        await Unit.insert(Unit(id=unit, municipality=municipality, name="Enhet", created_at=now))
        people = [(lister, "lister@bench.test")] + [(u, f"u{i}@bench.test") for i, u in enumerate(users)]
        for chunk in chunks(people):
            await User.insert(*[User(id=u, municipality=municipality, unit=unit, email=e, name="B", password_hash="x",
                                     language="en" if mixed_languages and i % 2 else "sv", created_at=now)
                                for i, (u, e) in enumerate(chunk)])
            await UserRole.insert(*[UserRole(user=u, role="employee") for u, _ in chunk])
        for chunk in chunks(users):
            await Want.insert(*[Want(id=uuid4(), municipality=municipality, unit=unit, user=u, text="kontorsstolar",
                                     search_text=stems, created_at=now) for u in chunk])
        await also(users, now)
    return Actor(user_id=lister, municipality_id=municipality, unit_id=unit, roles=frozenset({"employee"}),
                 session_id=uuid4())


async def publish_and_send(database: Database, actor: Actor, send: Callable[[], Awaitable[Counter]], peer_pid: int,
                           statuses: Callable[[], Awaitable[dict[str, int]]]) -> dict:
    """Publish one listing that matches every want, then send everything it queued; the figures."""
    listings = ListingService(database, actor)
    rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    cpu_python, cpu_peer = time.process_time(), cpu_seconds(peer_pid)
    started = time.perf_counter()
    listing, _, _ = await listings.create(catalog_schemas.ListingCreate(
        kind="furniture", deal="give", title="Tjugo kontorsstolar med armstöd"))
    _, matches = await listings.change_status(
        listing["id"], catalog_schemas.StatusChange(status="published", version=listing["version"]))
    queued = time.perf_counter()
    counts = await send()
    finished = time.perf_counter()
    cpu_python, cpu_peer = time.process_time() - cpu_python, cpu_seconds(peer_pid) - cpu_peer
    # Peak RSS growth over the fan-out (tracemalloc would slow the CPU-bound send path 2x).
    peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) * 1024
    async with database.read():
        by_status = await statuses()
    return {"matches": len(matches), "publish": queued - started, "send": finished - queued,
            "total": finished - started, "sent": counts["sent"], "statuses": by_status, "peak": peak,
            "cpu_python": cpu_python, "cpu_peer": cpu_peer}


@dataclass(frozen=True)
class Words:
    """How a bench names its steps and its peer in the report."""

    queue: str  # what the publish's one write transaction does
    send: str  # what the worker does
    sent: str  # what counts as sent
    rows: str  # the outbox's rows, by status
    one: str  # one of what is sent
    peer: str  # the process that receives them
    peer_note: str = ""


def report(title: str, figures: dict, words: Words, target_rate: int, target_memory_mb: int | None = None) -> None:
    rate = figures["sent"] / figures["total"]
    memory = figures["peak"] / 2**20
    print(f"\n{title}")
    print(f"  {'matches recorded':<30}{figures['matches']:>10,}")
    print(f"  {words.queue:<30}{figures['publish']:>10.2f} s   (one write transaction)")
    print(f"  {words.send:<30}{figures['send']:>10.2f} s")
    print(f"  {'total':<30}{figures['total']:>10.2f} s")
    print(f"  {words.sent:<30}{figures['sent']:>10,}   {words.rows} by status: {figures['statuses']}")
    print(f"  {'rate':<30}{rate:>10.0f} /s   target ≥ {target_rate}/s  {'OK' if rate >= target_rate else 'MISSED'}")
    target = "" if target_memory_mb is None else (
        f"   target < {target_memory_mb} MB  {'OK' if memory < target_memory_mb else 'MISSED'}")
    print(f"  {'peak memory growth (RSS)':<30}{memory:>10.1f} MB{target}")
    sent = max(figures["sent"], 1)
    print(f"  CPU per {words.one}: Delbar {1000 * figures['cpu_python'] / sent:.2f} ms, {words.peer} "
          f"{1000 * figures['cpu_peer'] / sent:.2f} ms{words.peer_note}; this machine has {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")


def arguments() -> argparse.Namespace:
    parser = argparse.ArgumentParser()
    parser.add_argument("--wants", type=int, default=10_000)
    parser.add_argument("--skip-postgres", action="store_true")
    parser.add_argument("--database", choices=["sqlite", "postgres"], help=argparse.SUPPRESS)
    return parser.parse_args()


def once_per_database(script: str, args: argparse.Namespace) -> bool:
    """Run the bench again in a process per database; False when this process is one of them.

    Piccolo's migration table keeps the first engine it met: one process per database."""
    if args.database is not None:
        return False
    for database in ["sqlite"] + ([] if args.skip_postgres else ["postgres"]):
        subprocess.run([sys.executable, script, "--wants", str(args.wants), "--database", database], check=True)
    return True


def on_database(args: argparse.Namespace, name: str, run: Callable[[str], Awaitable[dict]],
                report: Callable[[str, dict], None]) -> None:
    """Measure on a throwaway SQLite file or PostgreSQL database, print the figures, then the process's peak RSS."""
    if args.database == "sqlite":
        with tempfile.TemporaryDirectory() as directory:
            figures = asyncio.run(run(f"sqlite:///{directory}/{name}.sqlite"))
        report("SQLite", figures)
    else:
        try:
            url, database = asyncio.run(_create_postgres(name))
        except (OSError, asyncpg.PostgresError) as exc:
            print(f"\nPostgreSQL: skipped ({exc})")
            return
        try:
            report("PostgreSQL", asyncio.run(run(url)))
        finally:
            asyncio.run(_drop_postgres(database))
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"  process peak RSS (setup included): {rss:.0f} MB")


async def _create_postgres(name: str) -> tuple[str, str]:
    database = f"delbar_bench_{name}_{secrets.token_hex(4)}"
    connection = await asyncpg.connect(POSTGRES_ADMIN)
    await connection.execute(f'CREATE DATABASE "{database}"')
    await connection.close()
    return POSTGRES_ADMIN.rsplit("/", 1)[0] + "/" + database, database


async def _drop_postgres(database: str) -> None:
    connection = await asyncpg.connect(POSTGRES_ADMIN)
    await connection.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
    await connection.close()
