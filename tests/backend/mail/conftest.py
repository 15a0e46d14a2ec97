"""A real SMTP server (aiosmtpd) on a free port for the whole run, and a mail worker that sends to it.

The server's handler keeps what it received and can be told to answer an address with a
refusal: a temporary one (4xx) a given number of times, or a permanent one (5xx).
"""

from __future__ import annotations

import email
import email.policy
import socket
import time
from dataclasses import dataclass, field
from email.message import EmailMessage

import pytest
from aiosmtpd.controller import Controller

from backend.mail.sender import SmtpConfig, SmtpSender
from backend.mail.worker import MailConfig, MailWorker
from backend.settings import Settings

APP_URL = "https://delbar.test"
FROM = "Delbar <noreply@delbar.test>"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Received:
    mail_from: str
    rcpt_tos: list[str]
    message: EmailMessage


@dataclass
class Inbox:
    """The handler: stores each accepted envelope; answers from `refuse_rcpt` or `refuse_data` first."""

    received: list[Received] = field(default_factory=list)
    refuse_rcpt: dict[str, str] = field(default_factory=dict)
    refuse_data: dict[str, list[str]] = field(default_factory=dict)
    port: int = 0

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse_rcpt:
            return self.refuse_rcpt[address]
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        for address in envelope.rcpt_tos:
            answers = self.refuse_data.get(address)
            if answers:
                return answers.pop(0)
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        self.received.append(Received(envelope.mail_from, list(envelope.rcpt_tos), message))
        return "250 Message accepted for delivery"

    def to(self, address: str) -> list[EmailMessage]:
        return [r.message for r in self.received if address in r.rcpt_tos]

    def wait_for(self, address: str, count: int = 1, timeout: float = 20.0) -> list[EmailMessage]:
        """The messages to an address once `count` have come (a server in another process sends them)."""
        deadline = time.monotonic() + timeout
        while len(found := self.to(address)) < count:
            if time.monotonic() > deadline:
                raise AssertionError(f"no e-mail to {address} within {timeout} s")
            time.sleep(0.1)
        return found

    def clear(self) -> None:
        self.received.clear()
        self.refuse_rcpt.clear()
        self.refuse_data.clear()


@pytest.fixture(scope="session")
def smtp_server():
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=free_port())
    controller.start()
    yield controller
    controller.stop()


@pytest.fixture
def inbox(smtp_server) -> Inbox:
    smtp_server.handler.clear()
    return smtp_server.handler


def mail_settings(smtp_server) -> Settings:
    return Settings(smtp_host="127.0.0.1", smtp_port=smtp_server.port, smtp_security="none", app_url=APP_URL,
                    mail_from=FROM, smtp_timeout_seconds=5)


@pytest.fixture
def mailer(app, smtp_server) -> MailWorker:
    settings = mail_settings(smtp_server)
    return MailWorker(app.state.db, settings, SmtpSender(SmtpConfig.from_settings(settings)),
                      MailConfig(backoff_base=60))


def plain_body(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("plain",)).get_content()


def html_body(message: EmailMessage) -> str:
    return message.get_body(preferencelist=("html",)).get_content()
