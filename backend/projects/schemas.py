"""The move project API contract: projects, their collaborators, items, outcomes and report."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec

from backend.catalog.schemas import Grams, Quantity, Title
from backend.schemas import Schema, ShortText, Version

# At most this many items per project, and per outcome change: a building's clearance, not a warehouse.
MAX_ITEMS = 200
MAX_OUTCOMES = 100
MAX_MEMBERS = 50

ProjectName = Annotated[str, msgspec.Meta(
    min_length=1, max_length=120, pattern=r"^[^\x00-\x1f\x7f-\x9f\ud800-\udfff]*\S[^\x00-\x1f\x7f-\x9f\ud800-\udfff]*$",
    description="1 to 120 characters, not only spaces")]
ProjectDay = Annotated[date, msgspec.Meta(
    description="The day of the move: from one year ago to two years ahead")]
ShareDay = Annotated[date, msgspec.Meta(
    description="From this day the listings are also open to the municipality's network: tomorrow at the "
                "earliest, at most 365 days ahead")]
MemberIds = Annotated[list[UUID], msgspec.Meta(
    max_length=MAX_MEMBERS, description=f"At most {MAX_MEMBERS} people of the municipality, each once")]
Outcome = Literal["reused", "storage", "recycling", "disposal"]
PlannedEnd = Literal["storage", "recycling", "disposal"]
ItemKind = Literal["furniture", "equipment"]
Status = Literal["planning", "listed", "closed"]


class ProjectFields(Schema, kw_only=True):
    name: ProjectName
    address: ShortText = ""
    location_id: UUID | None = None
    day: ProjectDay
    member_ids: MemberIds = msgspec.field(default_factory=list)

    def __post_init__(self) -> None:
        if len(set(self.member_ids)) != len(self.member_ids):
            raise ValueError("each person may be given only once")


class ProjectCreate(ProjectFields, kw_only=True):
    id: UUID | None = None


class ProjectUpdate(ProjectFields, kw_only=True):
    """The whole project as it should be (collaborators included), from the version read."""

    version: Version


class ItemCreate(Schema, kw_only=True):
    """One thing registered ahead of the day: a draft listing to give away, at the project's place."""

    title: Title
    kind: ItemKind = "furniture"
    category_id: UUID | None = None
    quantity: Quantity = 1
    weight_g: Grams | None = None
    id: UUID | None = None


class ListAll(Schema, kw_only=True):
    share_day: ShareDay
    version: Version


class ProjectClose(Schema, kw_only=True):
    version: Version


class OutcomeEntry(Schema, kw_only=True):
    id: UUID
    outcome: Outcome | None


class OutcomeChange(Schema, kw_only=True):
    items: Annotated[list[OutcomeEntry], msgspec.Meta(
        min_length=1, max_length=MAX_OUTCOMES,
        description=f"1 to {MAX_OUTCOMES} of the project's items, each once; all change or none")]

    def __post_init__(self) -> None:
        if len({e.id for e in self.items}) != len(self.items):
            raise ValueError("each item may be given only once")


class RestOutcome(Schema, kw_only=True):
    """Where every item that nobody took and that has no planned end yet goes."""

    outcome: PlannedEnd


class Person(Schema, kw_only=True):
    id: UUID
    name: str
    email: str


class Place(Schema, kw_only=True):
    id: UUID
    name: str


class ProjectItemRead(Schema, kw_only=True):
    id: UUID
    listing_id: UUID
    title: str
    kind: str
    category_sv: str | None
    category_en: str | None
    quantity: int
    listing_status: str
    taken: bool
    outcome: Outcome | None
    thumbnail_url: str | None


class ProjectSummary(Schema, kw_only=True):
    id: UUID
    name: str
    address: str
    day: date
    share_day: date | None
    status: Status
    item_count: int


class ProjectRead(Schema, kw_only=True):
    id: UUID
    name: str
    address: str
    location: Place | None
    day: date
    share_day: date | None
    status: Status
    version: int
    members: list[Person]
    items: list[ProjectItemRead]
    created_at: datetime


class OutcomeCounts(Schema, kw_only=True):
    reused: int
    storage: int
    recycling: int
    disposal: int
    open: int


class FactorUsed(Schema, kw_only=True):
    category_slug: str
    version: int
    source: str


class ProjectReport(Schema, kw_only=True):
    """What the project achieved: items reused, what that avoided, and where everything went."""

    project_id: UUID
    items: int
    pieces_reused: int
    co2e_kg: float
    saved_ore: int
    waste_kg: float
    outcomes: OutcomeCounts
    factors: list[FactorUsed]
