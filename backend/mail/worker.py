"""The mail worker: claims due e-mails, sends a batch over a few SMTP connections, records what happened.

Claiming, leases and the loop are every outbox's (backend/outbox_worker.py). Once a day, from
07:00 Swedish time, the held events of earlier days become digests.
"""

from __future__ import annotations

import asyncio
import logging
from collections import Counter
from dataclasses import dataclass
from datetime import timedelta

from backend import clock
from backend.db import Database
from backend.mail import outbox
from backend.mail.channels import ACCOUNT_MESSAGES
from backend.mail.compose import compose
from backend.mail.repository import OutboxRepository
from backend.mail.sender import Outcome, SmtpSender
from backend.mail.signing import unsubscribe_url
from backend.outbox_worker import OutboxWorker
from backend.settings import Settings

log = logging.getLogger("delbar.mail")


@dataclass(frozen=True)
class MailConfig:
    batch: int = 100
    # SMTP connections a batch is spread over: a remote server's round trips overlap.
    connections: int = 4
    lease_seconds: int = 300
    poll_seconds: float = 1.0
    max_attempts: int = 10
    backoff_base: float = 60.0
    backoff_cap: float = 6 * 3600.0


class MailWorker(OutboxWorker):
    name = "mail-worker"

    def __init__(self, db: Database, settings: Settings, sender: SmtpSender, config: MailConfig | None = None) -> None:
        self.repository: OutboxRepository
        self.config: MailConfig
        super().__init__(db, OutboxRepository(), config or MailConfig())
        self.settings, self.sender = settings, sender
        self.domain = settings.mail_from.rsplit("@", 1)[-1].strip(" >") or "delbar.invalid"
        self._secret = ""
        self._digest_checked: str = ""

    async def gather_digests(self) -> int:
        """Make the digests of earlier days and forget old e-mails, at most once per Swedish day and process."""
        now = clock.now()
        cutoff = outbox.digest_cutoff(now)
        if cutoff is None or cutoff.isoformat() == self._digest_checked:
            return 0
        async with self.db.write():
            made = await outbox.gather_digests(now)
            # Once a day, too: e-mails finished longer ago than the retention are deleted (GDPR).
            await self.repository.delete_finished_before(now - timedelta(days=self.settings.push_retention_days))
        self._digest_checked = cutoff.isoformat()
        return made

    async def run_once(self) -> Counter:
        """Claim one batch, send it, record the results; the counts say what happened."""
        rows = await self._claim(clock.now())
        if not rows:
            return Counter()
        sendable = [r for r in rows if r["active"]]
        skipped = [r for r in rows if not r["active"]]
        share = -(-len(sendable) // self.config.connections) if sendable else 1
        parts = [sendable[i:i + share] for i in range(0, len(sendable), share)]
        # Rendering and sending run in threads: the event loop keeps serving requests meanwhile.
        secret = self._secret
        results = await asyncio.gather(*(asyncio.to_thread(self._render_and_send, part, secret) for part in parts))
        outcomes = [outcome for result in results for outcome in result]
        await self._record(sendable, outcomes, skipped)
        return Counter(o.result for o in outcomes) + Counter({"skipped": len(skipped)} if skipped else {})

    async def _claimed(self, rows: list[dict]) -> None:
        """The secret behind unsubscribe links, read (or made) in the claim's transaction."""
        self._secret = await outbox.signing_secret()

    def _render_and_send(self, rows: list[dict], secret: str) -> list[Outcome]:
        """Each row as an e-mail in its reader's language, sent on one connection (a thread's work)."""
        letters = []
        for row in rows:
            unsubscribe = None if row["message"] in ACCOUNT_MESSAGES else unsubscribe_url(
                self.settings.app_url, secret, row["user_id"], row["kind"])
            letters.append(compose(row, sender=self.settings.mail_from, base_url=self.settings.app_url,
                                   unsubscribe=unsubscribe, domain=self.domain))
        return self.sender.send_batch(letters)

    async def _record(self, rows: list[dict], outcomes: list[Outcome], skipped: list[dict]) -> None:
        now = clock.now()
        pairs = list(zip(rows, outcomes, strict=True))
        sent = [r["id"] for r, o in pairs if o.result == "sent"]
        links = [r["id"] for r, o in pairs if o.result == "sent" and r["message"] in ACCOUNT_MESSAGES]
        async with self.db.write():
            await self.repository.mark_sent(sent, now)
            await self.repository.forget_links(links)
            for row, outcome in pairs:
                if outcome.result == "retry" and row["attempts"] < self.config.max_attempts:
                    await self.repository.reschedule(row["id"], now + self._backoff(row["attempts"]), outcome.error)
                elif outcome.result != "sent":
                    status = "failed" if outcome.result == "retry" else outcome.result
                    await self.repository.close(row["id"], status, outcome.error)
            for row in skipped:
                await self.repository.close(row["id"], "failed", "the account is deactivated")
        for row, outcome in pairs:
            if outcome.result != "sent":
                log.info("mail %s %s: %s", row["id"], outcome.result, outcome.error)

    async def run_until_idle(self) -> Counter:
        """Send everything due now (tests, the bench)."""
        total: Counter = Counter()
        while counts := await self.run_once():
            total += counts
        return total

    async def run_forever(self) -> None:
        outbox.on_queue(self._wake.set)
        try:
            await self._loop(self._digests_and_batch, log)
        finally:
            outbox.off_queue(self._wake.set)

    async def _digests_and_batch(self) -> Counter:
        await self.gather_digests()
        return await self.run_once()
