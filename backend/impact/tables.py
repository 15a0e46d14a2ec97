"""Impact storage: the versioned factor table, the reuse ledger and the purchase checks.

Quantities are integers in their smallest unit — grams of CO2e, grams of waste, öre — so sums are
exact and identical on SQLite and PostgreSQL. Factor rows and ledger entries are never updated:
an override is a new factor version, and each entry keeps the factor it was computed with.
"""

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

from backend.accounts.tables import Municipality, Unit, User

DECISIONS = ("reused", "bought_used", "bought_new")
FALLBACK_KEY = "*"


class ImpactFactor(Table):
    """One version of the factors for a category slug (or `*`, the weight-based fallback).

    `municipality` empty = the national default; set = that municipality's override. Either
    `co2e_g` (per piece) or `co2e_g_per_kg` (times the piece's weight) gives the CO2e avoided.
    """

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=True, default=None, on_delete=OnDelete.restrict, index=True)
    category_slug = Varchar(length=60, index=True)
    version = Integer(default=1)
    co2e_g = Integer(null=True, default=None)
    co2e_g_per_kg = Integer(null=True, default=None)
    typical_weight_g = Integer(null=True, default=None)
    new_price_ore = Integer(default=0)
    source = Varchar(length=300, default="")
    boundary = Varchar(length=300, default="")
    valid_from = Timestamptz()
    created_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    created_at = Timestamptz()


class ImpactEntry(Table):
    """A completed reuse and what it avoided, computed once with the factor version in force."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    unit = ForeignKey(references=Unit, null=False, on_delete=OnDelete.restrict, index=True)
    # Plain UUIDs, not foreign keys: the ledger outlives listings and must not depend on bookings.
    booking_id = UUID(null=True, default=None)
    listing_id = UUID(null=True, default=None)
    purchase_check_id = UUID(null=True, default=None)
    category_slug = Varchar(length=60)
    deal = Varchar(length=12)
    quantity = Integer(default=1)
    paid_ore = Integer(default=0)
    co2e_g = Integer(default=0)
    saved_ore = Integer(default=0)
    waste_g = Integer(default=0)
    factor = ForeignKey(references=ImpactFactor, null=False, on_delete=OnDelete.restrict)
    factor_version = Integer(default=1)
    month = Varchar(length=7)
    completed_at = Timestamptz()
    created_at = Timestamptz()


class PurchaseCheck(Table):
    """An inköpskontroll: what was needed, what Delbar offered, and what was decided and why."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    unit = ForeignKey(references=Unit, null=False, on_delete=OnDelete.restrict, index=True)
    user = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    need = Varchar(length=200)
    category_slug = Varchar(length=60, default="")
    quantity = Integer(default=1)
    search_query = Varchar(length=200, default="")
    search_hits = Integer(default=0)
    offered = Text(default="[]")
    decision = Varchar(length=12, default="", index=True)
    reason = Text(default="")
    listing_id = UUID(null=True, default=None)
    # The booking the check led to (a plain UUID: bookings live in a later context).
    booking_id = UUID(null=True, default=None)
    spent_ore = Integer(default=0)
    month = Varchar(length=7)
    decided_at = Timestamptz(null=True, default=None)
    version = Integer(default=1)
    created_at = Timestamptz()


class AmeParticipant(Table):
    """Someone who does the AME's work: a person or a team, known by a display name only (no other personal data)."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    name = Varchar(length=100)
    kind = Varchar(length=6, default="person")
    active = Boolean(default=True)
    created_at = Timestamptz()
    # Set when the participant is a person with an account (a driver recording their own time).
    person = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null, unique=True)


class WorkEntry(Table):
    """Time an AME participant spent on one task (a transport job, an intake, a repair), for the hours report."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    participant = ForeignKey(references=AmeParticipant, null=False, on_delete=OnDelete.restrict)
    kind = Varchar(length=10)
    # The job or item the work was for (plain UUIDs: jobs and items live in other contexts).
    task_id = UUID()
    minutes = Integer()
    month = Varchar(length=7)
    recorded_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    created_at = Timestamptz()
