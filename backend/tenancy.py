"""Who is acting: the signed-in user, their municipality (the tenant) and their roles.

Repositories are built from an Actor, so every query they run is already scoped to the
actor's municipality; a handler cannot forget the tenant check because it never writes one.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from backend.errors import Conflict, Forbidden


@dataclass(frozen=True, slots=True)
class Actor:
    user_id: UUID
    municipality_id: UUID
    unit_id: UUID
    roles: frozenset[str]
    session_id: UUID

    def has_any(self, *roles: str) -> bool:
        return bool(self.roles.intersection(roles))

    def require(self, *roles: str) -> None:
        """Refuse with 403 unless the actor holds one of these roles."""
        if not self.has_any(*roles):
            raise Forbidden(f"This needs one of the roles: {', '.join(roles)}.")

    def require_maker(self, made_by: UUID | None) -> None:
        """Refuse (409) work queued on a shared phone by someone else: it waits for them to sign in."""
        if made_by is not None and made_by != self.user_id:
            raise Conflict("This was queued by another user on this device; it is sent when they sign in.",
                           error="other_user")
