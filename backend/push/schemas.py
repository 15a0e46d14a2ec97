"""The push API contract."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

import msgspec

from backend.schemas import Schema, Version

# base64url without padding (browsers) or with it (some libraries): 65 and 16 raw bytes.
P256dh = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9_-]{86}[AEIMQUYcgkosw048](=)?$")]
Auth = Annotated[str, msgspec.Meta(pattern=r"^[A-Za-z0-9_-]{21}[AQgw](==)?$")]
Endpoint = Annotated[str, msgspec.Meta(min_length=10, max_length=1000, pattern=r"^https?://[\x21-\x7e]+$")]
ClockTime = Annotated[str, msgspec.Meta(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")]


class PushKeyRead(Schema, kw_only=True):
    public_key: str


class SubscriptionKeys(Schema, kw_only=True):
    p256dh: P256dh
    auth: Auth


class SubscriptionCreate(Schema, kw_only=True):
    """What PushSubscription.toJSON() gives, plus the endpoint it replaces after a change."""

    endpoint: Endpoint
    keys: SubscriptionKeys
    # The browser's own field name; milliseconds since 1970, read but not stored (up to JavaScript's safe integers).
    expirationTime: Annotated[int, msgspec.Meta(ge=0, le=2**53 - 1)] | None = None  # noqa: N815
    old_endpoint: Endpoint | None = None


class SubscriptionDelete(Schema, kw_only=True):
    endpoint: Endpoint


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


class PreferencesRead(Schema, kw_only=True):
    kinds: PushKinds
    quiet_start: str | None
    quiet_end: str | None
    timezone: str
    version: int


class PreferencesUpdate(Schema, kw_only=True):
    version: Version
    kinds: PushKinds
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
