"""Mail storage: the signing key, the outbox, people's channel choices, the municipality's defaults,
password links and the requests for them."""

from __future__ import annotations

from piccolo.columns import (
    UUID,
    Boolean,
    ForeignKey,
    Integer,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from backend.accounts.tables import Municipality, User


class MailKey(Table):
    """The secret that signs unsubscribe links: made once on first start, so old links keep working."""

    id = UUID(primary_key=True)
    secret = Varchar(length=100)
    created_at = Timestamptz()


class MailMessage(Table):
    """One e-mail to one person: the outbox row written in the change's transaction, sent by the worker.

    The text is the catalogue key and its parameters, rendered in the reader's language when sent;
    the address is the person's at that moment. Status: pending, held (for the daily digest),
    digested, sent, failed (gave up after retries), refused (the server said no for good, 5xx),
    bounced (the recipient was refused).
    """

    id = UUID(primary_key=True)
    user = ForeignKey(references=User, null=False, on_delete=OnDelete.cascade, index=True)
    kind = Varchar(length=30)
    message = Varchar(length=60)
    params = Text(default="")
    url = Varchar(length=1000, default="/")
    status = Varchar(length=10, default="pending", index=True)
    attempts = Integer(default=0)
    next_attempt_at = Timestamptz()
    leased_until = Timestamptz(null=True, default=None)
    last_error = Varchar(length=300, default="")
    sent_at = Timestamptz(null=True, default=None)
    created_at = Timestamptz(index=True)


class MailPreference(Table):
    """A person's channel per kind of event (JSON: kind → push, email, both, none or digest)."""

    id = UUID(primary_key=True)
    user = ForeignKey(references=User, null=False, on_delete=OnDelete.cascade, unique=True)
    channels = Text(default="{}")
    version = Integer(default=1)
    updated_at = Timestamptz()


class MailDefault(Table):
    """A municipality's default channel per kind, and the kinds its admin switched off."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.cascade, unique=True)
    channels = Text(default="{}")
    off_kinds = Varchar(length=400, default="")
    version = Integer(default=1)
    updated_at = Timestamptz()


class MailToken(Table):
    """A password link (reset or invitation): single use, expiring, only its SHA-256 kept."""

    id = UUID(primary_key=True)
    token_hash = Varchar(length=64, unique=True)
    user = ForeignKey(references=User, null=False, on_delete=OnDelete.cascade, index=True)
    purpose = Varchar(length=10)
    expires_at = Timestamptz()
    used = Boolean(default=False)
    created_at = Timestamptz(index=True)


class MailRequest(Table):
    """A request for a reset link, kept a day for rate limiting: the address and the client as hashes."""

    id = UUID(primary_key=True)
    account_key = Varchar(length=64, index=True)
    address = Varchar(length=64, index=True)
    at = Timestamptz(index=True)
