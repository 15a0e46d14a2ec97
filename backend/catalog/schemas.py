"""The catalogue API contract: listings, windows, photos, search results, categories and wants.

Prices travel as whole öre (`price_ore`), as they are stored: 12 500 = 125 kr.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec
from msgspec import UNSET, UnsetType

from backend.schemas import LongText, Schema, ShortText, Version

Kind = Literal["furniture", "equipment", "service", "staffing"]
Deal = Literal["give", "lend", "rent", "sell"]
# A service's or staffing's rent is priced per hour of its booked window.
RentPeriod = Literal["hour", "day", "week", "month"]
Status = Literal["draft", "published", "paused", "closed"]
Tier = Literal["unit", "municipality", "network", "public"]
Condition = Literal["new", "good", "used", "worn", "broken"]
Sort = Literal["newest", "relevance"]
Availability = Literal["now"]

_NOT_CONTROL = r"\x00-\x1f\x7f-\x9f\ud800-\udfff"
_TITLE = rf"^[^{_NOT_CONTROL}]*[^\s{_NOT_CONTROL}][^{_NOT_CONTROL}]*$"
Title = Annotated[str, msgspec.Meta(min_length=1, max_length=120, pattern=_TITLE)]
Description = LongText
# At most 10 million kronor: anything above is a typing error, not a municipal second-hand deal.
PriceOre = Annotated[int, msgspec.Meta(ge=0, le=1_000_000_000)]
Quantity = Annotated[int, msgspec.Meta(ge=1, le=10_000)]
Centimetres = Annotated[int, msgspec.Meta(ge=1, le=10_000)]
Grams = Annotated[int, msgspec.Meta(ge=1, le=50_000_000)]
ShareDays = Annotated[int, msgspec.Meta(ge=1, le=365)]
Capacity = Annotated[int, msgspec.Meta(ge=1, le=1_000)]
Query = Annotated[str, msgspec.Meta(max_length=200, pattern=r"^[^\x00-\x1f\x7f-\x9f\ud800-\udfff]*$")]


class WindowIn(Schema, kw_only=True):
    starts_at: datetime
    ends_at: datetime
    capacity: Capacity = 1


class WindowRead(Schema, kw_only=True):
    id: UUID
    starts_at: datetime
    ends_at: datetime
    capacity: int


class PhotoRead(Schema, kw_only=True):
    id: UUID
    width: int
    height: int
    display_url: str
    thumb_url: str


class ItemRead(Schema, kw_only=True):
    id: UUID
    title: str
    state: str


class ListingFields(Schema, kw_only=True):
    """What an owner may set on create; left out or null, a field takes its default."""

    title: Title | None = None
    description: Description | None = None
    category_id: UUID | None = None
    condition: Condition | None = None
    tags: ShortText | None = None
    price_ore: PriceOre | None = None
    rent_period: RentPeriod | None = None
    quantity: Quantity | None = None
    width_cm: Centimetres | None = None
    depth_cm: Centimetres | None = None
    height_cm: Centimetres | None = None
    weight_g: Grams | None = None
    location_id: UUID | None = None
    available_from: date | None = None
    available_until: date | None = None
    visibility: Tier | None = None
    widen_to: Tier | None = None
    share_days: ShareDays | None = None
    windows: list[WindowIn] | None = None


class ListingCreate(ListingFields, kw_only=True):
    kind: Kind
    deal: Deal
    title: Title
    owner_unit_id: UUID | None = None
    publish: bool = False
    id: UUID | None = None


class ListingUpdate(Schema, kw_only=True):
    """A change to a listing: a field left out stays as it is; null clears an optional field.

    Title, quantity and visibility always have a value; description and tags are cleared with "".
    Kind and deal are fixed once a listing exists.
    """

    version: Version
    title: Title | UnsetType = UNSET
    description: Description | UnsetType = UNSET
    category_id: UUID | UnsetType | None = UNSET
    condition: Condition | UnsetType | None = UNSET
    tags: ShortText | UnsetType = UNSET
    price_ore: PriceOre | UnsetType | None = UNSET
    rent_period: RentPeriod | UnsetType | None = UNSET
    quantity: Quantity | UnsetType = UNSET
    width_cm: Centimetres | UnsetType | None = UNSET
    depth_cm: Centimetres | UnsetType | None = UNSET
    height_cm: Centimetres | UnsetType | None = UNSET
    weight_g: Grams | UnsetType | None = UNSET
    location_id: UUID | UnsetType | None = UNSET
    available_from: date | UnsetType | None = UNSET
    available_until: date | UnsetType | None = UNSET
    visibility: Tier | UnsetType = UNSET
    widen_to: Tier | UnsetType | None = UNSET
    share_days: ShareDays | UnsetType | None = UNSET
    windows: list[WindowIn] | UnsetType = UNSET


class StatusChange(Schema, kw_only=True):
    status: Status
    version: Version


class ListingRead(Schema, kw_only=True):
    id: UUID
    municipality_id: UUID
    municipality_name: str
    owner_unit_id: UUID
    owner_unit_name: str
    kind: str
    deal: str
    title: str
    description: str
    category_id: UUID | None
    category_name: str | None
    condition: str
    tags: str
    price_ore: int | None
    rent_period: str
    quantity: int
    width_cm: int | None
    depth_cm: int | None
    height_cm: int | None
    weight_g: int | None
    location_id: UUID | None
    # Where the item is kept (a site, room or shelf of the owner's municipality) and its address.
    location_name: str | None = None
    location_address: str | None = None
    available_from: date | None
    available_until: date | None
    status: str
    visibility: str
    widen_to: str
    share_days: int | None
    share_at: datetime | None
    published_at: datetime | None
    created_at: datetime
    updated_at: datetime
    version: int
    can_edit: bool
    # The physical items and their internal states: only for the owners and the municipality's AME staff.
    photos: list[PhotoRead] = msgspec.field(default_factory=list)
    windows: list[WindowRead] = msgspec.field(default_factory=list)
    items: list[ItemRead] = msgspec.field(default_factory=list)


class ListingCard(Schema, kw_only=True):
    """One search hit: enough for a result row with its thumbnail."""

    id: UUID
    title: str
    kind: str
    deal: str
    price_ore: int | None
    rent_period: str
    quantity: int
    condition: str
    category_id: UUID | None
    municipality_id: UUID
    municipality_name: str
    owner_unit_name: str
    status: str
    published_at: datetime | None
    available_from: date | None = None
    available_until: date | None = None
    # Set when every item is out today on an approved or ongoing booking: the day one is free again.
    free_from: date | None = None
    thumb_url: str | None


class FacetCount(Schema, kw_only=True):
    value: str
    count: int


class SearchResult(Schema, kw_only=True):
    """One page of hits. The count stops at 1,000: past it `total` is 1000 and `total_exact` false
    ("more than 1,000"), and the facets count the first 1,001 hits found. Best match ranks the 500
    newest hits; older ones follow them, newest first."""

    total: Annotated[int, msgspec.Meta(ge=0, le=1000, description="Hits, counted up to 1,000.")]
    total_exact: Annotated[bool, msgspec.Meta(
        description="False when there are more hits than `total` (more than 1,000).")] = True
    page: int
    per_page: int
    results: list[ListingCard]
    facets: dict[str, list[FacetCount]]


class ListingEventRead(Schema, kw_only=True):
    action: str
    actor_id: UUID | None
    actor_name: str | None
    changes: dict[str, list[object]]
    at: datetime


class CategoryRead(Schema, kw_only=True):
    id: UUID
    parent_id: UUID | None
    slug: str
    name_sv: str
    name_en: str


class WantCreate(Schema, kw_only=True):
    text: Title
    kind: Kind | None = None
    category_id: UUID | None = None
    quantity: Quantity = 1
    needed_by: date | None = None
    visibility: Literal["municipality", "network", "public"] = "municipality"
    id: UUID | None = None


class WantClose(Schema, kw_only=True):
    version: Version


class WantRead(Schema, kw_only=True):
    id: UUID
    text: str
    kind: str
    category_id: UUID | None
    quantity: int
    needed_by: date | None
    visibility: str
    status: str
    municipality_name: str
    unit_name: str
    mine: bool
    version: int
    created_at: datetime


class MatchRead(Schema, kw_only=True):
    id: UUID
    want_id: UUID
    want_text: str
    listing: ListingCard
    created_at: datetime


class ItemListingCreate(Schema, kw_only=True):
    """List one item of the register in one step: a listing with the item's title, category, unit and place.

    Renting and selling need a price in öre, a rent also its period (day, week or month); giving and lending
    have neither."""

    id: Annotated[UUID, msgspec.Meta(description="The client's UUID for the listing: sent again, the same listing "
                                                 "answers.")]
    deal: Deal = "give"
    price_ore: PriceOre | None = None
    rent_period: RentPeriod | None = None
    title: Title | None = None
    publish: bool = True
