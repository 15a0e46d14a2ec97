"""The billing API contract."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec

from backend.billing.layouts import COLUMNS, MAX_COLUMNS
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
    # The same month in the municipality's own column mapping (Delbar's layout until one is saved).
    mapped_csv_url: str
    summary_url: str


ColumnKey = Annotated[str, msgspec.Meta(min_length=1, max_length=40, pattern=r"^[a-z_]+$",
                                        description=f"one of: {', '.join(COLUMNS)}")]
Header = Annotated[str, msgspec.Meta(min_length=1, max_length=60, pattern=r"^[^\x00-\x1f\x7f-\x9f\ud800-\udfff]*$",
                                     description="the column's header in the file, 1 to 60 characters")]
DateFormat = Annotated[Literal["iso", "compact", "dmy_dot"], msgspec.Meta(
    description="iso: 2026-03-31, compact: 20260331, dmy_dot: 31.03.2026")]
DecimalSeparator = Annotated[Literal[",", "."], msgspec.Meta(description="between kronor and öre: 1234,50 or 1234.50")]


class MappedColumn(Schema, kw_only=True):
    column: ColumnKey
    header: Header


class MappingWrite(Schema, kw_only=True):
    """The finance system's layout: which columns, in which order, under which headers."""

    columns: Annotated[list[MappedColumn], msgspec.Meta(min_length=1, max_length=MAX_COLUMNS,
                                                        description=f"1 to {MAX_COLUMNS} columns, each once")]
    date_format: DateFormat = "iso"
    decimal_separator: DecimalSeparator = ","
    # The version the editor started from; 0 when no mapping was saved yet.
    version: Annotated[int, msgspec.Meta(ge=0, le=2**31 - 2)] = 0


class AvailableColumn(Schema, kw_only=True):
    column: str
    header: str


class MappingRead(Schema, kw_only=True):
    columns: list[MappedColumn]
    date_format: str
    decimal_separator: str
    version: int
    saved: bool
    updated_at: datetime | None
    available: list[AvailableColumn]
