"""The audit trail's API contract."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal
from uuid import UUID

from backend.schemas import Schema

ACTIONS = (
    "user.created", "user.invited", "user.changed", "user.roles_changed", "user.unit_changed", "user.deactivated",
    "user.reactivated", "user.password_set", "unit.created", "unit.renamed", "unit.changed", "network.created",
    "network.member_added", "network.joined", "network.left", "factor.changed", "tariff.changed", "period.locked",
    "period.mapping_changed",
    "mail.defaults_changed", "sso.provider_created", "sso.provider_changed", "sso.provider_removed",
    "session.signed_in", "session.sign_in_failed",
)
# A filter names one action, or a kind: every action that starts with it ("user" → user.*).
KINDS = tuple(dict.fromkeys(a.split(".")[0] for a in ACTIONS))
ActionFilter = Literal[(*ACTIONS, *KINDS)]  # type: ignore[valid-type]


class AuditEntryRead(Schema, kw_only=True):
    id: UUID
    at: datetime
    actor_id: UUID | None
    actor_name: str
    action: str
    object_type: str
    object_id: str
    object_name: str
    before: dict[str, Any]
    after: dict[str, Any]
    address: str
    user_agent: str


class AuditPage(Schema, kw_only=True):
    entries: list[AuditEntryRead]
    total: int
    page: int
    per_page: int


class AuditActor(Schema, kw_only=True):
    id: UUID
    name: str
