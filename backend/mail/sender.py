"""Sending over SMTP with the standard library: one connection per batch, each message's fate told apart.

smtplib blocks, so a batch runs in a thread. A 4xx answer or a lost connection is worth another
try later; a 5xx answer to the recipient is a bounce, to the sender or the data a refusal; neither
is tried again.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage

from backend.settings import Settings


@dataclass(frozen=True)
class Outcome:
    result: str  # sent, retry, refused, bounced
    error: str = ""


@dataclass(frozen=True)
class SmtpConfig:
    host: str
    port: int
    security: str = "starttls"
    username: str = ""
    password: str = ""
    timeout: float = 30.0
    ca_file: str = ""

    @classmethod
    def from_settings(cls, settings: Settings) -> SmtpConfig:
        return cls(settings.smtp_host, settings.smtp_port, settings.smtp_security, settings.smtp_username,
                   settings.smtp_password, settings.smtp_timeout_seconds, settings.smtp_ca_file)

    def tls_context(self) -> ssl.SSLContext:
        """The server's certificate and host name are checked, against ca_file when one is given."""
        return ssl.create_default_context(cafile=self.ca_file or None)


def _answer(code: int, text: bytes | str) -> str:
    message = text.decode(errors="replace") if isinstance(text, bytes) else str(text)
    return f"{code} {message}"[:300]


class SmtpSender:
    def __init__(self, config: SmtpConfig) -> None:
        self.config = config

    def _connect(self) -> smtplib.SMTP:
        config = self.config
        if config.security == "tls":
            connection: smtplib.SMTP = smtplib.SMTP_SSL(config.host, config.port, timeout=config.timeout,
                                                        context=config.tls_context())
        else:
            connection = smtplib.SMTP(config.host, config.port, timeout=config.timeout)
            if config.security == "starttls":
                connection.starttls(context=config.tls_context())
        if config.username:
            connection.login(config.username, config.password)
        return connection

    def send_batch(self, messages: list[EmailMessage]) -> list[Outcome]:
        """Send each message on one connection (opened again if the server drops it)."""
        outcomes: list[Outcome] = []
        connection: smtplib.SMTP | None = None
        try:
            for message in messages:
                if connection is None:
                    try:
                        connection = self._connect()
                    except (OSError, smtplib.SMTPException) as error:
                        reason = f"connect: {error}"[:300]
                        return outcomes + [Outcome("retry", reason)] * (len(messages) - len(outcomes))
                outcome = self._one(connection, message)
                if outcome.result == "retry" and outcome.error.startswith(("connection", "421")):
                    connection = None
                outcomes.append(outcome)
        finally:
            if connection is not None:
                try:
                    connection.quit()
                except (OSError, smtplib.SMTPException):
                    connection.close()
        return outcomes

    @staticmethod
    def _one(connection: smtplib.SMTP, message: EmailMessage) -> Outcome:
        try:
            connection.send_message(message)
            return Outcome("sent")
        except smtplib.SMTPRecipientsRefused as error:
            code, text = next(iter(error.recipients.values()))
            return Outcome("bounced" if code >= 500 else "retry", _answer(code, text))
        except smtplib.SMTPServerDisconnected as error:
            return Outcome("retry", f"connection lost: {error}"[:300])
        except smtplib.SMTPResponseException as error:
            return Outcome("refused" if error.smtp_code >= 500 else "retry", _answer(error.smtp_code, error.smtp_error))
        except (OSError, smtplib.SMTPException) as error:
            return Outcome("retry", f"connection: {error}"[:300])
