"""HTTP for the item register's fields: an item's register card and the municipality's custom fields."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, delete, get, post, put
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED

from backend.deps import ActorDep, DbDep
from backend.errors import Conflict, Invalid, NotFound
from backend.register import schemas
from backend.register.repository import Row
from backend.register.service import FieldService, RegisterService, options_of


def _named(row: Row, prefix: str) -> schemas.Named | None:
    return schemas.Named(id=row[f"{prefix}_id"], name=row[f"{prefix}_name"]) if row.get(f"{prefix}_id") else None


def card_read(row: Row) -> schemas.CardRead:
    return schemas.CardRead(
        item_id=row["item_id"], title=row["title"], version=row["version"],
        width_cm=row.get("width_cm"), depth_cm=row.get("depth_cm"), height_cm=row.get("height_cm"),
        weight_g=row.get("weight_g"), material=row.get("material", ""), brand=row.get("brand", ""),
        model=row.get("model", ""), serial_number=row.get("serial_number", ""),
        inventory_number=row.get("inventory_number") or "", purchase_year=row.get("purchase_year"),
        purchase_price_ore=row.get("purchase_price_ore"), condition=row.get("condition") or None,
        custodian_unit=_named(row, "custodian_unit"), custodian_person=_named(row, "custodian_person"),
        values=[schemas.CustomValueRead(**v) for v in row["values"]], updated_at=row.get("updated_at"))


def field_read(row: Row) -> schemas.FieldRead:
    return schemas.FieldRead(id=row["id"], name=row["name"], kind=row["kind"], options=options_of(row),
                             position=row["position"], version=row["version"])


class ItemCardController(Controller):
    path = "/api/items"
    tags = ["register"]

    @get("/{item_id:uuid}/register", raises=[NotFound])
    async def get_item_card(self, db: DbDep, actor: ActorDep, item_id: FromPath[UUID]) -> schemas.CardRead:
        """An item's register card, listed or not (warehouse staff, coordinators, admins, reporters)."""
        return card_read(await RegisterService(db, actor).card(item_id))

    @put("/{item_id:uuid}/register", raises=[NotFound, Conflict, Invalid])
    async def update_item_card(self, db: DbDep, actor: ActorDep, item_id: FromPath[UUID],
                               data: JSONBody[schemas.CardUpdate]) -> schemas.CardRead:
        """Save the whole card from the version read (0 before its first save); 409 when stale or when the
        inventory number is another item's."""
        return card_read(await RegisterService(db, actor).save(item_id, data))

    @get("/register-choices")
    async def get_register_choices(self, db: DbDep, actor: ActorDep) -> schemas.Choices:
        """The units and active people who can be an item's custodian."""
        found = await RegisterService(db, actor).choices()
        return schemas.Choices(units=[schemas.Named(id=u["id"], name=u["name"]) for u in found["units"]],
                               people=[schemas.Named(id=p["id"], name=p["name"]) for p in found["people"]])


class RegisterFieldController(Controller):
    path = "/api/register-fields"
    tags = ["register"]

    @get("/")
    async def list_register_fields(self, db: DbDep, actor: ActorDep) -> list[schemas.FieldRead]:
        """The municipality's custom register fields in their order."""
        return [field_read(r) for r in await FieldService(db, actor).list()]

    @post("/", status_code=HTTP_201_CREATED, raises=[Conflict])
    async def create_register_field(self, db: DbDep, actor: ActorDep,
                                    data: JSONBody[schemas.FieldCreate]) -> schemas.FieldRead:
        """Define a custom field (admins; at most 30 per municipality, names unique)."""
        return field_read(await FieldService(db, actor).create(data))

    @put("/{field_id:uuid}", raises=[NotFound, Conflict])
    async def update_register_field(self, db: DbDep, actor: ActorDep, field_id: FromPath[UUID],
                                    data: JSONBody[schemas.FieldUpdate]) -> schemas.FieldRead:
        """Rename a field or change its options from the version read (admins)."""
        return field_read(await FieldService(db, actor).update(field_id, data))

    @delete("/{field_id:uuid}", raises=[NotFound])
    async def delete_register_field(self, db: DbDep, actor: ActorDep, field_id: FromPath[UUID]) -> None:
        """Remove a field and every item's value of it (admins)."""
        await FieldService(db, actor).delete(field_id)
