"""The actor as the catalogue sees them, read once per request (every listing query filters by it)."""

from __future__ import annotations

from backend import clock
from backend.catalog.repository import peers_of
from backend.catalog.visibility import MANAGERS, Viewer
from backend.tenancy import Actor


async def viewer_for(actor: Actor) -> Viewer:
    """The actor with the municipalities they share a network with, at the current time."""
    return Viewer(actor.municipality_id, actor.unit_id, await peers_of(actor.municipality_id),
                  actor.has_any(*MANAGERS), clock.now())
