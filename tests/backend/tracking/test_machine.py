"""The item state machine: every action from every state, and where it leaves the item."""

from __future__ import annotations

from uuid import uuid4

import pytest

from backend.tracking.machine import LIVE, TERMINAL, TRANSITIONS, ItemPosition, Place, Refusal, decide

SHELF = Place(uuid4(), "shelf")
VAN = Place(uuid4(), "vehicle")
UNIT = uuid4()
ALL_STATES = sorted(LIVE | TERMINAL)
# The place each action is normally scanned after.
PLACE_FOR = {"intake": SHELF, "store": SHELF, "pickup": VAN, "deliver": None, "return": None, "audit": None,
             "dispose": None, "stocktake": None, "found": SHELF, "missing": None,
             "repair": None, "repaired": None}
EXPECTED = {
    ("intake", "registered"): "in_storage",
    ("store", "registered"): "in_storage", ("store", "in_storage"): "in_storage", ("store", "reserved"): "reserved",
    ("store", "in_transit"): "in_storage", ("store", "returned"): "in_storage", ("store", "missing"): "in_storage",
    ("pickup", "registered"): "in_transit", ("pickup", "in_storage"): "in_transit",
    ("pickup", "reserved"): "in_transit", ("pickup", "delivered"): "in_transit", ("pickup", "returned"): "in_transit",
    ("deliver", "in_transit"): "delivered",
    ("return", "delivered"): "returned",
    **{("audit", state): state for state in LIVE}, ("audit", "missing"): "in_storage",
    ("dispose", "registered"): "disposed", ("dispose", "in_storage"): "disposed", ("dispose", "returned"): "disposed",
    ("dispose", "missing"): "disposed",
    # A stocktake: counting changes nothing; applying it stores what was found here and flags what was not.
    **{("stocktake", state): state for state in ALL_STATES},
    ("found", "registered"): "in_storage", ("found", "in_storage"): "in_storage", ("found", "reserved"): "reserved",
    ("found", "in_transit"): "in_storage", ("found", "returned"): "in_storage", ("found", "missing"): "in_storage",
    **{("missing", state): "missing" for state in ("registered", "in_storage", "reserved", "returned", "missing")},
    # A repair is a step in the history: the item stays as and where it is.
    **{("repair", state): state for state in LIVE}, **{("repaired", state): state for state in LIVE},
}


def position(state: str) -> ItemPosition:
    return ItemPosition(state, uuid4(), UNIT)


class TestDecide:
    @pytest.mark.parametrize(("action", "state"), sorted(EXPECTED))
    def test_valid_scan_moves_the_item_to_the_expected_state(self, action, state):
        assert decide(action, position(state), PLACE_FOR[action]).state == EXPECTED[(action, state)]

    @pytest.mark.parametrize(("action", "state"),
                             [(a, s) for a in TRANSITIONS for s in ALL_STATES if (a, s) not in EXPECTED])
    def test_scan_not_valid_from_this_state_is_refused(self, action, state):
        with pytest.raises(Refusal) as caught:
            decide(action, position(state), PLACE_FOR[action])
        assert caught.value.reason == "invalid_transition" and state.replace("_", " ") in caught.value.message

    def test_the_table_covers_exactly_the_expected_transitions(self):
        assert {(a, s) for a, table in TRANSITIONS.items() for s in table} == set(EXPECTED)

    def test_put_away_moves_the_item_to_the_shelf_and_off_anyones_hands(self):
        after = decide("store", position("in_transit"), SHELF)
        assert after.location == SHELF.id and after.holder_unit is None

    def test_store_without_a_shelf_is_refused(self):
        with pytest.raises(Refusal) as caught:
            decide("store", position("in_transit"), None)
        assert caught.value.reason == "location_required"

    def test_store_on_a_vehicle_is_refused(self):
        with pytest.raises(Refusal) as caught:
            decide("store", position("in_storage"), VAN)
        assert caught.value.reason == "location_is_vehicle"

    def test_pickup_loads_onto_the_vehicle(self):
        assert decide("pickup", position("in_storage"), VAN).location == VAN.id

    def test_pickup_after_a_shelf_is_refused(self):
        with pytest.raises(Refusal) as caught:
            decide("pickup", position("in_storage"), SHELF)
        assert caught.value.reason == "location_not_vehicle"

    def test_delivery_keeps_the_holder_and_leaves_the_vehicle(self):
        after = decide("deliver", position("in_transit"), None)
        assert after.location is None and after.holder_unit == UNIT

    def test_audit_finding_a_stored_item_elsewhere_corrects_its_shelf(self):
        assert decide("audit", position("in_storage"), SHELF).location == SHELF.id

    def test_audit_of_a_delivered_item_does_not_move_it(self):
        before = position("delivered")
        assert decide("audit", before, SHELF) == before

    def test_disposed_item_has_no_place(self):
        assert decide("dispose", position("in_storage"), None).location is None

    def test_unknown_action_is_refused(self):
        with pytest.raises(Refusal) as caught:
            decide("teleport", position("in_storage"), None)
        assert caught.value.reason == "unknown_action"
