"""The item register's API contract: an item's register card and a municipality's custom fields."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

import msgspec

from backend.catalog.schemas import Centimetres, Condition, Grams
from backend.schemas import Schema, Version

# A municipality defines at most this many custom fields; a list field offers at most MAX_OPTIONS.
MAX_FIELDS = 30
MAX_OPTIONS = 50
_LINE = r"^[^\x00-\x1f\x7f-\x9f\ud800-\udfff]*$"
_NOT_BLANK = r"^[^\x00-\x1f\x7f-\x9f\ud800-\udfff]*\S[^\x00-\x1f\x7f-\x9f\ud800-\udfff]*$"

CardText = Annotated[str, msgspec.Meta(max_length=100, pattern=_LINE, description="At most 100 characters")]
InventoryNumber = Annotated[str, msgspec.Meta(
    max_length=50, pattern=_LINE,
    description="The municipality's own inventory number, at most 50 characters; unique in the municipality "
                "when not empty (an empty one is no number)")]
PurchaseYear = Annotated[int, msgspec.Meta(ge=1900, le=2100, description="1900 to 2100")]
PriceOre = Annotated[int, msgspec.Meta(ge=0, le=2_000_000_000, description="Whole öre, 0 to 20 000 000 kr")]
FieldName = Annotated[str, msgspec.Meta(min_length=1, max_length=60, pattern=_NOT_BLANK,
                                        description="1 to 60 characters, not only spaces")]
FieldKind = Literal["text", "number", "date", "list"]
OptionText = Annotated[str, msgspec.Meta(min_length=1, max_length=60, pattern=_NOT_BLANK)]
Options = Annotated[list[OptionText], msgspec.Meta(
    max_length=MAX_OPTIONS, description=f"A list field's choices: 1 to {MAX_OPTIONS} distinct texts; empty otherwise")]
ValueText = Annotated[str, msgspec.Meta(
    max_length=200, pattern=_LINE,
    description="text: up to 200 characters; number: a decimal such as 12.5; date: YYYY-MM-DD; list: one of the "
                "field's options; empty clears the value")]


ItemTitle = Annotated[str, msgspec.Meta(min_length=1, max_length=60, pattern=_NOT_BLANK,
                                        description="1 to 60 characters, not only spaces")]
LabelText = Annotated[str, msgspec.Meta(max_length=80, pattern=_LINE,
                                        description="A label's code as printed, typed or scanned (its QR's text)")]
RepairNeeds = Annotated[str, msgspec.Meta(min_length=1, max_length=500, pattern=_NOT_BLANK,
                                          description="What the item needs before reuse, 1 to 500 characters")]


class IntakeIn(Schema, kw_only=True):
    """A new item registered in one pass: photos follow to /api/items/{id}/photos once it is made.

    Exactly one of `label` (a pre-printed label stuck on it) and `new_label` (a fresh code to print now).
    """

    id: Annotated[UUID, msgspec.Meta(description="The new item's id, made on the phone: sent again, the same "
                                                 "intake answers and nothing changes.")]
    title: ItemTitle
    category_id: UUID | None = None
    width_cm: Centimetres | None = None
    depth_cm: Centimetres | None = None
    height_cm: Centimetres | None = None
    weight_g: Grams | None = None
    condition: Condition | None = None
    inventory_number: InventoryNumber = ""
    label: LabelText | None = None
    new_label: bool = False
    shelf: Annotated[LabelText | None, msgspec.Meta(
        description="The label of the shelf (or any place) it is put on; without one it stays registered, "
                    "with no place")] = None
    repair: Annotated[RepairNeeds | None, msgspec.Meta(
        description="Send it to repair with what it needs")] = None
    device_time: Annotated[datetime, msgspec.Meta(tz=True, description="When the intake was made on the phone")]


class IntakeRead(Schema, kw_only=True, omit_defaults=False):
    """What an intake made: the item, its label, where it was put, and its repair if it was sent to one."""

    item_id: UUID
    title: str
    state: str
    code: str | None
    location_id: UUID | None
    location_name: str | None
    location_parent_name: str | None
    inventory_number: str | None
    repair_id: UUID | None


class RegisterItemRead(Schema, kw_only=True, omit_defaults=False):
    """An item of the register's lists, with its place, inventory number and label code in use (null: none)."""

    id: UUID
    title: str
    state: str
    created_at: datetime
    location_id: UUID | None = None
    location_name: str | None = None
    location_parent_name: str | None = None
    inventory_number: str | None = None
    code: str | None = None


