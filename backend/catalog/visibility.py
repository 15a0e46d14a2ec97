"""Who may see which listing: one SQL condition, used by every catalogue query that reads listings.

A listing is visible to its own unit (and to the municipality's coordinators and admins) in any
status. Anyone else sees it only while published, and only when the viewer falls inside its tier:
`visibility`, or from `share_at` on also `widen_to` (share day). Tiers nest: unit ⊂ municipality ⊂
network (municipalities sharing an active network) ⊂ public (every municipality on Delbar).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

MANAGERS = ("coordinator", "admin")
_OWN = ("'municipality'", "'network'", "'public'")
_PEER = ("'network'", "'public'")


@dataclass(frozen=True, slots=True)
class Viewer:
    """The actor as the catalogue sees them: where they sit, whom they share with, and when."""

    municipality_id: UUID
    unit_id: UUID
    peers: tuple[UUID, ...]
    manager: bool
    now: datetime

    def tiers_for(self, municipality_id: UUID, unit_id: UUID) -> tuple[str, ...]:
        """The tiers through which a listing of that unit reaches this viewer."""
        if municipality_id == self.municipality_id:
            own = ("unit",) if unit_id == self.unit_id else ()
            return (*own, "municipality", "network", "public")
        if municipality_id in self.peers:
            return ("network", "public")
        return ("public",)


def _tier_in(tiers: tuple[str, ...], now_param: str) -> str:
    names = ", ".join(tiers)
    return f"(listing.visibility IN ({names}) OR (listing.share_at <= {now_param} AND listing.widen_to IN ({names})))"


def condition(viewer: Viewer) -> tuple[str, list[Any]]:
    """A WHERE fragment over the `listing` table with `{}` placeholders, and its arguments."""
    args: list[Any] = [viewer.municipality_id]
    if viewer.manager:
        own = "listing.municipality = {}"
    else:
        own = "(listing.municipality = {} AND listing.owner_unit = {})"
        args.append(viewer.unit_id)
    parts = ["(listing.municipality = {} AND " + _tier_in(_OWN, "{}") + ")"]
    args += [viewer.municipality_id, viewer.now]
    if viewer.peers:
        marks = ", ".join("{}" for _ in viewer.peers)
        parts.append(f"(listing.municipality IN ({marks}) AND " + _tier_in(_PEER, "{}") + ")")
        args += [*viewer.peers, viewer.now]
    parts.append("(listing.visibility = 'public' OR (listing.share_at <= {} AND listing.widen_to = 'public'))")
    args.append(viewer.now)
    published = "(listing.status = 'published' AND (" + " OR ".join(parts) + "))"
    return f"({own} OR {published})", args
