"""The work queue's API contract."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from backend.schemas import Schema


class QueueRow(Schema, kw_only=True):
    id: UUID
    title: str
    detail: str
    since: datetime | None
    link: str


class QueueSection(Schema, kw_only=True):
    key: str
    available: bool
    count: int
    rows: list[QueueRow]
