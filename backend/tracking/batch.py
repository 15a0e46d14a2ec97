"""One batch of scans decided in memory, in order, against rows loaded up front."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from uuid import UUID

from backend.tracking import schemas
from backend.tracking.device_clock import event_time
from backend.tracking.hooks import MOVING_ACTIONS, Movement
from backend.tracking.machine import ItemPosition, Place, Refusal, decide
from backend.tracking.repository import Row
from backend.vocabulary import MAX_HOPS


@dataclass
class Prepared:
    event: schemas.ScanEventIn
    actor_id: UUID  # who scanned: requests of several people can share one batch
    code: str | None
    location_code: str | None
    refusal: Refusal | None
    # A driver's pickups must be of items on their jobs of the day; False for a coordinator's accepted pickup.
    driver: bool = False


class Held(Exception):
    """A driver's pickup of an item on none of their jobs: stored, not applied, until a coordinator decides."""


OUTSIDE_JOBS = "outside_jobs"
OUTSIDE_JOBS_MESSAGE = "This item is on none of your jobs: a coordinator decides whether the pickup stands."


@dataclass
class Batch:
    """The batch's view of one municipality's world; events change it as they are applied."""

    municipality_id: UUID
    now: datetime
    stored: dict[UUID, Row]
    codes: dict[str, Row]
    items: dict[UUID, Row]
    places: dict[UUID, Row]
    rows: list[Row] = field(default_factory=list)
    changed: dict[UUID, int] = field(default_factory=dict)  # item id → version when read
    # ("retire", code, replacement) and ("link", code, item), to run in this order
    code_changes: list[tuple[str, UUID, UUID]] = field(default_factory=list)
    movements: list[Movement] = field(default_factory=list)
    answered: dict[UUID, schemas.ScanResult] = field(default_factory=dict)
    # False for links nobody chose by hand (a label read in a photo): they never retire a label in use.
    relabel: bool = True
    # The stocktakes the batch's counting scans name, by id, in any municipality (ids are the phones' UUIDs).
    stocktakes: dict[UUID, Row] = field(default_factory=dict)
    new_stocktakes: list[Row] = field(default_factory=list)  # started by their first scan, to insert
    # driver → the items on their open jobs; None: no jobs to check against.
    jobs: dict[UUID, set[UUID]] | None = None

    def __post_init__(self) -> None:
        self.codes_by_id = {code["id"]: code for code in self.codes.values()}

    def apply(self, p: Prepared, seq: int) -> schemas.ScanResult:
        event = p.event
        if event.id in self.answered:
            return _as_duplicate(self.answered[event.id])
        stored = self.stored.get(event.id)
        if stored is not None:
            if stored["municipality"] != self.municipality_id:
                return schemas.ScanResult(id=event.id, status="rejected", reason="id_in_use",
                                          message="This event id is already used; send a new UUID.")
            if stored["outcome"] == "held" and stored["driver_confirmed"]:
                return schemas.ScanResult(id=event.id, status="held", reason=stored["reason"],
                                          message=stored["message"] or None, item=self.summary(stored["item"]))
            return schemas.ScanResult(id=event.id, status="duplicate", reason=stored["reason"],
                                      message=stored["message"] or None, item=self.summary(stored["item"]))
        code = self._resolve(p.code)
        # Never a refusal: an implausible device time is replaced by the batch's server time.
        when = event_time(event.device_time, event.clock_skew_ms, self.now)
        row = {"id": event.id, "code_text": event.code[:200], "code": code["id"] if code else None, "item": None,
               "action": event.action[:20], "location": None, "actor": p.actor_id,
               "device_time": event.device_time, "server_time": self.now, "event_time": when.at,
               "clock_skew": when.skew, "time_source": when.source, "seq": seq, "note": event.note or "",
               "driver_confirmed": bool(event.outside_jobs)}
        status = "applied"
        try:
            self._decide(p, code, row)
            row.update(outcome="applied", reason=None, message="")
        except Refusal as refusal:
            row.update(outcome="rejected", reason=refusal.reason, message=refusal.message[:300])
            status = "rejected"
        except Held:
            row.update(outcome="held", reason=OUTSIDE_JOBS, message=OUTSIDE_JOBS_MESSAGE)
            # A phone that asked the driver hears "held"; one that did not (an old app) shows it as refused.
            status = "held" if event.outside_jobs else "rejected"
        self.rows.append(row)
        result = schemas.ScanResult(id=event.id, status=status, reason=row["reason"],
                                    message=row["message"] or None, item=self.summary(row["item"]))
        self.answered[event.id] = result
        return result

    def _decide(self, p: Prepared, code: Row | None, row: Row) -> None:
        if p.refusal:
            raise p.refusal
        if code is None:
            raise Refusal("code_unknown", "No label with that code in your municipality.")
        if p.event.action == "link":
            self._link(p, self.codes[p.code], row)
            return
        if code["status"] == "unlinked":
            raise Refusal("code_unlinked", "This label is not linked to an item yet: link it first.")
        if code["location"] or code["item"] not in self.items:
            raise Refusal("code_not_item", "This label belongs to a place, not an item.")
        item = self.items[code["item"]]
        row["item"] = item["id"]
        if p.event.action == "stocktake":
            self._count(p, item, row)
            return
        place = self._place(p.location_code)
        row["location"] = place.id if place else None
        before = ItemPosition(item["state"], item["location"], item["holder_unit"])
        row.update(state_before=before.state, location_before=before.location,
                   state_after=before.state, location_after=before.location)
        after = decide(p.event.action, before, place)
        if self._outside_jobs(p, item["id"]):
            raise Held
        self.changed.setdefault(item["id"], item["version"])
        item.update(state=after.state, location=after.location, holder_unit=after.holder_unit)
        row.update(state_after=after.state, location_after=after.location)
        if p.event.action in MOVING_ACTIONS:
            self.movements.append(Movement(self.municipality_id, p.event.id, item["id"], p.event.action,
                                           before.state, after.state, after.location, p.actor_id,
                                           row["event_time"], self.now))

    def _count(self, p: Prepared, item: Row, row: Row) -> None:
        """A counting scan: recorded for its stocktake, the item left as it is until the stocktake is applied."""
        stocktake = self.stocktakes.get(p.event.stocktake_id) if p.event.stocktake_id else None
        if stocktake is None and p.event.stocktake_id and p.event.stocktake_location_id:
            stocktake = self._start_stocktake(p, row)
        if stocktake is None or stocktake["municipality"] != self.municipality_id:
            raise Refusal("stocktake_unknown", "No such stocktake in your municipality; start one first.")
        row.update(stocktake=stocktake["id"], location=stocktake["location"], state_before=item["state"],
                   state_after=item["state"], location_before=item["location"], location_after=item["location"])
        if stocktake["status"] != "open":
            raise Refusal("stocktake_closed", f"This stocktake is {stocktake['status']}: the scan was not counted.")

    def _start_stocktake(self, p: Prepared, row: Row) -> Row:
        """Start the stocktake a phone began with no network, at its place, when its first scan arrives."""
        place = self.places.get(p.event.stocktake_location_id)
        if place is None:
            raise Refusal("location_unknown", "The stocktake's place is not a place of your municipality.")
        if place["kind"] == "vehicle":
            raise Refusal("location_is_vehicle", "A stocktake counts a site, a room or a shelf, not a vehicle.")
        stocktake = {"id": p.event.stocktake_id, "municipality": self.municipality_id, "location": place["id"],
                     "status": "open", "started_by": p.actor_id, "started_at": row["event_time"]}
        self.stocktakes[stocktake["id"]] = stocktake
        self.new_stocktakes.append(stocktake)
        return stocktake

    def _outside_jobs(self, p: Prepared, item_id: UUID) -> bool:
        """A driver's pickup of an item on none of their open jobs."""
        if not p.driver or p.event.action != "pickup" or self.jobs is None:
            return False
        return item_id not in self.jobs.get(p.actor_id, set())

    def _link(self, p: Prepared, code: Row, row: Row) -> None:
        """Stick a pre-printed label on an item: the item's old code (if any) now points here."""
        item_id = p.event.item_id
        if item_id is None:
            raise Refusal("item_required", "Say which item to link the label to (item_id).")
        item = self.items.get(item_id)
        if item is None:
            raise Refusal("item_unknown", "No such item in your municipality.")
        row.update(item=item_id, state_before=item["state"], state_after=item["state"],
                   location_before=item["location"], location_after=item["location"])
        if code["status"] == "linked" and code["item"] == item_id:
            return  # linked already: scanning it again changes nothing
        if code["status"] != "unlinked":
            raise Refusal("code_already_linked", "This label is already in use; take a fresh one.")
        if not self.relabel and any(o["item"] == item_id and o["status"] == "linked" for o in self.codes.values()):
            raise Refusal("item_already_labelled", "The item has a label already; relabelling is done by scanning.")
        for other in self.codes.values():
            if other["item"] == item_id and other["status"] == "linked":
                other.update(status="retired", replaced_by=code["id"])
                self.code_changes.append(("retire", other["id"], code["id"]))
        code.update(status="linked", item=item_id)
        self.code_changes.append(("link", code["id"], item_id))

    def _resolve(self, text: str | None) -> Row | None:
        """The code row for text, after following relabels to the code in use."""
        code = self.codes.get(text) if text else None
        by_id = self.codes_by_id
        for _ in range(MAX_HOPS):
            if code is None or code["status"] != "retired" or code["replaced_by"] not in by_id:
                break
            code = by_id[code["replaced_by"]]
        return code

    def _place(self, text: str | None) -> Place | None:
        if text is None:
            return None
        code = self._resolve(text)
        place = self.places.get(code["location"]) if code and code["location"] else None
        if place is None:
            raise Refusal("location_unknown", "The place scanned first is not a location label of your municipality.")
        return Place(place["id"], place["kind"])

    def summary(self, item_id: UUID | None) -> schemas.ScanItemRead | None:
        item = self.items.get(item_id) if item_id else None
        if item is None:
            return None
        place = self.places.get(item["location"]) if item["location"] else None
        return schemas.ScanItemRead(id=item["id"], title=item["title"], state=item["state"],
                                    location_id=item["location"], location_name=place["name"] if place else None)


def _as_duplicate(result: schemas.ScanResult) -> schemas.ScanResult:
    if result.status == "rejected" and result.reason == "id_in_use":
        return result
    return schemas.ScanResult(id=result.id, status="duplicate", reason=result.reason, message=result.message,
                              item=result.item)
