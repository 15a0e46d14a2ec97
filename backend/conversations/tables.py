"""Conversation storage: one conversation per subject (and per asker, for a listing), its people and messages.

`subject_id` is a plain UUID, not a foreign key: it names a listing, a booking or a transport job,
which live in other contexts; the service checks it when a conversation starts. The inbox reads
participant rows (per user, newest first) and a conversation's page reads message rows (newest
first): both have a composite index made in the migration, which Piccolo's columns cannot declare.
"""

from __future__ import annotations

from piccolo.columns import UUID, Boolean, ForeignKey, Integer, OnDelete, Text, Timestamptz, Varchar
from piccolo.table import Table

from backend.accounts.tables import Municipality, Unit, User

SUBJECT_KINDS = ("listing", "booking", "job")
ROLES = ("asker", "owner", "requester", "driver", "recipient", "coordinator")


class Conversation(Table):
    """A samtal about one subject, owned by the municipality (and unit) that owns the subject."""

    id = UUID(primary_key=True)
    subject_kind = Varchar(length=10)
    subject_id = UUID(index=True)
    # "listing:<id>:<asker>" or "booking:<id>" / "job:<id>": one conversation per key.
    subject_key = Varchar(length=120, unique=True)
    owner_municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    # The unit whose members read the conversation with its participants (none for a transport job).
    owner_unit = ForeignKey(references=Unit, null=True, default=None, on_delete=OnDelete.restrict, index=True)
    title = Varchar(length=120, default="")
    photo_id = UUID(null=True, default=None)
    preview = Varchar(length=140, default="")
    created_at = Timestamptz()
    last_message_at = Timestamptz(index=True)


class Participant(Table):
    """A person in a conversation, with their read state and when they were last alerted."""

    id = UUID(primary_key=True)
    conversation = ForeignKey(references=Conversation, null=False, on_delete=OnDelete.cascade, index=True)
    user = ForeignKey(references=User, null=False, on_delete=OnDelete.cascade)
    role = Varchar(length=12)
    # A copy of the conversation's, so the inbox is one index range per user.
    last_message_at = Timestamptz()
    last_read_at = Timestamptz(null=True, default=None)
    unread = Integer(default=0)
    notified_at = Timestamptz(null=True, default=None)


class Message(Table):
    """One message; client_id is unique per author, so a replayed send makes one message."""

    id = UUID(primary_key=True)
    conversation = ForeignKey(references=Conversation, null=False, on_delete=OnDelete.cascade)
    author = ForeignKey(references=User, null=False, on_delete=OnDelete.cascade)
    client_id = UUID()
    body = Text(default="")
    hidden = Boolean(default=False)
    reported = Boolean(default=False)
    # Who reported it and when, for the coordinators' list; cleared when a coordinator dismisses the report.
    reported_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    reported_at = Timestamptz(null=True, default=None, index=True)
    # A photo in the photo store under "<conversation>/<message>-display.webp" (and -thumb).
    photo = Boolean(default=False)
    created_at = Timestamptz()


class RetentionSetting(Table):
    """A municipality's own retention for its conversations' messages, set by its admin; without a
    row the installation's DELBAR_CONVERSATION_RETENTION_DAYS applies."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.cascade, unique=True)
    days = Integer()
    updated_at = Timestamptz()
