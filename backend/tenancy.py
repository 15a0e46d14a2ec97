"""Who is acting: the signed-in user, their municipality (the tenant) and their roles.

Repositories are built from an Actor, so every query they run is already scoped to the
actor's municipality; a handler cannot forget the tenant check because it never writes one.
"""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from backend.errors import Forbidden


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
