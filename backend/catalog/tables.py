"""Catalogue storage: categories, listings, items, availability windows, photos, wants, audit.

Money is stored as whole öre in Integer columns (`price_ore`: 12 500 öre = 125 kr): exact, no
float rounding, and the same type on SQLite and PostgreSQL.
"""

from __future__ import annotations

from piccolo.columns import (
    UUID,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from backend.accounts.tables import Municipality, Unit, User
from backend.locations.tables import Location

DEALS = ("give", "lend", "rent", "sell")
RENT_PERIODS = ("day", "week", "month")
STATUSES = ("draft", "published", "paused", "closed")
TIERS = ("unit", "municipality", "network", "public")
CONDITIONS = ("new", "good", "used", "worn", "broken")
ITEM_STATES = (
    "registered",
    "in_storage",
    "reserved",
    "in_transit",
    "delivered",
    "returned",
    "missing",
    "sold",
    "given_away",
    "recycled",
    "disposed",
)
WANT_STATUSES = ("open", "closed")


class Category(Table):
    """A node of the shared Swedish category tree (the same for every municipality)."""

    id = UUID(primary_key=True)
    parent = ForeignKey(references="self", null=True, default=None, on_delete=OnDelete.restrict, index=True)
    slug = Varchar(length=60, unique=True)
    name_sv = Varchar(length=100)
    name_en = Varchar(length=100)
    position = Integer(default=0)


class Listing(Table):
    """An annons: one kind, one deal, offered by one unit, visible from `visibility` upwards.

    Share day: when `widen_to` is set, the listing also becomes visible to that wider tier from
    `share_at` (published_at + `share_days`), so the owner's colleagues get first pick.
    """

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    owner_unit = ForeignKey(references=Unit, null=False, on_delete=OnDelete.restrict, index=True)
    created_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    kind = Varchar(length=20)
    deal = Varchar(length=10)
    category = ForeignKey(references=Category, null=True, default=None, on_delete=OnDelete.restrict, index=True)
    title = Varchar(length=120)
    description = Text(default="")
    condition = Varchar(length=10, default="")
    tags = Varchar(length=300, default="")
    price_ore = Integer(null=True, default=None)
    rent_period = Varchar(length=10, default="")
    quantity = Integer(default=1)
    width_cm = Integer(null=True, default=None)
    depth_cm = Integer(null=True, default=None)
    height_cm = Integer(null=True, default=None)
    weight_g = Integer(null=True, default=None)
    location = ForeignKey(references=Location, null=True, default=None, on_delete=OnDelete.set_null)
    available_from = Date(null=True, default=None)
    available_until = Date(null=True, default=None)
    status = Varchar(length=12, default="draft", index=True)
    visibility = Varchar(length=12, default="municipality")
    widen_to = Varchar(length=12, default="")
    share_days = Integer(null=True, default=None)
    share_at = Timestamptz(null=True, default=None, index=True)
    shared_matched = Boolean(default=False)
    search_text = Text(default="")
    published_at = Timestamptz(null=True, default=None, index=True)
    version = Integer(default=1)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class Item(Table):
    """One physical thing (a sak/möbel), individually labelled, usually grouped under a listing.

    The tracking context is the only writer of `state`, `location` and `holder_unit`.
    """

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    listing = ForeignKey(references=Listing, null=True, default=None, on_delete=OnDelete.set_null, index=True)
    owner_unit = ForeignKey(references=Unit, null=False, on_delete=OnDelete.restrict, index=True)
    title = Varchar(length=60)
    category = ForeignKey(references=Category, null=True, default=None, on_delete=OnDelete.restrict)
    state = Varchar(length=20, default="registered", index=True)
    location = ForeignKey(references=Location, null=True, default=None, on_delete=OnDelete.restrict, index=True)
    holder_unit = ForeignKey(references=Unit, null=True, default=None, on_delete=OnDelete.restrict)
    version = Integer(default=1)
    created_at = Timestamptz()


class AvailabilityWindow(Table):
    """A bookable time window of a service or staffing listing, with room for `capacity` bookings."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    listing = ForeignKey(references=Listing, null=False, on_delete=OnDelete.cascade, index=True)
    starts_at = Timestamptz()
    ends_at = Timestamptz()
    capacity = Integer(default=1)
    version = Integer(default=1)
    created_at = Timestamptz()


class ListingEvent(Table):
    """Audit trail of a listing: who did what, when, and which fields changed (JSON)."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    listing = ForeignKey(references=Listing, null=False, on_delete=OnDelete.cascade, index=True)
    actor = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    action = Varchar(length=20)
    changes = Text(default="{}")
    at = Timestamptz()


class Photo(Table):
    """A processed photo of a listing, of one of its items, or of an item on no listing yet (taken at intake;
    it goes onto the listing when the item is listed): storage keys of its renditions."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    listing = ForeignKey(references=Listing, null=True, default=None, on_delete=OnDelete.cascade, index=True)
    item = ForeignKey(references=Item, null=True, default=None, on_delete=OnDelete.set_null, index=True)
    position = Integer(default=0)
    width = Integer(default=0)
    height = Integer(default=0)
    display_key = Varchar(length=200)
    thumb_key = Varchar(length=200)
    created_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    created_at = Timestamptz()


class Want(Table):
    """An efterlysning: what a user's unit is looking for; open wants are visible in their tier."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    unit = ForeignKey(references=Unit, null=False, on_delete=OnDelete.restrict, index=True)
    user = ForeignKey(references=User, null=False, on_delete=OnDelete.cascade, index=True)
    text = Varchar(length=200)
    kind = Varchar(length=20, default="")
    category = ForeignKey(references=Category, null=True, default=None, on_delete=OnDelete.restrict)
    quantity = Integer(default=1)
    needed_by = Date(null=True, default=None)
    visibility = Varchar(length=12, default="municipality")
    status = Varchar(length=10, default="open", index=True)
    search_text = Text(default="")
    version = Integer(default=1)
    created_at = Timestamptz()


class WantMatch(Table):
    """A listing found for a want, recorded in the same transaction that published or widened it."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    want = ForeignKey(references=Want, null=False, on_delete=OnDelete.cascade, index=True)
    listing = ForeignKey(references=Listing, null=False, on_delete=OnDelete.cascade, index=True)
    seen = Boolean(default=False)
    created_at = Timestamptz()
