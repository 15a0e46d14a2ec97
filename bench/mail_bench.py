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

import socket
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from uuid import UUID

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from backend.db import Database
from backend.mail.repository import OutboxRepository
from backend.mail.sender import SmtpConfig, SmtpSender
from backend.mail.tables import MailPreference
from backend.mail.worker import MailConfig, MailWorker
from backend.migrations import migrate
from backend.piccolo_conf import use_engine
from backend.settings import Settings
from bench import fan_out

TARGET_RATE = 100
TARGET_MEMORY_MB = 100


def start_smtp() -> tuple[subprocess.Popen, int]:
    """aiosmtpd's own command with its Sink handler: accepts every message and keeps nothing."""
    port = fan_out.free_port()
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


async def by_email(users: list[UUID], now: datetime) -> None:
    """Each person chose e-mail for their wants' matches."""
    for chunk in fan_out.chunks(users):
        await MailPreference.insert(*[MailPreference(user=u, channels='{"want_matched":"email"}', version=2,
                                                     updated_at=now) for u in chunk])


async def run(url: str, wants: int, smtp_port: int, smtp_pid: int) -> dict:
    database = Database.from_url(url)
    use_engine(database.engine)
    await database.start()
    try:
        await migrate(database, quiet=True)
        settings = Settings(smtp_host="127.0.0.1", smtp_port=smtp_port, smtp_security="none",
                            mail_from="Delbar <noreply@bench.test>", app_url="https://delbar.bench")
        worker = MailWorker(database, settings, SmtpSender(SmtpConfig.from_settings(settings)), MailConfig(batch=500))
        actor = await fan_out.fill(database, wants, by_email, mixed_languages=True)
        return await fan_out.publish_and_send(database, actor, worker.run_until_idle, smtp_pid,
                                              OutboxRepository().count_by_status)
    finally:
        await database.stop()


WORDS = fan_out.Words(queue="publish + match + queue", send="worker: render, SMTP, record",
                      sent="accepted by the SMTP server", rows="outbox", one="e-mail", peer="SMTP server")


def report(label: str, figures: dict, wants: int) -> None:
    fan_out.report(f"{label}: one listing matching {wants:,} wants, each by e-mail", figures, WORDS, TARGET_RATE,
                   TARGET_MEMORY_MB)


def main() -> None:
    args = fan_out.arguments()
    if fan_out.once_per_database(__file__, args):
        return
    process, port = start_smtp()
    try:
        fan_out.on_database(args, "mail", lambda url: run(url, args.wants, port, process.pid),
                            lambda label, figures: report(label, figures, args.wants))
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    main()
