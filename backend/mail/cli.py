"""`python -m backend mail-worker`: the e-mail sender as its own process, for PostgreSQL
deployments that keep sending apart from serving (DELBAR_MAIL_WORKER=0 on the app processes)."""

from __future__ import annotations

from backend.db import Database
from backend.mail.sender import SmtpConfig, SmtpSender
from backend.mail.worker import MailWorker
from backend.outbox_worker import run_until_stopped
from backend.piccolo_conf import use_engine
from backend.settings import Settings


async def run_worker(settings: Settings, *, once: bool) -> int:
    """Send until SIGTERM/SIGINT (or, with once, until nothing is due); leased rows survive a kill."""
    database = Database.from_url(settings.database_url)
    use_engine(database.engine)
    await database.start()
    try:
        worker = MailWorker(database, settings, SmtpSender(SmtpConfig.from_settings(settings)))
        if once:
            counts = await worker.run_until_idle()
            print(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "nothing due")
            return 0
        await run_until_stopped(worker)
        return 0
    finally:
        await database.stop()
