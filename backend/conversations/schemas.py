"""The conversations API contract: the inbox, a conversation's page, and messages."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec

from backend.schemas import Schema

SubjectKind = Literal["listing", "booking", "job"]
# Up to 20,000 characters are read so a long text gets a 422 that says how long it was; at most
# 4,000 characters (after trimming) are kept, and an empty message is refused the same way.
Body = Annotated[str, msgspec.Meta(max_length=20_000, pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]*$",
                                   description="1–4,000 characters after trimming (else 422).")]
PhotoSize = Literal["display", "thumb"]


class ConversationStart(Schema, kw_only=True):
    """Start, or find, the conversation about a listing (asked by you), a booking or a transport job."""

    subject_kind: SubjectKind
    subject_id: UUID


class MessageCreate(Schema, kw_only=True):
    """client_id is made by the phone: sending the same one again makes no second message."""

    client_id: UUID
    body: Body


class MessageHide(Schema, kw_only=True):
    hidden: bool = True


class Subject(Schema, kw_only=True):
    kind: str
    id: UUID
    title: str
    photo_url: str | None


class Person(Schema, kw_only=True):
    id: UUID
    name: str
    role: str


class InboxEntry(Schema, kw_only=True):
    id: UUID
    subject: Subject
    preview: str
    last_message_at: datetime
    unread: int


class InboxRead(Schema, kw_only=True):
    items: list[InboxEntry]
    unread_total: int
    # Pass as `before` for the next (older) page; null on the last page.
    next_before: datetime | None


class UnreadRead(Schema, kw_only=True):
    count: int


class MessageRead(Schema, kw_only=True):
    id: UUID
    client_id: UUID
    author: Person
    # Empty when a coordinator has hidden the message (coordinators still read it).
    body: str
    hidden: bool
    # Shown to the coordinators only.
    reported: bool
    # The photo's address (WebP), or null; thumb_url is the small one.
    photo_url: str | None
    thumb_url: str | None
    mine: bool
    created_at: datetime


class ConversationRead(Schema, kw_only=True):
    id: UUID
    subject: Subject
    participants: list[Person]
    # Newest first; pass next_before as `before` for older ones.
    messages: list[MessageRead]
    next_before: datetime | None


class ReportEntry(Schema, kw_only=True):
    """A reported message for the coordinators: the message, its conversation's subject, who reported it and when."""

    conversation_id: UUID
    subject: Subject
    message: MessageRead
    # Null when the person who reported it has been deleted since.
    reported_by: Person | None
    reported_at: datetime


class ReportsRead(Schema, kw_only=True):
    # Newest report first; pass next_before as `before` for older ones.
    items: list[ReportEntry]
    next_before: datetime | None


# A municipality's own retention: from a month to ten years (the law asks no longer, a month is
# the least a coordinator needs to follow up a report).
RETENTION_MIN_DAYS, RETENTION_MAX_DAYS = 30, 3650
RetentionDays = Annotated[int, msgspec.Meta(ge=RETENTION_MIN_DAYS, le=RETENTION_MAX_DAYS,
                                            description="Days a message is kept, 30 to 3650.")]


class RetentionRead(Schema, kw_only=True):
    """How long the municipality's conversations keep their messages: its own days, or the installation's."""

    days: int
    own_days: int | None
    default_days: int
    min_days: int = RETENTION_MIN_DAYS
    max_days: int = RETENTION_MAX_DAYS


class RetentionUpdate(Schema, kw_only=True):
    """The municipality's own days; null goes back to the installation's default."""

    own_days: RetentionDays | None
