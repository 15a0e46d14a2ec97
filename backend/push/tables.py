"""Push storage: the VAPID key, devices, preferences, the in-app list and the delivery outbox."""

from __future__ import annotations

from piccolo.columns import (
    UUID,
    BigInt,
    ForeignKey,
    Integer,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from backend.accounts.tables import User


class PushKey(Table):
    """The server's VAPID key pair: made once on first start, kept so subscriptions stay valid."""

    id = UUID(primary_key=True)
    private_pem = Text()
    public_pem = Text()
    application_server_key = Varchar(length=100)
    created_at = Timestamptz()


class PushSubscription(Table):
    """One device of a user that accepts pushes; the endpoint URL identifies it."""

    id = UUID(primary_key=True)
    user = ForeignKey(references=User, null=False, on_delete=OnDelete.cascade, index=True)
    endpoint = Varchar(length=1000, unique=True)
    p256dh = Varchar(length=100)
    auth = Varchar(length=50)
    user_agent = Varchar(length=300, default="")
    created_at = Timestamptz()


class PushPreference(Table):
    """A user's choices: kinds turned off, and quiet hours in Swedish local time."""

    id = UUID(primary_key=True)
    user = ForeignKey(references=User, null=False, on_delete=OnDelete.cascade, unique=True)
    disabled_kinds = Varchar(length=400, default="")
    quiet_start = Varchar(length=5, null=True, default=None)
    quiet_end = Varchar(length=5, null=True, default=None)
    version = Integer(default=1)
    updated_at = Timestamptz()


class Notification(Table):
    """One entry of a user's in-app list; written whether or not any push goes out."""

    id = UUID(primary_key=True)
    user = ForeignKey(references=User, null=False, on_delete=OnDelete.cascade, index=True)
    seq = BigInt(index=True)
    kind = Varchar(length=30)
    title = Varchar(length=200)
    body = Varchar(length=1000, default="")
    url = Varchar(length=500, default="/")
    tag = Varchar(length=100, default="")
    # The catalogue key and its parameters (JSON), rendered in the reader's language when read or
    # sent (backend/messages.py); title and body hold literal text only for rows without a key.
    message = Varchar(length=60, default="")
    params = Text(default="")
    created_at = Timestamptz()
    read_at = Timestamptz(null=True, default=None)


class PushDelivery(Table):
    """One notification to one device: the outbox row the worker claims, sends and retries."""

    id = UUID(primary_key=True)
    notification = ForeignKey(references=Notification, null=False, on_delete=OnDelete.cascade, index=True)
    subscription = ForeignKey(references=PushSubscription, null=False, on_delete=OnDelete.cascade)
    seq = BigInt()
    status = Varchar(length=10, default="pending")
    attempts = Integer(default=0)
    next_attempt_at = Timestamptz()
    leased_until = Timestamptz(null=True, default=None)
    last_error = Varchar(length=300, default="")
    sent_at = Timestamptz(null=True, default=None)


class PushReminder(Table):
    """A reminder already queued, by key (kind:booking:day): a daily job run twice sends it once."""

    id = UUID(primary_key=True)
    key = Varchar(length=120, unique=True)
    created_at = Timestamptz(index=True)
