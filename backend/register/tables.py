"""The item register's own storage: each item's register card, and a municipality's custom fields.

A card sits beside its item (one per item, made on the first save) so the register's fields never
touch the columns the tracking context alone writes (state, place, holder) nor its version.
Weights are whole grams and prices whole öre, like the catalogue's.
"""

from __future__ import annotations

from piccolo.columns import UUID, ForeignKey, Integer, OnDelete, Text, Timestamptz, Varchar
from piccolo.table import Table

from backend.accounts.tables import Municipality, Unit, User
from backend.catalog.tables import Item

FIELD_KINDS = ("text", "number", "date", "list")


class ItemCard(Table):
    """An item's register fields; the inventory number is unique in its municipality when set."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    item = ForeignKey(references=Item, null=False, unique=True, on_delete=OnDelete.cascade)
    width_cm = Integer(null=True, default=None)
    depth_cm = Integer(null=True, default=None)
    height_cm = Integer(null=True, default=None)
    weight_g = Integer(null=True, default=None)
    material = Varchar(length=100, default="")
    brand = Varchar(length=100, default="")
    model = Varchar(length=100, default="")
    serial_number = Varchar(length=100, default="")
    # None when not set: the unique index (municipality, inventory_number) lets many cards have none.
    inventory_number = Varchar(length=50, null=True, default=None)
    purchase_year = Integer(null=True, default=None)
    purchase_price_ore = Integer(null=True, default=None)
    condition = Varchar(length=10, default="")
    custodian_unit = ForeignKey(references=Unit, null=True, default=None, on_delete=OnDelete.set_null)
    custodian_person = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    version = Integer(default=1)
    updated_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    updated_at = Timestamptz()


class RegisterField(Table):
    """A custom register field a municipality's admin defined: its name, kind and list options."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    name = Varchar(length=60)
    kind = Varchar(length=10)
    options = Text(default="[]")  # JSON list of strings, for kind "list"
    position = Integer(default=0)
    version = Integer(default=1)
    created_at = Timestamptz()


class RegisterValue(Table):
    """One item's value of one custom field, as text in the field kind's canonical form."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    item = ForeignKey(references=Item, null=False, on_delete=OnDelete.cascade, index=True)
    field = ForeignKey(references=RegisterField, null=False, on_delete=OnDelete.cascade, index=True)
    value = Varchar(length=200)
