"""The item state machine of DESIGN.md: which scan is valid from which state, and where it leaves the item.

Pure: no database. `decide` takes the item as it is now and returns the item as it will be,
or the machine reason and a readable sentence for refusing the scan.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from uuid import UUID

from backend.vocabulary import TERMINAL_STATES

TERMINAL = TERMINAL_STATES
# "missing": a stocktake of the item's place did not find it; its location stays the place it was
# expected at, and a scan that finds it again (store, audit, or a later stocktake) puts it back in storage.
LIVE = frozenset({"registered", "in_storage", "reserved", "in_transit", "delivered", "returned", "missing"})
# Where a stocktake expects an item: stored or waiting at its place, not on a vehicle or with a borrower.
SHELVED = frozenset({"registered", "in_storage", "reserved", "returned", "missing"})

# action → {state before: state after}
TRANSITIONS: dict[str, dict[str, str]] = {
    "intake": {"registered": "in_storage"},
    "store": {"registered": "in_storage", "in_storage": "in_storage", "reserved": "reserved",
              "in_transit": "in_storage", "returned": "in_storage", "missing": "in_storage"},
    "pickup": {"registered": "in_transit", "in_storage": "in_transit", "reserved": "in_transit",
               "delivered": "in_transit", "returned": "in_transit"},
    "deliver": {"in_transit": "delivered"},
    "return": {"delivered": "returned"},
    "audit": {**{state: state for state in LIVE}, "missing": "in_storage"},
    "dispose": {"registered": "disposed", "in_storage": "disposed", "returned": "disposed", "missing": "disposed"},
    # Counted in a stocktake: nothing changes until the stocktake is applied (whatever the item's state).
    "stocktake": {state: state for state in LIVE | TERMINAL},
    # Written by applying a stocktake: an item counted at the place is stored there; one not found is missing.
    "found": {"registered": "in_storage", "in_storage": "in_storage", "reserved": "reserved",
              "in_transit": "in_storage", "returned": "in_storage", "missing": "in_storage"},
    "missing": {state: "missing" for state in SHELVED},
    # Sent to repair and repaired: steps in the item's history that leave its state and place as they are.
    "repair": {state: state for state in LIVE},
    "repaired": {state: state for state in LIVE},
}
# Actions only the server writes (applying a stocktake, a repair); a phone sending one is refused.
SERVER_ACTIONS = frozenset({"found", "missing", "repair", "repaired"})
ACTIONS = (*(a for a in TRANSITIONS if a not in SERVER_ACTIONS), "link")
# Pickups load onto a vehicle; everything else happens at a place.
NEEDS_VEHICLE = frozenset({"pickup"})
NEEDS_PLACE = frozenset({"store"})


@dataclass(frozen=True)
class ItemPosition:
    """What the scan log decides about an item: its state, where it is, which unit holds it."""

    state: str
    location: UUID | None
    holder_unit: UUID | None


@dataclass(frozen=True)
class Place:
    id: UUID
    kind: str


class Refusal(Exception):
    """A scan that is not valid now; stored with its reason, never applied."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason, self.message = reason, message


def decide(action: str, item: ItemPosition, place: Place | None) -> ItemPosition:
    """Return where a valid scan leaves the item, or raise Refusal."""
    allowed = TRANSITIONS.get(action)
    if allowed is None:
        raise Refusal("unknown_action", f"'{action}' is not a scan action.")
    if item.state not in allowed:
        raise Refusal("invalid_transition", f"An item that is {_words(item.state)} cannot be scanned for {action}.")
    _check_place(action, place)
    after = replace(item, state=allowed[item.state])
    if action in {"intake", "store", "found"}:
        return replace(after, location=place.id if place else item.location, holder_unit=None)
    if action == "pickup":
        return replace(after, location=place.id if place else None)
    if action in {"deliver", "return"}:
        return replace(after, location=place.id if place else None)
    if action in {"stocktake", "missing", "repair", "repaired"}:
        return replace(after, location=item.location)  # counting moves nothing; a missing item keeps its place
    if action == "audit":
        # A stocktake that finds a stored item on another shelf corrects where it is.
        moved = place is not None and place.kind != "vehicle" and item.state in {"in_storage", "reserved", "missing"}
        return replace(after, location=place.id if moved else item.location)
    return replace(after, location=None)  # dispose: it is gone


def _check_place(action: str, place: Place | None) -> None:
    if action in NEEDS_PLACE and place is None:
        raise Refusal("location_required", f"Scan the shelf or place first, then the item ({action}).")
    if place is None:
        return
    if action in NEEDS_VEHICLE and place.kind != "vehicle":
        raise Refusal("location_not_vehicle", "A pickup loads onto a vehicle: scan the vehicle first.")
    if action not in NEEDS_VEHICLE and action != "audit" and place.kind == "vehicle":
        raise Refusal("location_is_vehicle", f"A vehicle is not a place to {action} at: scan the shelf or site.")


def _words(state: str) -> str:
    return state.replace("_", " ")
