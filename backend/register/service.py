"""The item register's rules: read and save an item's register card, and the admin's custom fields.

Every item of the municipality has a card, listed or not; the card never writes the item's state,
place or holder (the tracking context's alone).
"""

from __future__ import annotations

import json
import re
from datetime import date
from decimal import Decimal
from uuid import UUID

from backend import clock
from backend.db import Database
from backend.errors import Conflict, Invalid, NotFound
from backend.register import schemas
from backend.register.repository import FieldRepository, RegisterRepository, Row
from backend.register.search_repository import RegisterSearchRepository
from backend.tenancy import Actor
from backend.tracking.service import WRITERS as SCANNERS
from backend.tracking.service import ScanService

READERS = ("warehouse", "coordinator", "admin", "reporter")
EDITORS = ("warehouse", "coordinator", "admin")
CARD_FIELDS = ("width_cm", "depth_cm", "height_cm", "weight_g", "material", "brand", "model", "serial_number",
               "purchase_year", "purchase_price_ore")
MAX_SEARCH_WORDS = 8
_NUMBER = re.compile(r"^-?\d{1,12}(\.\d{1,6})?$")


def canonical_value(field: Row, value: str) -> str:
    """The value as stored for the field's kind, or Invalid saying what the field takes."""
    value = value.strip()
    if not value:
        return ""
    kind, name = field["kind"], field["name"]
    if kind == "number":
        text = value.replace(",", ".").replace(" ", "")
        if not _NUMBER.match(text):
            raise Invalid(f"{name}: a number such as 12.5 is needed.", error="not_a_number")
        return format(Decimal(text).normalize(), "f") if "." in text else str(int(text))
    if kind == "date":
        try:
            return date.fromisoformat(value).isoformat() if len(value) == 10 else _bad_date(name)
        except ValueError:
            _bad_date(name)
    if kind == "list" and value not in options_of(field):
        raise Invalid(f"{name}: choose one of {', '.join(options_of(field))}.", error="not_an_option")
    return value


def _bad_date(name: str) -> str:
    raise Invalid(f"{name}: a date such as 2026-12-31 is needed.", error="not_a_date")


def options_of(field: Row) -> list[str]:
    return json.loads(field["options"])


class RegisterService:
    def __init__(self, db: Database, actor: Actor) -> None:
        actor.require(*READERS)
        self.db, self.actor = db, actor
        self.repo = RegisterRepository(actor.municipality_id)
        self.fields = FieldRepository(actor.municipality_id)

    async def card(self, item_id: UUID) -> Row:
        async with self.db.read():
            return await self._card(item_id)

    async def _card(self, item_id: UUID) -> Row:
        item = await self.repo.item(item_id)
        if item is None:
            raise NotFound("No such item.")
        card = await self.repo.card(item_id) or {"version": 0}
        values = await self.repo.values(item_id)
        card["values"] = [{"field_id": f["id"], "name": f["name"], "kind": f["kind"], "value": values.get(f["id"], "")}
                          for f in await self.fields.list()]
        return {**card, "item_id": item["id"], "title": item["title"]}

    async def choices(self) -> Row:
        async with self.db.read():
            return {"units": await self.repo.units(), "people": await self.repo.people()}

    async def save(self, item_id: UUID, data: schemas.CardUpdate) -> Row:
        """Save the whole card from the version read; a stale version or a taken inventory number is 409."""
        self.actor.require(*EDITORS)
        async with self.db.write():
            await self.repo.hold_cards()
            if await self.repo.item(item_id) is None:
                raise NotFound("No such item.")
            values = await self._values(data)
            await self._check_custodian(data)
            row = {name: getattr(data, name) for name in CARD_FIELDS}
            number = data.inventory_number.strip()
            row |= {"inventory_number": number or None, "condition": data.condition or "",
                    "custodian_unit": data.custodian_unit_id, "custodian_person": data.custodian_person_id,
                    "updated_by": self.actor.user_id, "updated_at": clock.now()}
            if number and await self.repo.inventory_number_owner(number) not in (None, item_id):
                raise Conflict(f"Inventory number {number} is already another item's.", error="inventory_number_taken")
            existing = await self.repo.card(item_id)
            if (existing["version"] if existing else 0) != data.version:
                raise Conflict("Someone else changed this register card: reload it and make your change again.",
                               error="stale_version")
            if existing:
                await self.repo.update_card(item_id, data.version, row)
            else:
                await self.repo.insert_card(item_id, row)
            await self.repo.set_values(item_id, values)
            return await self._card(item_id)

    async def _values(self, data: schemas.CardUpdate) -> dict[UUID, str]:
        fields = {f["id"]: f for f in await self.fields.list()}
        values: dict[UUID, str] = {}
        for given in data.values:
            field = fields.get(given.field_id)
            if field is None:
                raise Invalid("A custom field given is not one of the municipality's.", error="unknown_field")
            values[given.field_id] = canonical_value(field, given.value)
        return values

    async def _check_custodian(self, data: schemas.CardUpdate) -> None:
        if data.custodian_unit_id and await self.repo.unit(data.custodian_unit_id) is None:
            raise Invalid("The custodian unit is not one of the municipality's.", error="unknown_unit")
        if data.custodian_person_id and await self.repo.person(data.custodian_person_id) is None:
            raise Invalid("The custodian person is not an active person of the municipality.", error="unknown_person")