class Named(Schema, kw_only=True):
    id: UUID
    name: str


class CustomValue(Schema, kw_only=True):
    field_id: UUID
    value: ValueText


Values = Annotated[list[CustomValue], msgspec.Meta(max_length=MAX_FIELDS)]


class CustomValueRead(Schema, kw_only=True):
    field_id: UUID
    name: str
    kind: FieldKind
    value: str


class CardFields(Schema, kw_only=True):
    width_cm: Centimetres | None = None
    depth_cm: Centimetres | None = None
    height_cm: Centimetres | None = None
    weight_g: Grams | None = None
    material: CardText = ""
    brand: CardText = ""
    model: CardText = ""
    serial_number: CardText = ""
    inventory_number: InventoryNumber = ""
    purchase_year: PurchaseYear | None = None
    purchase_price_ore: PriceOre | None = None
    condition: Condition | None = None


class CardUpdate(CardFields, kw_only=True):
    """The whole card as it should be, from the version read (0: the item has no card yet).

    Custom values not given are kept; an empty value clears one.
    """

    version: Annotated[int, msgspec.Meta(ge=0, le=2**31 - 2)]
    custodian_unit_id: UUID | None = None
    custodian_person_id: UUID | None = None
    values: Values = msgspec.field(default_factory=list)

    def __post_init__(self) -> None:
        if len({v.field_id for v in self.values}) != len(self.values):
            raise ValueError("each field may be given only once")


class CardRead(CardFields, kw_only=True):
    """An item's register card: the fields, the custodian and every custom field of the municipality."""

    item_id: UUID
    title: str
    version: int
    custodian_unit: Named | None = None
    custodian_person: Named | None = None
    values: list[CustomValueRead] = msgspec.field(default_factory=list)
    updated_at: datetime | None = None


class Choices(Schema, kw_only=True):
    """Who can be an item's custodian: the municipality's units and its active people."""

    units: list[Named]
    people: list[Named]


class FieldCreate(Schema, kw_only=True):
    name: FieldName
    kind: FieldKind
    options: Options = msgspec.field(default_factory=list)

    def __post_init__(self) -> None:
        if self.kind == "list" and not self.options:
            raise ValueError("a list field needs at least one option")
        if self.kind != "list" and self.options:
            raise ValueError("only a list field has options")
        if len(set(self.options)) != len(self.options):
            raise ValueError("each option may be given only once")


class FieldUpdate(FieldCreate, kw_only=True):
    """The field's new name, kind and options, from the version read."""

    version: Version


class FieldRead(Schema, kw_only=True):
    id: UUID
    name: str
    kind: FieldKind
    options: list[str]
    position: int
    version: int


ImportAction = Literal["create", "update", "unchanged", "error"]


class ImportCellError(Schema, kw_only=True):
    """Why a row cannot be imported: the column, a stable code for the app's text, a sentence, the cell."""

    column: str
    code: str
    detail: str
    value: str = ""


class ImportColumn(Schema, kw_only=True):
    """One column of the file and the register field it is read into ("" leaves it out)."""

    index: int
    header: str
    key: str


class ImportField(Schema, kw_only=True):
    """A register field a column can be read into: a fixed one, or a custom one as field:<id>."""

    key: str
    name: str


class ImportRowRead(Schema, kw_only=True):
    """What importing one line does (or did); its number is the file's own (the header is line 1)."""

    row: int
    action: ImportAction
    title: str
    inventory_number: str
    errors: list[ImportCellError]


class ImportReport(Schema, kw_only=True):
    """A preview (applied false), an import done (applied true), or one refused for its rows' errors.

    `rows` lists every row in error (up to 500) and a sample of the others.
    """

    columns: list[ImportColumn]
    fields: list[ImportField]
    rows: list[ImportRowRead]
    total: int
    created: int
    updated: int
    unchanged: int
    errors: int
    applied: bool
