"""The push API contract."""

from __future__ import annotations

import ipaddress
import re
from datetime import datetime
from typing import Annotated
from urllib.parse import urlsplit
from uuid import UUID

import msgspec

from backend.mail.schemas import Channels, EventKind
from backend.schemas import Schema, Version

# base64url without padding (browsers) or with it (some libraries): 65 and 16 raw bytes.
P256dh = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9_-]{86}[AEIMQUYcgkosw048](=)?$")]
Auth = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9_-]{21}[AQgw](==)?$")]
Endpoint = Annotated[str, msgspec.Meta(min_length=10, max_length=1000, pattern=r"^https?://[\x21-\x7e]+$")]
LOCAL_HOSTS = {"127.0.0.1", "localhost", "::1"}
_HOST_NAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")
ClockTime = Annotated[str, msgspec.Meta(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]


class PushKeyRead(Schema, kw_only=True):
    public_key: str


class SubscriptionKeys(Schema, kw_only=True):
    p256dh: P256dh
    auth: Auth


def endpoint_problem(endpoint: str) -> str | None:
    """Why a text is not a push service's URL (https, a real host, a port that exists), or None.

    Plain http is allowed only on this machine (the test emulator).
    """
    try:
        parts = urlsplit(endpoint)
        host, port = (parts.hostname or "").lower(), parts.port  # .port raises past 65535
    except ValueError:
        return "The endpoint is not a valid URL."
    if not host or parts.username or parts.password or port == 0 or not _is_host(host):
        return "The endpoint must be a URL with a host."
    if parts.scheme != "https" and not (parts.scheme == "http" and host in LOCAL_HOSTS):
        return "The endpoint must be an https URL."
    return None


def _is_host(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
        return True
    except ValueError:
        return bool(_HOST_NAME.match(host))


def _check_endpoints(*endpoints: str | None) -> None:
    """Refuse the body while it is decoded (msgspec makes the ValueError a 400 naming the field)."""
    for endpoint in endpoints:
        if endpoint is not None and (problem := endpoint_problem(endpoint)):
            raise ValueError(f"endpoint: {problem}")


class SubscriptionCreate(Schema, kw_only=True):
    """What PushSubscription.toJSON() gives, plus the endpoint it replaces after a change."""

    endpoint: Endpoint
    keys: SubscriptionKeys
    # The browser's own field name; milliseconds since 1970, read but not stored (up to JavaScript's safe integers).
    expirationTime: Annotated[int, msgspec.Meta(ge=0, le=2**53 - 1)] | None = None
    old_endpoint: Endpoint | None = None

    def __post_init__(self) -> None:
        _check_endpoints(self.endpoint, self.old_endpoint)


class SubscriptionDelete(Schema, kw_only=True):
    endpoint: Endpoint

    def __post_init__(self) -> None:
        _check_endpoints(self.endpoint)


class SubscriptionRead(Schema, kw_only=True):
    id: UUID
    endpoint: str
    created_at: datetime


class PushKinds(Schema, kw_only=True):
    """Which kinds of event reach this user by push (the in-app list gets all of them)."""

    want_matched: bool = True
    booking_requested: bool = True
    booking_approved: bool = True
    booking_declined: bool = True
    booking_cancelled: bool = True
    booking_changed: bool = True
    pickup_due: bool = True
    return_due: bool = True
    job_assigned: bool = True
    job_changed: bool = True
    message_received: bool = True


class PreferencesRead(Schema, kw_only=True):
    kinds: PushKinds
    # How each kind reaches the person: push, email, both, none or digest (push follows `kinds`).
    channels: Channels
    # Kinds the municipality's admin switched off: nothing but the in-app list, whatever is chosen.
    off_kinds: list[EventKind]
    quiet_start: str | None
    quiet_end: str | None
    timezone: str
    version: int


class PreferencesUpdate(Schema, kw_only=True):
    """Give `channels` (push, e-mail, both, none or digest per kind) or only `kinds` (push on or off)."""

    version: Version
    kinds: PushKinds | None = None
    channels: Channels | None = None
    quiet_start: ClockTime | None = None
    quiet_end: ClockTime | None = None


class TestSent(Schema, kw_only=True):
    devices: int


class NotificationRead(Schema, kw_only=True):
    id: UUID
    kind: str
    title: str
    body: str
    url: str
    created_at: datetime
    read_at: datetime | None


class NotificationPage(Schema, kw_only=True):
    items: list[NotificationRead]
    unread: int
    next_before: int | None  # pass as ?before= for the next, older page
