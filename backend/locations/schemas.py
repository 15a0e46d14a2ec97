"""The locations API contract: sites, rooms, shelves and vehicles."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from backend.schemas import Name, Schema, ShortText, Version

LocationKind = Literal["site", "room", "shelf", "vehicle"]


class LocationRead(Schema, kw_only=True):
    id: UUID
    parent_id: UUID | None
    kind: str
    name: str
    address: str
    version: int


class LocationCreate(Schema, kw_only=True):
    kind: LocationKind
    name: Name
    parent_id: UUID | None = None
    address: ShortText = ""
    id: UUID | None = None


class LocationUpdate(Schema, kw_only=True):
    version: Version
    name: Name | None = None
    address: ShortText | None = None
