"""The codes API contract: print batches, codes, what a code points at, printing options."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec

from backend.schemas import Name, Schema

# What a user may type or scan: the bare code or our full label URL (checked by the service).
CodeText = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=r"^[\x21-\x7e]+$")]
BatchSize = Annotated[int, msgspec.Meta(ge=1, le=1000)]
STOCKS = ("L7160", "L7163", "L7162", "DK-22205", "DK-11209", "11355", "zebra-203", "zebra-300")
Stock = Literal["L7160", "L7163", "L7162", "DK-22205", "DK-11209", "11355", "zebra-203", "zebra-300"]
Output = Literal["document", "label-png", "page-png"]


class CodeTarget(Schema, kw_only=True):
    type: Literal["item", "location"]
    id: UUID
    title: str
    state: str | None = msgspec.field(default=None)


class CodeRead(Schema, kw_only=True, omit_defaults=False):
    code: str
    status: str
    target: CodeTarget | None
    replaced_by: str | None = None


class CodeBatchCreate(Schema, kw_only=True):
    name: Name
    size: BatchSize
    id: UUID | None = None


class CodeBatchRead(Schema, kw_only=True):
    id: UUID
    name: str
    size: int
    unlinked: int
    created_at: datetime


class BatchCodeRead(Schema, kw_only=True):
    code: str
    status: str


class LocationCodeCreate(Schema, kw_only=True):
    location_id: UUID


class PhotoCodesRead(Schema, kw_only=True):
    codes: list[CodeRead]
    readable: bool


MAX_SELECTION = 200  # items per print from a chosen list: about ten A4 sheets of the smallest labels
SelectedItems = Annotated[list[UUID], msgspec.Meta(
    min_length=1, max_length=MAX_SELECTION,
    description=f"1 to {MAX_SELECTION} items, printed in this order; an item named twice prints once")]


class LabelSelection(Schema, kw_only=True):
    """Labels for chosen items, each with its title; items without a label in use get a code first."""

    item_ids: SelectedItems
    stock: Stock
    start: Annotated[int, msgspec.Meta(ge=1, le=80)] = 1
    offset_x: Annotated[float, msgspec.Meta(ge=-10, le=10)] = 0.0
    offset_y: Annotated[float, msgspec.Meta(ge=-10, le=10)] = 0.0
