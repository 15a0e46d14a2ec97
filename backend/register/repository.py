"""Every query of the item register's fields, scoped to one municipality."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from backend.accounts.tables import Unit, User
from backend.catalog.tables import Category, Item
from backend.codes.tables import Code
from backend.db import engine_is_sqlite
from backend.locations.tables import Location
from backend.register.tables import ItemCard, RegisterField, RegisterValue
from backend.tracking.tables import Repair

Row = dict[str, Any]

_CARD_COLUMNS = (
    *ItemCard.all_columns(exclude=["id", "municipality", "item", "custodian_unit", "custodian_person", "updated_by"]),
    ItemCard.custodian_unit.id.as_alias("custodian_unit_id"),
    ItemCard.custodian_unit.name.as_alias("custodian_unit_name"),
    ItemCard.custodian_person.id.as_alias("custodian_person_id"),
    ItemCard.custodian_person.name.as_alias("custodian_person_name"),
)


class RegisterRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def hold_cards(self) -> None:
        """Wait for another save of a card of this municipality to finish, so the inventory number and the
        card's version it checked are still so when it writes (SQLite's single writer already waits)."""
        if not engine_is_sqlite(ItemCard):
            await ItemCard.raw("SELECT pg_advisory_xact_lock(hashtextextended({}, 0))",
                               f"item_card:{self.municipality_id}")

    async def item(self, item_id: UUID) -> Row | None:
        return await Item.select(Item.id, Item.title).where(
            Item.id == item_id, Item.municipality == self.municipality_id).first()

    async def card(self, item_id: UUID) -> Row | None:
        return await ItemCard.select(*_CARD_COLUMNS).where(
            ItemCard.item == item_id, ItemCard.municipality == self.municipality_id).first()

    async def values(self, item_id: UUID) -> dict[UUID, str]:
        rows = await RegisterValue.select(RegisterValue.field, RegisterValue.value).where(
            RegisterValue.item == item_id, RegisterValue.municipality == self.municipality_id)
        return {r["field"]: r["value"] for r in rows}

    async def inventory_number_owner(self, number: str) -> UUID | None:
        """The item whose card holds this inventory number in the municipality, if any."""
        row = await ItemCard.select(ItemCard.item).where(
            ItemCard.municipality == self.municipality_id, ItemCard.inventory_number == number).first()
        return row["item"] if row else None

    async def insert_card(self, item_id: UUID, values: Row) -> None:
        await ItemCard.insert(ItemCard(id=uuid4(), municipality=self.municipality_id, item=item_id, **values))

    async def update_card(self, item_id: UUID, version: int, values: Row) -> bool:
        """Apply values if the card is still at `version`; False when it moved on."""
        rows = await ItemCard.update({**values, ItemCard.version: version + 1}).where(
            ItemCard.item == item_id, ItemCard.municipality == self.municipality_id, ItemCard.version == version,
        ).returning(ItemCard.id)
        return bool(rows)

    async def set_values(self, item_id: UUID, values: dict[UUID, str]) -> None:
        """Replace the given fields' values of the item; an empty value removes it."""
        if not values:
            return
        await RegisterValue.delete().where(RegisterValue.item == item_id,
                                           RegisterValue.municipality == self.municipality_id,
                                           RegisterValue.field.is_in(list(values)))
        kept = [RegisterValue(id=uuid4(), municipality=self.municipality_id, item=item_id, field=field_id, value=value)
                for field_id, value in values.items() if value]
        if kept:
            await RegisterValue.insert(*kept)

    async def unit(self, unit_id: UUID) -> Row | None:
        return await Unit.select(Unit.id, Unit.name).where(
            Unit.id == unit_id, Unit.municipality == self.municipality_id).first()

    async def person(self, user_id: UUID) -> Row | None:
        return await User.select(User.id, User.name).where(
            User.id == user_id, User.municipality == self.municipality_id, User.active.eq(True)).first()

    async def units(self) -> list[Row]:
        return await Unit.select(Unit.id, Unit.name).where(Unit.municipality == self.municipality_id).order_by(
            Unit.name)

    async def people(self) -> list[Row]:
        return await User.select(User.id, User.name).where(
            User.municipality == self.municipality_id, User.active.eq(True)).order_by(User.name)


# Rows written at once: well inside SQLite's bound on a statement's variables.
_CHUNK = 500


def _chunks(rows: list, size: int = _CHUNK) -> list[list]:
    return [rows[i:i + size] for i in range(0, len(rows), size)]


