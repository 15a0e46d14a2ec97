"""Tracking storage: the append-only scan log, applied and rejected events alike."""

from __future__ import annotations

from piccolo.columns import UUID, Boolean, ForeignKey, Integer, OnDelete, Timestamptz, Varchar
from piccolo.table import Table

from backend.accounts.tables import Municipality, User
from backend.catalog.tables import Item
from backend.codes.tables import Code
from backend.locations.tables import Location

SCAN_ACTIONS = ("intake", "store", "pickup", "deliver", "return", "audit", "dispose", "link", "stocktake", "found",
                "missing", "repair", "repaired")
REPAIR_STATUSES = ("open", "done")
# "held": a driver's pickup outside their jobs, waiting for a coordinator (see RESOLUTIONS).
OUTCOMES = ("applied", "rejected", "held")
RESOLUTIONS = ("accepted", "returned")
STOCKTAKE_STATUSES = ("open", "applied", "cancelled")
STOCKTAKE_VERDICTS = ("found", "missing", "unexpected")


class ScanEvent(Table):
    """One scan as the phone sent it, with what the server made of it.

    `id` is the phone's UUID, so the same event sent twice (retries, restarts) is stored once.
    Rejected events are kept with their reason: history shows what people tried, not only
    what happened.
    """

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    code_text = Varchar(length=200)
    code = ForeignKey(references=Code, null=True, default=None, on_delete=OnDelete.restrict)
    item = ForeignKey(references=Item, null=True, default=None, on_delete=OnDelete.restrict, index=True)
    action = Varchar(length=20)
    location = ForeignKey(references=Location, null=True, default=None, on_delete=OnDelete.restrict, index=True)
    actor = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    device_time = Timestamptz()  # as the phone sent it
    server_time = Timestamptz()  # when the server received it
    # The time taken for the event (device time corrected by the phone's skew, or the server's
    # time when the device time was implausible), and the skew in seconds when known.
    event_time = Timestamptz(null=True, default=None)
    clock_skew = Integer(null=True, default=None)
    time_source = Varchar(length=10, default="device")
    seq = Integer(default=0)
    outcome = Varchar(length=10)
    reason = Varchar(length=40, null=True, default=None)
    message = Varchar(length=300, default="")
    state_before = Varchar(length=20, default="")
    state_after = Varchar(length=20, default="")
    location_before = UUID(null=True, default=None)
    location_after = UUID(null=True, default=None, index=True)
    note = Varchar(length=200, default="")
    # The stocktake this event counted for, or that applying it wrote (found, missing).
    stocktake = UUID(null=True, default=None, index=True)
    # A held pickup: whether the driver confirmed it on the phone, and how a coordinator resolved it.
    driver_confirmed = Boolean(default=False)
    resolution = Varchar(length=10, default="")
    resolved_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    resolved_at = Timestamptz(null=True, default=None)


class Stocktake(Table):
    """An inventering of one place (a site, room or shelf) and everything under it.

    Its `id` is the phone's UUID. Counting scans are scan events carrying the stocktake's id; applying
    it writes the verdict of each item (`StocktakeItem`) and moves or flags the items through the scan log.
    """

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    location = ForeignKey(references=Location, null=False, on_delete=OnDelete.restrict, index=True)
    status = Varchar(length=12, default="open", index=True)
    started_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    started_at = Timestamptz()
    finished_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    finished_at = Timestamptz(null=True, default=None)
    found = Integer(default=0)
    missing = Integer(default=0)
    unexpected = Integer(default=0)


class StocktakeItem(Table):
    """What an applied stocktake decided about one item: found, missing, or unexpected (and moved or not)."""

    id = UUID(primary_key=True)
    stocktake = ForeignKey(references=Stocktake, null=False, on_delete=OnDelete.cascade, index=True)
    item = ForeignKey(references=Item, null=False, on_delete=OnDelete.restrict, index=True)
    verdict = Varchar(length=12)
    reason = Varchar(length=40, null=True, default=None)  # why an unexpected item was not moved


class Repair(Table):
    """An item sent to repair before reuse: what it needs, and whether the work is done.

    Its `id` is the client's UUID (sending it again answers the same repair). The work on it is in
    `RepairWork`; the minutes are the AME's work records (kind "repair"), so the impact report counts them.
    """

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    item = ForeignKey(references=Item, null=False, on_delete=OnDelete.restrict, index=True)
    needs = Varchar(length=500)
    status = Varchar(length=8, default="open", index=True)
    created_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    created_at = Timestamptz()
    finished_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    finished_at = Timestamptz(null=True, default=None)
    # The listing made from the repaired item in one step ("Lägg ut"), once made.
    listing = UUID(null=True, default=None)


class RepairWork(Table):
    """One piece of work on a repair: what was done and the parts used (the who and how long is a WorkEntry)."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    repair = ForeignKey(references=Repair, null=False, on_delete=OnDelete.restrict, index=True)
    done = Varchar(length=500)
    parts = Varchar(length=300, default="")
    recorded_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    created_at = Timestamptz()
