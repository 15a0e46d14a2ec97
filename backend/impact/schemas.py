"""The impact API contract: factors, purchase checks and reports."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec

from backend.schemas import MONTH_PATTERN, LongText, Name, Schema, ShortText, Version

Slug = Annotated[str, msgspec.Meta(min_length=1, max_length=60, pattern=r"^(\*|[a-z0-9-]+)$")]
Month = Annotated[str, msgspec.Meta(pattern=MONTH_PATTERN, min_length=7, max_length=7)]
# Bounds that catch typing errors (a negative figure, a figure in grams typed as kg), not physics.
Co2eKg = Annotated[float, msgspec.Meta(gt=0, le=100_000)]
Co2ePerKg = Annotated[float, msgspec.Meta(gt=0, le=1_000)]
WeightKg = Annotated[float, msgspec.Meta(gt=0, le=100_000)]
Ore = Annotated[int, msgspec.Meta(ge=0, le=2_000_000_000)]  # int32 columns: up to 20 million kronor
Quantity = Annotated[int, msgspec.Meta(ge=1, le=100_000)]
Decision = Literal["reused", "bought_used", "bought_new"]


class FactorText(Schema, kw_only=True):
    """A factor as a person reads it in one language: the category's name, the source and the boundary."""

    category: str
    source: str
    boundary: str


class FactorRead(Schema, kw_only=True):
    id: UUID
    category_slug: str
    version: int
    own: bool
    co2e_kg: float | None
    co2e_kg_per_kg: float | None
    typical_weight_kg: float | None
    new_price_ore: int
    source: str
    boundary: str
    valid_from: datetime
    sv: FactorText
    en: FactorText


class FactorOverride(Schema, kw_only=True):
    """A municipality's own figure for a category: exactly one of co2e_kg and co2e_kg_per_kg."""

    category_slug: Slug
    co2e_kg: Co2eKg | None = None
    co2e_kg_per_kg: Co2ePerKg | None = None
    typical_weight_kg: WeightKg | None = None
    new_price_ore: Ore
    source: Name
    boundary: ShortText = ""


class PurchaseCheckCreate(Schema, kw_only=True):
    id: UUID | None = None
    need: Name
    category_slug: Slug | None = None
    quantity: Quantity = 1
    search_query: ShortText = ""
    decision: Decision | None = None
    reason: LongText = ""
    listing_id: UUID | None = None
    spent_ore: Ore = 0


class PurchaseCheckDecide(Schema, kw_only=True):
    decision: Decision
    reason: LongText = ""
    listing_id: UUID | None = None
    spent_ore: Ore = 0
    version: Version


class OfferedListing(Schema, kw_only=True):
    id: UUID
    title: str


class PurchaseCheckRead(Schema, kw_only=True):
    id: UUID
    need: str
    category_slug: str
    quantity: int
    search_query: str
    search_hits: int
    offered: list[OfferedListing]
    decision: str
    reason: str
    listing_id: UUID | None
    booking_id: UUID | None
    spent_ore: int
    decided_at: datetime | None
    created_at: datetime
    version: int


class Totals(Schema, kw_only=True):
    reuses: int
    pieces: int
    co2e_kg: float
    saved_ore: int
    waste_kg: float


class MonthTotals(Totals, kw_only=True):
    month: str


class GroupTotals(Totals, kw_only=True):
    key: str
    label: str = ""
    label_en: str = ""


class MunicipalityTotals(Totals, kw_only=True):
    municipality_id: UUID
    municipality: str


class CheckOutcomes(Schema, kw_only=True):
    checks: int
    reused: int
    bought_used: int
    bought_new: int
    undecided: int
    reuse_share: float
    saved_ore: int
    co2e_kg: float
    spent_new_ore: int


class UnitChecks(Schema, kw_only=True):
    """One unit's purchase checks in the period: how many, what they led to, and the share reused."""

    unit_id: UUID
    unit: str
    checks: int
    reused: int
    bought_used: int
    bought_new: int
    undecided: int
    reuse_share: float


class FactorUsed(Schema, kw_only=True):
    category_slug: str
    version: int
    own: bool
    source: str
    boundary: str
    entries: int
    sv: FactorText
    en: FactorText


class Changes(Schema, kw_only=True):
    """The relative change from the previous period (0.25 = 25 % more); null when that period had none."""

    reuses: float | None
    co2e_kg: float | None
    saved_ore: float | None


class PreviousPeriod(Schema, kw_only=True):
    """The period of the same length just before the report's, for comparison."""

    from_month: str
    to_month: str
    totals: Totals
    change: Changes


DisplayName = Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f]*\S[^\x00-\x1f]*$",
                                           description="a person's or team's display name, 1 to 100 characters")]
Minutes = Annotated[int, msgspec.Meta(ge=1, le=1440, description="minutes of work, 1 to 1440 (one day)")]


class ParticipantCreate(Schema, kw_only=True):
    """An AME participant: a person or a team, by a display name only (no other personal data)."""

    id: UUID | None = None
    name: DisplayName
    kind: Literal["person", "team"] = "person"


class ParticipantRead(Schema, kw_only=True):
    id: UUID
    name: str
    kind: str
    active: bool


class WorkDone(Schema, kw_only=True):
    """One participant's time on a task; `id` (client-made) makes a retried record count once.

    Either `participant_id` (a person or team the AME keeps) or `myself` (the recording person, kept
    as a participant under their own name), not both.
    """

    id: UUID | None = None
    participant_id: UUID | None = None
    myself: bool = False
    minutes: Minutes

    def __post_init__(self) -> None:
        if self.myself == (self.participant_id is not None):
            raise ValueError("give either participant_id or myself: true")


WorkList = Annotated[list[WorkDone], msgspec.Meta(min_length=1, max_length=20)]


class ItemWorkCreate(Schema, kw_only=True):
    """Work on an item: its intake (photographed, described, labelled) or its repair."""

    kind: Literal["intake", "repair"]
    item_id: UUID
    work: WorkList


class JobWorkCreate(Schema, kw_only=True):
    work: WorkList


class WorkRead(Schema, kw_only=True):
    id: UUID
    participant_id: UUID
    kind: str
    task_id: UUID
    minutes: int
    month: str


class WorkGroup(Schema, kw_only=True):
    key: str
    label: str = ""
    minutes: int
    tasks: int


class WorkSummary(Schema, kw_only=True):
    """The hours of work the service gave the AME per month, kind of task and municipality."""

    total_minutes: int
    tasks: int
    by_month: list[WorkGroup]
    by_kind: list[WorkGroup]
    by_municipality: list[WorkGroup]


class ReportRead(Schema, kw_only=True):
    scope: str
    from_month: str
    to_month: str
    unit_id: UUID | None
    totals: Totals
    previous: PreviousPeriod
    months: list[MonthTotals]
    by_deal: list[GroupTotals]
    by_category: list[GroupTotals]
    by_unit: list[GroupTotals]
    municipalities: list[MunicipalityTotals]
    checks: CheckOutcomes
    check_units: list[UnitChecks]
    factors: list[FactorUsed]
    work: WorkSummary
