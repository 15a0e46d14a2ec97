"""The work queue's API contract."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from backend.schemas import Schema


class QueueRow(Schema, kw_only=True):
    """One row, or identical rows (same title and detail) grouped: `ids` are all of them, oldest first."""

    id: UUID
    ids: list[UUID]
    quantity: int
    title: str
    detail: str
    since: datetime | None
    link: str
    # "clocks" rows: how far the person's phone clock was ahead (+) or behind (-), in seconds
    clock_skew_s: int | None = None
    # "pickups" rows: a driver's pickup outside their jobs, to accept or return (POST /api/scans/{id}/resolution)
    item_id: UUID | None = None
    actor_name: str | None = None
    place_name: str | None = None


class QueueSection(Schema, kw_only=True):
    key: str
    available: bool
    count: int
    rows: list[QueueRow]
