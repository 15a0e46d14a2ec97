"""The app's mail hooks: run the in-process mail worker while serving, when an SMTP host is set."""

from __future__ import annotations

from backend.db import Database
from backend.mail.sender import SmtpConfig, SmtpSender
from backend.mail.worker import MailWorker
from backend.settings import Settings


class MailLifespan:
    """On SQLite the worker lives in the app process (one writer); on PostgreSQL several app
    processes may each run one, sharing the outbox (DELBAR_MAIL_WORKER=0 turns one off)."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db, self.settings = db, settings
        self.worker: MailWorker | None = None

    async def start(self) -> None:
        if self.settings.mail_worker and self.settings.mail_enabled:
            self.worker = MailWorker(self.db, self.settings, SmtpSender(SmtpConfig.from_settings(self.settings)))
            self.worker.start()

    async def stop(self) -> None:
        if self.worker is not None:
            await self.worker.stop()
            self.worker = None
