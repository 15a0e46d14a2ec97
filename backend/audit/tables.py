"""The audit trail's storage: one append-only row per administrative change or sign-in.

The log outlives what it describes (a deleted unit, a removed user), so its ids are plain values,
not foreign keys. Nothing updates or deletes a row, except the retention that blanks the personal
data in it (backend.audit.service.blank_personal_data).
"""

from __future__ import annotations

from piccolo.columns import UUID, Text, Timestamptz, Varchar
from piccolo.table import Table


class AuditEvent(Table, tablename="audit_event"):
    """Who did what to which object, when, and (for sign-ins) from where."""

    id = UUID(primary_key=True)
    at = Timestamptz(index=True)
    # None: a sign-in attempt for an e-mail address that belongs to no account.
    municipality = UUID(null=True, default=None, index=True)
    actor = UUID(null=True, default=None, index=True)
    # The actor's name when it happened, kept for the record; blanked after the retention.
    actor_name = Varchar(length=200, default="")
    action = Varchar(length=60, index=True)
    object_type = Varchar(length=40, default="")
    object_id = Varchar(length=100, default="")
    # What the object was called then (a person's or unit's name), for reading; a person's is blanked
    # after the retention like the actor's.
    object_name = Varchar(length=200, default="")
    # JSON objects of the changed fields only: their values before and after.
    before = Text(default="{}")
    after = Text(default="{}")
    address = Varchar(length=64, default="")
    user_agent = Varchar(length=300, default="")
