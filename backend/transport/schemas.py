"""The transport job API contract; the driver's day list is what the field app takes offline."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec

from backend.impact.schemas import WorkDone
from backend.schemas import BulkIdList, Schema, Version

# At most 100,000 kronor per job: anything above is a typing error.
FeeOre = Annotated[int, msgspec.Meta(ge=0, le=10_000_000)]


class Place(Schema, kw_only=True):
    location_id: UUID | None
    name: str
    address: str
    path: Annotated[list[str], msgspec.Meta(
        description="The place's names from its site down to itself (site, room, shelf); empty for a bare "
                    "address. The address is the nearest one up that path.")] = []


class JobItem(Schema, kw_only=True):
    id: UUID
    title: str
    code: str | None
    state: str
    thumbnail_url: str | None
    place: Annotated[Place | None, msgspec.Meta(
        description="Where the item is now, down to the shelf (null when it is at no place of the driving "
                    "municipality, or the job is driven by another municipality).")] = None


class Person(Schema, kw_only=True):
    id: UUID
    name: str


ProofKind = Literal["signature", "photo"]
RecipientName = Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=r"^[^\x00-\x1f\x7f]*$",
                                            description="The name of the person who took the delivery, as they "
                                                        "gave it (1-100 characters, one line).")]


class ProofRead(Schema, kw_only=True):
    """The recipient's receipt: who took the delivery, how they signed (a signature drawn on the driver's
    phone, or a photo the driver took), when, and where its image is."""

    recipient_name: str
    kind: ProofKind
    at: datetime
    image_url: str
    thumb_url: str


def proof_read(proof: dict | None, images: str) -> ProofRead | None:
    """A receipt as the API shows it; `images` is where the reader fetches its image (display, thumb)."""
    if proof is None:
        return None
    return ProofRead(recipient_name=proof["recipient_name"], kind=proof["kind"], at=proof["at"],
                     image_url=f"{images}/display", thumb_url=f"{images}/thumb")


class JobRead(Schema, kw_only=True):
    id: UUID
    status: str
    wanted_date: date | None
    pickup: Place
    delivery: Place
    items: list[JobItem]
    storage: Place | None
    day: date | None
    driver: Person | None
    booking_id: UUID | None
    version: int
    # "delivery" to the borrower, or "return": a loan fetched back on its return day.
    leg: str = "delivery"
    # "08-12", "12-16", "08-16" or "" (any time that day).
    time_window: str = ""
    recipient_name: Annotated[str, msgspec.Meta(
        description="Who takes the delivery: the name the requester gave, else the requester.")] = ""
    recipient_phone: Annotated[str, msgspec.Meta(description="The recipient's phone as given; empty if none.")] = ""
    room: str = ""
    note: Annotated[str, msgspec.Meta(description="The requester's note on the booking, for the driver.")] = ""
    proof: ProofRead | None = None


class BoardJob(JobRead, kw_only=True):
    """A job on the day board: who drives it, who asked, what one trip costs, and whether this
    coordinator can move it (their own AME drives it and it is not picked up yet)."""

    driving: str
    requester: str
    fee_ore: int
    movable: bool


class BoardRead(Schema, kw_only=True):
    """The day board in one read: today and the next working days, the municipality's drivers, and the
    open jobs; a job whose day is a board day and whose driver is listed sits in that cell, every
    other job waits beside the grid (no driver or day yet, or its day has passed)."""

    today: date
    days: list[date]
    drivers: list[Person]
    jobs: list[BoardJob]


class JobAssign(Schema, kw_only=True):
    driver_id: UUID
    day: date
    version: Version


class JobUnassign(Schema, kw_only=True):
    """Taking a job off its driver, with the version read."""

    version: Version


class JobsAssign(Schema, kw_only=True):
    """Several jobs to one driver and day (the work queue's bulk planning), all or none."""

    ids: BulkIdList
    driver_id: UUID
    day: date

    def __post_init__(self) -> None:
        if len(set(self.ids)) != len(self.ids):
            raise ValueError("each id may be given only once")


class JobAction(Schema, kw_only=True):
    version: Version | None = None


class JobDone(JobAction, kw_only=True):
    """Finishing a job, and optionally who did it and how long it took (the AME's hours)."""

    work: Annotated[list[WorkDone], msgspec.Meta(max_length=20)] = []


class TariffRead(Schema, kw_only=True):
    """The municipality's transport fee per delivered job (0: free) and the unit it is paid to."""

    fee_ore: int
    payee_unit: Person | None
    version: int | None
    updated_at: datetime | None


class TariffUpdate(Schema, kw_only=True):
    """Set the fee; version is the one read (null when the municipality has no tariff yet)."""

    fee_ore: FeeOre
    payee_unit_id: UUID
    version: Version | None = None
