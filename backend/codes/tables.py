"""Codes storage: print batches and the codes printed in them."""

from __future__ import annotations

from piccolo.columns import UUID, ForeignKey, Integer, OnDelete, Timestamptz, Varchar
from piccolo.table import Table

from backend.accounts.tables import Municipality, User
from backend.locations.tables import Location

CODE_STATUSES = ("unlinked", "linked", "retired")


class CodeBatch(Table):
    """One print run of fresh codes: a pre-printed sheet or roll waiting for items."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    name = Varchar(length=200)
    size = Integer()
    created_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    created_at = Timestamptz()


class Code(Table):
    """The text on one label; unlinked → linked to an item or a location → retired on relabel.

    `item` is a plain UUID, not a foreign key: items live in the catalogue context, whose
    migrations must not become a dependency of printing labels. The services check it.
    """

    id = UUID(primary_key=True)
    text = Varchar(length=8, unique=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    # No single-column index: Piccolo would name it "code_batch", the name of the batch table.
    batch = ForeignKey(references=CodeBatch, null=True, default=None, on_delete=OnDelete.restrict)
    status = Varchar(length=10, default="unlinked")
    item = UUID(null=True, default=None, index=True)
    location = ForeignKey(references=Location, null=True, default=None, on_delete=OnDelete.restrict, index=True)
    replaced_by = ForeignKey(references="self", null=True, default=None, on_delete=OnDelete.restrict)
    linked_at = Timestamptz(null=True, default=None)
    version = Integer(default=1)
    created_at = Timestamptz()
