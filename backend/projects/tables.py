"""Move project storage: a flytt or utrymning, its collaborators and the listings registered to it.

A project item is a link to one of the catalogue's listings (made as a draft by the catalogue's own
use case) plus the planned end of what is not taken on the share day.
"""

from __future__ import annotations

from piccolo.columns import UUID, Date, ForeignKey, Integer, OnDelete, Timestamptz, Varchar
from piccolo.table import Table

from backend.accounts.tables import Municipality, User
from backend.catalog.tables import Listing
from backend.locations.tables import Location

PROJECT_STATUSES = ("planning", "listed", "closed")
# What happens to an item: reused (taken by someone), or a planned end for what was left.
OUTCOMES = ("reused", "storage", "recycling", "disposal")


class Project(Table):
    """A flyttprojekt: a place, a day, the people on it, owned by one municipality."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    name = Varchar(length=120)
    address = Varchar(length=300, default="")
    location = ForeignKey(references=Location, null=True, default=None, on_delete=OnDelete.set_null)
    day = Date()
    share_day = Date(null=True, default=None)
    status = Varchar(length=12, default="planning", index=True)
    created_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    version = Integer(default=1)
    created_at = Timestamptz()
    updated_at = Timestamptz()


class ProjectMember(Table):
    """A collaborator: a person of the project's municipality."""

    id = UUID(primary_key=True)
    project = ForeignKey(references=Project, null=False, on_delete=OnDelete.cascade, index=True)
    user = ForeignKey(references=User, null=False, on_delete=OnDelete.cascade, index=True)


class ProjectItem(Table):
    """One listing registered to the project ahead of the day, and where it ends up."""

    id = UUID(primary_key=True)
    project = ForeignKey(references=Project, null=False, on_delete=OnDelete.cascade, index=True)
    listing = ForeignKey(references=Listing, null=False, on_delete=OnDelete.cascade, unique=True)
    outcome = Varchar(length=12, default="")
    created_at = Timestamptz()
