"""The accounts API contract."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec

from backend.schemas import Email, Name, NewPassword, Password, Schema, Version

Role = Literal["employee", "warehouse", "driver", "coordinator", "admin", "reporter"]
Roles = Annotated[list[Role], msgspec.Meta(min_length=1, max_length=6)]
CostCentre = Annotated[str, msgspec.Meta(max_length=40, pattern=r"^[0-9A-Za-z\-_. ]*$")]
Language = Literal["sv", "en"]


class MunicipalityRef(Schema, kw_only=True):
    id: UUID
    name: str


class UnitRef(Schema, kw_only=True):
    id: UUID
    name: str
    cost_centre: str


class UnitRead(Schema, kw_only=True):
    id: UUID
    name: str
    cost_centre: str
    version: int


class UnitCreate(Schema, kw_only=True):
    name: Name
    cost_centre: CostCentre = ""
    id: UUID | None = None


class UnitUpdate(Schema, kw_only=True):
    version: Version
    name: Name | None = None
    cost_centre: CostCentre | None = None


class UserRead(Schema, kw_only=True):
    id: UUID
    email: str
    name: str
    municipality: MunicipalityRef
    unit: UnitRef
    roles: list[str]
    active: bool
    language: str
    version: int


class UserCreate(Schema, kw_only=True):
    email: Email
    name: Name
    unit_id: UUID
    roles: Roles = msgspec.field(default_factory=lambda: ["employee"])
    password: NewPassword
    language: Language = "sv"
    id: UUID | None = None


class UserUpdate(Schema, kw_only=True):
    version: Version
    name: Name | None = None
    unit_id: UUID | None = None
    roles: Roles | None = None
    active: bool | None = None
    language: Language | None = None


class PasswordReset(Schema, kw_only=True):
    password: NewPassword


class LoginRequest(Schema, kw_only=True):
    email: Annotated[str, msgspec.Meta(min_length=1, max_length=254)]
    password: Password


class SessionRead(Schema, kw_only=True):
    user: UserRead
    csrf_token: str


class LanguageChange(Schema, kw_only=True):
    """The language the signed-in person reads in; notifications and calendars follow it."""

    language: Language


class PasswordChange(Schema, kw_only=True):
    current_password: Password
    new_password: NewPassword


class DeviceSessionRead(Schema, kw_only=True):
    id: UUID
    user_agent: str
    created_at: datetime
    last_seen_at: datetime
    current: bool


class NetworkMemberRead(Schema, kw_only=True):
    municipality: MunicipalityRef
    status: str


class NetworkRead(Schema, kw_only=True):
    id: UUID
    name: str
    members: list[NetworkMemberRead]


class NetworkCreate(Schema, kw_only=True):
    name: Name
    id: UUID | None = None


class NetworkInvite(Schema, kw_only=True):
    municipality_id: UUID


class MunicipalityRead(Schema, kw_only=True):
    id: UUID
    name: str


class Empty(Schema, kw_only=True):
    """A body with nothing in it, for actions that only need the URL."""
