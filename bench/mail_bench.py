"""E-mail fan-out: one new listing matching 10,000 wants of people who chose e-mail, through the
outbox to a local SMTP server (aiosmtpd in its own process).

Run: .venv/bin/python bench/mail_bench.py [--wants 10000] [--skip-postgres]
Target: ≥ 100 e-mails per second from the publish to the last message accepted by the SMTP
server (10,000 in under two minutes; a municipality of 3,000 employees gets its morning digests
out within 30 s), with peak memory growth under 100 MB. The path is the real one: ListingService publishes,
the catalogue records the matches and calls push's notify(), which queues one e-mail per person in
the same transaction; the mail worker renders each (plain text and HTML, in the reader's language,
with its signed unsubscribe link) and sends it over one SMTP connection per batch.
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

from backend import clock
from backend.accounts.tables import Municipality, Unit, User, UserRole
from backend.catalog import schemas as catalog_schemas
from backend.catalog import text
from backend.catalog.listings import ListingService
from backend.catalog.tables import Want
from backend.db import Database
from backend.mail.repository import OutboxRepository
from backend.mail.sender import SmtpConfig, SmtpSender
from backend.mail.tables import MailPreference
from backend.mail.worker import MailConfig, MailWorker
from backend.migrations import migrate
from backend.piccolo_conf import use_engine
from backend.settings import Settings
from backend.tenancy import Actor

POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
TARGET_RATE = 100
TARGET_MEMORY_MB = 100


def cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_smtp() -> tuple[subprocess.Popen, int]:
    """aiosmtpd's own command with its Sink handler: accepts every message and keeps nothing."""
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "aiosmtpd", "-n", "-l", f"127.0.0.1:{port}",
                                "-c", "aiosmtpd.handlers.Sink"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    for _ in range(200):
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as connection:
                if connection.recv(100).startswith(b"220"):
                    return process, port
        except OSError:
            time.sleep(0.05)
    process.kill()
    raise RuntimeError("aiosmtpd did not start (pip install -e '.[test]')")


async def fill(database: Database, count: int) -> Actor:
    """One municipality; a lister; `count` people with a want for office chairs who chose e-mail for it."""
    now = clock.now()
    municipality, unit, lister = uuid4(), uuid4(), uuid4()
    users = [uuid4() for _ in range(count)]
    stems = " ".join(text.stems("kontorsstolar"))

    def chunks(rows, size=500):
        return (rows[i:i + size] for i in range(0, len(rows), size))

    async with database.write():
        await Municipality.insert(Municipality(id=municipality, name="Benchby", created_at=now))
        await Unit.insert(Unit(id=unit, municipality=municipality, name="Enhet", created_at=now))
        people = [(lister, "lister@bench.test")] + [(u, f"u{i}@bench.test") for i, u in enumerate(users)]
        for chunk in chunks(people):
            await User.insert(*[User(id=u, municipality=municipality, unit=unit, email=e, name="B", password_hash="x",
                                     language="en" if i % 2 else "sv", created_at=now)
                                for i, (u, e) in enumerate(chunk)])
            await UserRole.insert(*[UserRole(user=u, role="employee") for u, _ in chunk])
        for chunk in chunks(users):
            await Want.insert(*[Want(id=uuid4(), municipality=municipality, unit=unit, user=u, text="kontorsstolar",
                                     search_text=stems, created_at=now) for u in chunk])
            await MailPreference.insert(*[MailPreference(user=u, channels='{"want_matched":"email"}', version=2,
                                                         updated_at=now) for u in chunk])
    return Actor(user_id=lister, municipality_id=municipality, unit_id=unit, roles=frozenset({"employee"}),
                 session_id=uuid4())


async def run(url: str, wants: int, smtp_port: int, smtp_pid: int) -> dict:
    database = Database.from_url(url)
    use_engine(database.engine)
    await database.start()
    try:
        await migrate(database, quiet=True)
        settings = Settings(smtp_host="127.0.0.1", smtp_port=smtp_port, smtp_security="none",
                            mail_from="Delbar <noreply@bench.test>", app_url="https://delbar.bench")
        worker = MailWorker(database, settings, SmtpSender(SmtpConfig.from_settings(settings)), MailConfig(batch=500))
        actor = await fill(database, wants)
        listings = ListingService(database, actor)
        rss_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
        cpu_python, cpu_smtp = time.process_time(), cpu_seconds(smtp_pid)
        started = time.perf_counter()
        listing, _, _ = await listings.create(catalog_schemas.ListingCreate(
            kind="furniture", deal="give", title="Tjugo kontorsstolar med armstöd"))
        _, matches = await listings.change_status(
            listing["id"], catalog_schemas.StatusChange(status="published", version=listing["version"]))
        queued = time.perf_counter()
        counts = await worker.run_until_idle()
        finished = time.perf_counter()
        cpu_python, cpu_smtp = time.process_time() - cpu_python, cpu_seconds(smtp_pid) - cpu_smtp
        peak = (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss_before) * 1024
        async with database.read():
            statuses = await OutboxRepository().count_by_status()
        return {"matches": len(matches), "publish": queued - started, "send": finished - queued,
                "total": finished - started, "sent": counts["sent"], "statuses": statuses, "peak": peak,
                "cpu_python": cpu_python, "cpu_smtp": cpu_smtp}
    finally:
        await database.stop()


def report(label: str, figures: dict, wants: int) -> None:
    rate = figures["sent"] / figures["total"]
    memory = figures["peak"] / 2**20
    print(f"\n{label}: one listing matching {wants:,} wants, each by e-mail")
    print(f"  matches recorded              {figures['matches']:>10,}")
    print(f"  publish + match + queue       {figures['publish']:>10.2f} s   (one write transaction)")
    print(f"  worker: render, SMTP, record  {figures['send']:>10.2f} s")
    print(f"  total                         {figures['total']:>10.2f} s")
    print(f"  accepted by the SMTP server   {figures['sent']:>10,}   outbox by status: {figures['statuses']}")
    print(f"  rate                          {rate:>10.0f} /s   target ≥ {TARGET_RATE}/s  "
          f"{'OK' if rate >= TARGET_RATE else 'MISSED'}")
    print(f"  peak memory growth (RSS)      {memory:>10.1f} MB   target < {TARGET_MEMORY_MB} MB  "
          f"{'OK' if memory < TARGET_MEMORY_MB else 'MISSED'}")
    sent = max(figures["sent"], 1)
    print(f"  CPU per e-mail: Delbar {1000 * figures['cpu_python'] / sent:.2f} ms, SMTP server "
          f"{1000 * figures['cpu_smtp'] / sent:.2f} ms; this machine has {os.cpu_count()} cores, "
          f"load average {os.getloadavg()[0]:.1f}")


async def postgres_url() -> tuple[str, str]:
    name = f"delbar_bench_mail_{secrets.token_hex(4)}"
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
    process, port = start_smtp()
    try:
        if args.database == "sqlite":
            with tempfile.TemporaryDirectory() as directory:
                report("SQLite", asyncio.run(run(f"sqlite:///{directory}/mail.sqlite", args.wants, port, process.pid)),
                       args.wants)
        else:
            try:
                url, name = asyncio.run(postgres_url())
            except (OSError, asyncpg.PostgresError) as exc:
                print(f"\nPostgreSQL: skipped ({exc})")
                return
            try:
                report("PostgreSQL", asyncio.run(run(url, args.wants, port, process.pid)), args.wants)
            finally:
                asyncio.run(drop(name))
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"  process peak RSS (setup included): {rss:.0f} MB")
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    main()