class FieldService:
    """The municipality's custom register fields: everyone who reads cards sees them, admins define them."""

    def __init__(self, db: Database, actor: Actor) -> None:
        actor.require(*READERS)
        self.db, self.actor = db, actor
        self.repo = FieldRepository(actor.municipality_id)

    async def list(self) -> list[Row]:
        async with self.db.read():
            return await self.repo.list()

    async def create(self, data: schemas.FieldCreate) -> Row:
        self.actor.require("admin")
        async with self.db.write():
            if await self.repo.count() >= schemas.MAX_FIELDS:
                raise Conflict(f"At most {schemas.MAX_FIELDS} custom fields per municipality.", error="too_many_fields")
            name = await self._free_name(data.name)
            field_id = await self.repo.insert({"name": name, "kind": data.kind, "options": _options(data),
                                               "position": await self.repo.count()}, clock.now())
            return await self._field(field_id)

    async def update(self, field_id: UUID, data: schemas.FieldUpdate) -> Row:
        """Rename a field or change its options; a kind or option still in use on items is kept (409)."""
        self.actor.require("admin")
        async with self.db.write():
            field = await self._field(field_id)
            name = await self._free_name(data.name, field_id)
            in_use = await self.repo.values_in_use(field_id)
            if in_use and data.kind != field["kind"]:
                raise Conflict("Items have values of this field: its kind cannot change.", error="field_in_use")
            if data.kind == "list" and (lost := sorted(set(in_use) - set(data.options))):
                raise Conflict(f"Items still have the option {', '.join(lost)}.", error="option_in_use")
            if not await self.repo.update(field_id, data.version, {"name": name, "kind": data.kind,
                                                                   "options": _options(data)}):
                raise Conflict("Someone else changed this field: reload it.", error="stale_version")
            return await self._field(field_id)

    async def delete(self, field_id: UUID) -> None:
        """Remove the field and every item's value of it."""
        self.actor.require("admin")
        async with self.db.write():
            await self._field(field_id)
            await self.repo.delete(field_id)

    async def _field(self, field_id: UUID) -> Row:
        field = await self.repo.get(field_id)
        if field is None:
            raise NotFound("No such register field.")
        return field

    async def _free_name(self, name: str, except_id: UUID | None = None) -> str:
        name = name.strip()
        if await self.repo.name_taken(name, except_id):
            raise Conflict(f"There is already a field named {name}.", error="field_name_taken")
        return name


def _options(data: schemas.FieldCreate) -> str:
    return json.dumps([o.strip() for o in data.options], ensure_ascii=False)


class RegisterSearch:
    """The register's items and those still without a label, found by title, inventory number or place."""

    def __init__(self, db: Database, actor: Actor) -> None:
        actor.require(*SCANNERS)
        self.db, self.actor = db, actor
        self.repo = RegisterSearchRepository(actor.municipality_id)

    async def items(self, q: str = "", limit: int = 50, offset: int = 0) -> list[Row]:
        async with self.db.read():
            return await self.repo.items(q.split()[:MAX_SEARCH_WORDS], limit, offset)

    async def unlabelled(self, q: str = "", limit: int = 50, offset: int = 0, near: str | None = None) -> list[Row]:
        """With `near` (a label's text), only the items at that label's place or at the place of its item."""
        place = await ScanService(self.db, self.actor).place_of_label(near) if near is not None else None
        async with self.db.read():
            return await self.repo.unlabelled(q.split()[:MAX_SEARCH_WORDS], limit, offset, location=place)
