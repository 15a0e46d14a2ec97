"""The billing API contract."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

import msgspec

from backend.schemas import MONTH_PATTERN, Schema

Month = Annotated[str, msgspec.Meta(pattern=MONTH_PATTERN, min_length=7, max_length=7)]


class PeriodRead(Schema, kw_only=True):
    month: str
    locked: bool
    line_count: int
    total_ore: int
    exported_at: datetime | None = None
    # The month now running ("pågående"): its lines so far, not yet to be exported.
    current: bool = False


class LineRead(Schema, kw_only=True):
    id: UUID
    booking_id: UUID | None
    kind: str
    payer_municipality: str
    payer_unit: str
    payer_cost_centre: str
    amount_ore: int
    quantity: int
    period_start: date | None
    period_end: date | None
    description: str
    correction: bool


class DocumentRead(Schema, kw_only=True):
    counterpart_id: UUID
    counterpart: str
    number: str
    document_type: str
    total_ore: int
    url: str


class CostCentreTotal(Schema, kw_only=True):
    """What one paying cost centre owes for the month."""

    payer_municipality: str
    payer_unit: str
    payer_cost_centre: str
    line_count: int
    total_ore: int


class CounterpartTotal(Schema, kw_only=True):
    """What one paying municipality owes for the month (this one's own units included)."""

    payer_municipality: str
    line_count: int
    total_ore: int


class PeriodDetail(Schema, kw_only=True):
    period: PeriodRead
    lines: list[LineRead]
    by_cost_centre: list[CostCentreTotal]
    by_counterpart: list[CounterpartTotal]
    documents: list[DocumentRead]
    csv_url: str
    summary_url: str
