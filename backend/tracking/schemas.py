"""The scan API contract the offline field app syncs against (see DESIGN.md, "Offline and sync")."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec

from backend.catalog.schemas import Deal, ItemListingCreate, ListingRead, PhotoRead, PriceOre, RentPeriod, Title
from backend.schemas import Schema, ShortText
from backend.tracking.device_clock import MAX_SKEW_MS

MAX_BATCH = 500
# Content is checked per event (a bad code is that event's rejection); only the shape is strict here.
ScanText = Annotated[str, msgspec.Meta(max_length=200, pattern=r"^[^\x00-\x1f\x7f-\x9f\ud800-\udfff]*$")]
DeviceTime = Annotated[datetime, msgspec.Meta(tz=True)]
ClockSkew = Annotated[int, msgspec.Meta(
    ge=-MAX_SKEW_MS, le=MAX_SKEW_MS,
    description="How far the phone's clock was ahead (+) or behind (-) the server's when the event was made, "
                "in milliseconds, as measured from the server's Date headers; the server corrects device_time by it.")]

OutsideJobs = Annotated[bool, msgspec.Meta(
    description="The driver confirmed a pickup of an item on none of their jobs; the server checks anyway.")]


class ScanEventIn(Schema, kw_only=True):
    id: UUID
    code: ScanText
    action: ScanText
    device_time: DeviceTime
    clock_skew_ms: ClockSkew | None = None
    location_code: ScanText | None = None
    item_id: UUID | None = None
    note: ShortText | None = None
    stocktake_id: Annotated[UUID | None, msgspec.Meta(
        description="With action stocktake: the stocktake this scan counts the item for.")] = None
    stocktake_location_id: Annotated[UUID | None, msgspec.Meta(
        description="With action stocktake: the place the phone started it at. A stocktake id the server does "
                    "not know yet is started there by this scan (a stocktake started with no network).")] = None
    outside_jobs: OutsideJobs | None = None


class ScanBatchIn(Schema, kw_only=True):
    events: Annotated[list[ScanEventIn], msgspec.Meta(max_length=MAX_BATCH)]


class ScanItemRead(Schema, kw_only=True, omit_defaults=False):
    id: UUID
    title: str
    state: str
    location_id: UUID | None
    location_name: str | None


class ScanResult(Schema, kw_only=True, omit_defaults=False):
    id: UUID
    # held: a pickup the driver confirmed outside their jobs, stored for a coordinator to accept or return
    status: Literal["applied", "duplicate", "rejected", "held"]
    reason: str | None = None
    message: str | None = None
    item: ScanItemRead | None = None


class ScanBatchResult(Schema, kw_only=True):
    results: list[ScanResult]


class HistoryEntry(Schema, kw_only=True, omit_defaults=False):
    id: UUID
    action: str
    outcome: str
    reason: str | None
    message: str
    code: str
    item_id: UUID | None
    item_title: str | None
    actor_name: str | None
    device_time: datetime
    server_time: datetime
    event_time: datetime  # the time taken: device_time, corrected by the phone's skew, or server_time
    clock_skew_s: int | None  # seconds the phone's clock was ahead (+) or behind (-), when known
    time_source: Literal["device", "corrected", "server"]
    state_before: str
    state_after: str
    scanned_location_id: UUID | None
    scanned_location_name: str | None
    location_after_id: UUID | None
    location_after_name: str | None
    note: str


class ItemPositionRead(Schema, kw_only=True, omit_defaults=False):
    id: UUID
    title: str
    state: str
    location_id: UUID | None
    location_name: str | None
    code: str | None
    listing_id: Annotated[UUID | None, msgspec.Meta(description="The listing it is on, if any")] = None


LabelStatus = Literal["linked", "already_linked", "item_labelled", "belongs_elsewhere", "unknown", "several", "none"]


class PhotoLabelRead(Schema, kw_only=True, omit_defaults=False):
    """What the labels in an intake photo did: linked, nothing to do, or why nothing was linked."""

    status: LabelStatus
    code: str | None = None
    codes: list[str] = msgspec.field(default_factory=list)
    message: str


class ItemPhotoRead(PhotoRead, kw_only=True, omit_defaults=False):
    """An item's intake photo, with what the label read in it did (null when nobody looked)."""

    label: PhotoLabelRead | None = None


StocktakeStatus = Literal["open", "applied", "cancelled"]


class StocktakeCreate(Schema, kw_only=True):
    id: Annotated[UUID, msgspec.Meta(description="The phone's UUID for it: sent again, the same one answers.")]
    location_id: Annotated[UUID, msgspec.Meta(description="The site, room or shelf to count, and all under it.")]