class TransferRepository:
    """The whole register of one municipality at once, for a file's import and export."""

    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def items(self) -> list[Row]:
        return await Item.select(Item.id, Item.title, Item.owner_unit, Item.state,
                                 Item.location.name.as_alias("place"), Item.created_at).where(
            Item.municipality == self.municipality_id).order_by(Item.created_at).order_by(Item.id)

    async def cards(self) -> dict[UUID, Row]:
        rows = await ItemCard.select(*ItemCard.all_columns(exclude=["id", "municipality"])).where(
            ItemCard.municipality == self.municipality_id)
        return {r["item"]: r for r in rows}

    async def values(self) -> dict[UUID, dict[UUID, str]]:
        rows = await RegisterValue.select(RegisterValue.item, RegisterValue.field, RegisterValue.value).where(
            RegisterValue.municipality == self.municipality_id)
        found: dict[UUID, dict[UUID, str]] = {}
        for r in rows:
            found.setdefault(r["item"], {})[r["field"]] = r["value"]
        return found

    async def codes(self) -> dict[UUID, str]:
        rows = await Code.select(Code.item, Code.text).where(
            Code.municipality == self.municipality_id, Code.status == "linked", Code.item.is_not_null())
        return {r["item"]: r["text"] for r in rows}

    async def units(self) -> list[Row]:
        return await Unit.select(Unit.id, Unit.name).where(Unit.municipality == self.municipality_id)

    async def insert_items(self, rows: list[Row], now: datetime) -> None:
        for chunk in _chunks(rows):
            await Item.insert(*[Item(**row, municipality=self.municipality_id, created_at=now) for row in chunk])

    async def retitle(self, titles: dict[UUID, str]) -> None:
        for item_id, title in titles.items():
            await Item.update({Item.title: title}).where(Item.id == item_id, Item.municipality == self.municipality_id)

    async def replace_cards(self, cards: list[Row]) -> None:
        """Write whole cards (each with its item and next version) in place of the items' current ones."""
        for chunk in _chunks(cards):
            await ItemCard.delete().where(ItemCard.municipality == self.municipality_id,
                                          ItemCard.item.is_in([c["item"] for c in chunk]))
            await ItemCard.insert(*[ItemCard(id=uuid4(), municipality=self.municipality_id, **c) for c in chunk])

    async def replace_values(self, values: dict[UUID, dict[UUID, str]]) -> None:
        """Set the given fields of each item; an empty value removes it."""
        fields = sorted({f for given in values.values() for f in given})
        for chunk in _chunks(list(values)):
            await RegisterValue.delete().where(RegisterValue.municipality == self.municipality_id,
                                               RegisterValue.item.is_in(chunk), RegisterValue.field.is_in(fields))
            kept = [RegisterValue(id=uuid4(), municipality=self.municipality_id, item=item, field=field, value=value)
                    for item in chunk for field, value in values[item].items() if value]
            for part in _chunks(kept):
                await RegisterValue.insert(*part)


class IntakeRepository:
    """A new item as intake makes it, and what the intake made, read back."""

    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def municipality_of_item(self, item_id: UUID) -> UUID | None:
        """Whose item has this id, if anyone's (an intake's id chosen on a phone, sent again)."""
        row = await Item.select(Item.municipality).where(Item.id == item_id).first()
        return row["municipality"] if row else None

    async def category_exists(self, category_id: UUID) -> bool:
        return await Category.exists().where(Category.id == category_id)

    async def insert_item(self, row: Row, now: datetime) -> None:
        await Item.insert(Item(**row, municipality=self.municipality_id, created_at=now))

    async def intake(self, item_id: UUID) -> Row | None:
        """The item with its label in use, place (and the place above), inventory number and open repair."""
        item = await Item.select(Item.id, Item.title, Item.state, Item.location).where(
            Item.id == item_id, Item.municipality == self.municipality_id).first()
        if item is None:
            return None
        code = await Code.select(Code.text).where(Code.item == item_id, Code.status == "linked",
                                                  Code.municipality == self.municipality_id).first()
        place = await Location.select(Location.name, Location.parent.name.as_alias("parent_name")).where(
            Location.id == item["location"], Location.municipality == self.municipality_id).first() \
            if item["location"] else None
        card = await ItemCard.select(ItemCard.inventory_number).where(
            ItemCard.item == item_id, ItemCard.municipality == self.municipality_id).first()
        repair = await Repair.select(Repair.id).where(Repair.item == item_id, Repair.status == "open",
                                                      Repair.municipality == self.municipality_id).first()
        return {"item_id": item["id"], "title": item["title"], "state": item["state"],
                "code": code["text"] if code else None, "location_id": item["location"],
                "location_name": place["name"] if place else None,
                "location_parent_name": place["parent_name"] if place else None,
                "inventory_number": card["inventory_number"] if card else None,
                "repair_id": repair["id"] if repair else None}


class FieldRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def list(self) -> list[Row]:
        return await RegisterField.select().where(RegisterField.municipality == self.municipality_id).order_by(
            RegisterField.position).order_by(RegisterField.created_at)

    async def get(self, field_id: UUID) -> Row | None:
        return await RegisterField.select().where(
            RegisterField.id == field_id, RegisterField.municipality == self.municipality_id).first()

    async def count(self) -> int:
        return await RegisterField.count().where(RegisterField.municipality == self.municipality_id)

    async def name_taken(self, name: str, except_id: UUID | None = None) -> bool:
        rows = await RegisterField.select(RegisterField.id, RegisterField.name).where(
            RegisterField.municipality == self.municipality_id)
        return any(r["name"].casefold() == name.casefold() and r["id"] != except_id for r in rows)

    async def insert(self, values: Row, now: datetime) -> UUID:
        field_id = uuid4()
        await RegisterField.insert(RegisterField(id=field_id, municipality=self.municipality_id, created_at=now,
                                                 **values))
        return field_id

    async def update(self, field_id: UUID, version: int, values: Row) -> bool:
        rows = await RegisterField.update({**values, RegisterField.version: version + 1}).where(
            RegisterField.id == field_id, RegisterField.municipality == self.municipality_id,
            RegisterField.version == version).returning(RegisterField.id)
        return bool(rows)

    async def delete(self, field_id: UUID) -> None:
        await RegisterField.delete().where(RegisterField.id == field_id,
                                           RegisterField.municipality == self.municipality_id)

    async def values_in_use(self, field_id: UUID) -> list[str]:
        rows = await RegisterValue.select(RegisterValue.value).where(
            RegisterValue.field == field_id, RegisterValue.municipality == self.municipality_id)
        return [r["value"] for r in rows]
