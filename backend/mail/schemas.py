"""The mail API contract: the municipality's defaults, password links, invitations."""

from __future__ import annotations

from typing import Annotated, Literal
from uuid import UUID

import msgspec

from backend.accounts.schemas import Language, Roles
from backend.schemas import Email, Name, NewPassword, Schema, Version

Channel = Literal["push", "email", "both", "none", "digest"]
EventKind = Literal["want_matched", "booking_requested", "booking_approved", "booking_declined", "booking_cancelled",
                    "booking_changed", "pickup_due", "return_due", "job_assigned", "job_changed",
                    "message_received"]
# secrets.token_urlsafe(32): 43 characters of base64url.
Token = Annotated[str, msgspec.Meta(min_length=20, max_length=100, pattern=r"^[A-Za-z0-9_-]+$")]


class Channels(Schema, kw_only=True):
    """How each kind of event reaches a person: push, e-mail, both, none, or a daily digest e-mail."""

    want_matched: Channel = "push"
    booking_requested: Channel = "push"
    booking_approved: Channel = "push"
    booking_declined: Channel = "push"
    booking_cancelled: Channel = "push"
    booking_changed: Channel = "push"
    pickup_due: Channel = "push"
    return_due: Channel = "push"
    job_assigned: Channel = "push"
    job_changed: Channel = "push"
    message_received: Channel = "push"


class DefaultsRead(Schema, kw_only=True):
    channels: Channels
    off_kinds: list[str]
    version: int


class DefaultsUpdate(Schema, kw_only=True):
    version: Version
    channels: Channels
    off_kinds: Annotated[list[EventKind], msgspec.Meta(max_length=10)] = []


class ResetRequest(Schema, kw_only=True):
    email: Email


class Accepted(Schema, kw_only=True):
    detail: str


class LinkRead(Schema, kw_only=True):
    purpose: Literal["reset", "invite"]
    email: str


class PasswordSet(Schema, kw_only=True):
    token: Token
    password: NewPassword


class InvitationCreate(Schema, kw_only=True):
    email: Email
    name: Name
    unit_id: UUID
    roles: Roles
    language: Language = "sv"
    id: UUID | None = None


class InvitationRead(Schema, kw_only=True):
    user_id: UUID
    email: str
    expires_in_days: int