class StocktakeItemRead(Schema, kw_only=True, omit_defaults=False):
    id: UUID
    title: str
    state: str
    code: str | None
    location_id: UUID | None
    location_name: str | None
    thumbnail_url: str | None
    # An unexpected item of an applied stocktake that could not be moved here (its state forbids it).
    reason: str | None = None


class StocktakeRead(Schema, kw_only=True, omit_defaults=False):
    """A stocktake with its result: live while open, as applied once applied."""

    id: UUID
    location_id: UUID
    location_name: str
    location_path: list[str]
    status: StocktakeStatus
    started_at: datetime
    started_by_name: str | None
    finished_at: datetime | None
    finished_by_name: str | None
    counted: int
    found_count: int
    missing_count: int
    unexpected_count: int
    # The items of each verdict (at most `limit` of each; the counts are complete).
    found: list[StocktakeItemRead] = msgspec.field(default_factory=list)
    missing: list[StocktakeItemRead] = msgspec.field(default_factory=list)
    unexpected: list[StocktakeItemRead] = msgspec.field(default_factory=list)


class HeldDecision(Schema, kw_only=True):
    """A coordinator's decision on a pickup held outside the driver's jobs."""

    decision: Literal["accept", "return"]


class HeldResolved(Schema, kw_only=True, omit_defaults=False):
    id: UUID
    resolution: Literal["accepted", "returned"]
    pickup: ScanResult | None  # the pickup applied when accepted


RepairStatus = Literal["open", "done"]
# Text with something in it besides spaces; what is needed and what was done may take several lines.
_SOME_TEXT = r"^\s*[^\s\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff][^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]*$"
RepairText = Annotated[str, msgspec.Meta(min_length=1, max_length=500, pattern=_SOME_TEXT)]
PartsText = Annotated[str, msgspec.Meta(max_length=300, pattern=r"^[^\x00-\x1f\x7f-\x9f\ud800-\udfff]*$")]


class RepairCreate(Schema, kw_only=True):
    """Send an item to repair with what it needs (a chair to reupholster, a desk crank to replace)."""

    id: Annotated[UUID, msgspec.Meta(description="The client's UUID for it: sent again, the same repair answers.")]
    item_id: UUID
    needs: RepairText


class RepairWorkCreate(Schema, kw_only=True):
    """Work on a repair: who (a participant of the AME, or the recording person), how long, what, which parts."""

    id: Annotated[UUID, msgspec.Meta(description="The client's UUID: sent again, the work counts once.")]
    participant_id: UUID | None = None
    myself: bool = False
    minutes: Annotated[int, msgspec.Meta(ge=1, le=24 * 60, description="Minutes of work, up to a day.")]
    done: RepairText
    parts: PartsText = ""
    finish: Annotated[bool, msgspec.Meta(description="The repair is done with this work.")] = False

    def __post_init__(self) -> None:
        if self.myself == (self.participant_id is not None):
            raise ValueError("give either participant_id or myself: true")


class RepairListingCreate(Schema, kw_only=True):
    """List the repaired item in one step: title and category come from the item unless given. Renting and
    selling need a price in öre, a rent also its period, as on any listing."""

    id: Annotated[UUID | None, msgspec.Meta(description="The client's UUID for the listing: sent again, the same "
                                                          "listing answers.")] = None
    deal: Deal = "give"
    price_ore: PriceOre | None = None
    rent_period: RentPeriod | None = None
    title: Title | None = None
    publish: bool = True

    def listing(self, listing_id: UUID) -> ItemListingCreate:
        """The catalogue's request for the listing, under the id it has or gets."""
        return ItemListingCreate(id=listing_id, deal=self.deal, price_ore=self.price_ore, rent_period=self.rent_period,
                                 title=self.title, publish=self.publish)


class RepairWorkRead(Schema, kw_only=True, omit_defaults=False):
    id: UUID
    participant_name: str | None
    minutes: int
    done: str
    parts: str
    recorded_by_name: str | None
    created_at: datetime


class RepairRead(Schema, kw_only=True, omit_defaults=False):
    """A repair with its item (title, place, photo) and the work done on it."""

    id: UUID
    item_id: UUID
    item_title: str
    item_state: str
    location_name: str | None
    thumbnail_url: str | None
    needs: str
    status: RepairStatus
    created_at: datetime
    created_by_name: str | None
    finished_at: datetime | None
    finished_by_name: str | None
    listing_id: UUID | None
    minutes: int
    work: list[RepairWorkRead] = msgspec.field(default_factory=list)


class RepairListed(Schema, kw_only=True):
    """The repair and the listing made from its item."""

    repair: RepairRead
    listing: ListingRead
