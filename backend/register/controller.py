"""HTTP for the item register's fields: an item's register card and the municipality's custom fields."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Annotated
from uuid import UUID

import msgspec
from litestar import Controller, Response, delete, get, post, put
from litestar.datastructures import UploadFile
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody, MultipartBody, Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_422_UNPROCESSABLE_ENTITY

from backend import clock, sheets
from backend.db import Database
from backend.deps import ActorDep, DbDep, MadeByHeader
from backend.errors import Conflict, Invalid, NotFound
from backend.params import bounded
from backend.register import schemas, transfer
from backend.register.intake import IntakeService
from backend.register.repository import Row
from backend.register.service import FieldService, RegisterSearch, RegisterService, options_of
from backend.register.transfer import RegisterTransfer
from backend.tenancy import Actor
from backend.vocabulary import STOCKHOLM


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


ItemSearchText = Annotated[str, Parameter(
    max_length=80, description="Words in the item's title, its inventory number or its place's name; empty: the "
                               "newest items.")]
NearCode = Annotated[str | None, Parameter(
    max_length=64, description="A label already known (an item's or a place's), as printed or typed: only the"
                               " items at its place.")]
Limit = bounded(1, 50, "How many items at most.")
Offset = bounded(0, 10_000, "How many items to skip (the next page).")


def found_item(row: Row) -> schemas.RegisterItemRead:
    return schemas.RegisterItemRead(
        id=row["id"], title=row["title"], state=row["state"], created_at=row["created_at"],
        location_id=row["location_id"], location_name=row["location_name"], location_parent_name=row["parent_name"],
        inventory_number=row["inventory_number"], code=row["code"])


class ItemCardController(Controller):
    path = "/api/items"
    tags = ["register"]

    @get("/")
    async def list_items(
        self, db: DbDep, actor: ActorDep, q: FromQuery[ItemSearchText] = "", limit: FromQuery[Limit] = 50,
        offset: FromQuery[Offset] = 0,
    ) -> list[schemas.RegisterItemRead]:
        """The municipality's items still in its hands, newest first, with place, inventory number and label code.

        Every word of q must be in the item's title, its inventory number or its place's name (or the place
        above), in any case.
        """
        return [found_item(r) for r in await RegisterSearch(db, actor).items(q, limit, offset)]

    @get("/unlabelled", raises=[NotFound, Invalid])
    async def list_unlabelled_items(
        self, db: DbDep, actor: ActorDep, q: FromQuery[ItemSearchText] = "", limit: FromQuery[Limit] = 50,
        offset: FromQuery[Offset] = 0, near: FromQuery[NearCode] = None,
    ) -> list[schemas.RegisterItemRead]:
        """Items without a label in use, newest first, for linking a pre-printed label; q searches them as above.

        With `near`, only the items at the place of that label: a shelf's label, or the label of an item
        standing beside the one to link (400 when that item has no place, 404 when the label is unknown).
        """
        return [found_item(r) for r in await RegisterSearch(db, actor).unlabelled(q, limit, offset, near=near)]

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


# The file may be 10 MB; the multipart envelope and the mapping get a little room of their own.
IMPORT_BODY_LIMIT = transfer.MAX_BYTES + 64 * 1024
IMPORT_RULES = (
    f"Send the file as the `file` part of a multipart form: an Excel workbook (.xlsx, its first sheet) or CSV "
    f"(UTF-8, separated by `;`, `,` or tabs), at most {transfer.MAX_BYTES // (1024 * 1024)} MB and "
    f"{transfer.MAX_ROWS} rows after the header line; only the first {sheets.MAX_COLUMNS} columns are read. "
    "`mapping`, optional, is a JSON list with one register "
    "field key per column of the file (\"\" leaves a column out); without it the headers suggest one, as the "
    "report's `columns` show. A row names its item by Delbar-id or by inventory number; an unknown inventory "
    "number makes a new item. A larger body answers 413; a file or mapping that cannot be read answers 400.")
REFUSED = {HTTP_422_UNPROCESSABLE_ENTITY: ResponseSpec(
    data_container=schemas.ImportReport,
    description="Refused: some rows have errors (each says which column and why); nothing was imported.")}


Mapping = Annotated[list[Annotated[str, msgspec.Meta(max_length=80)]], msgspec.Meta(max_length=sheets.MAX_COLUMNS)]


@dataclass
class ImportForm:
    file: UploadFile
    mapping: str = ""


async def _form(data: ImportForm) -> tuple[bytes, str, list[str] | None]:
    if not isinstance(data.file, UploadFile):
        raise Invalid("Send the file as the `file` part of a multipart form.", error="no_file")
    mapping = None
    if data.mapping:
        try:
            mapping = msgspec.json.decode(data.mapping, type=Mapping)
        except (msgspec.DecodeError, msgspec.ValidationError) as exc:
            raise Invalid("The mapping is not a JSON list of register field keys (at most "
                          f"{sheets.MAX_COLUMNS}).", error="bad_mapping") from exc
    return await data.file.read(), data.file.filename or "", mapping


async def _export(db: Database, actor: Actor, kind: str) -> Response[bytes]:
    body, media_type = await RegisterTransfer(db, actor).export(kind)
    day = clock.now().astimezone(STOCKHOLM).date().isoformat()
    return Response(body, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="sakregister-{day}.{kind}"'})


class IntakeController(Controller):
    path = "/api/intakes"
    tags = ["register"]

    @post("/", status_code=HTTP_201_CREATED, raises=[Invalid, Conflict],
          responses={HTTP_200_OK: ResponseSpec(data_container=schemas.IntakeRead,
                                               description="Sent again: what the intake made, unchanged.")})
    async def take_in_item(self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.IntakeIn],
                           made_by: MadeByHeader = None) -> Response[schemas.IntakeRead]:
        """Register a new item in one pass (warehouse staff and coordinators): its card, its label (pre-printed or
        a fresh one to print), its shelf and a repair, all or nothing. 409 when the label, the shelf or the
        inventory number is refused (`label_…`, `shelf_…`, `inventory_number_taken`): nothing was written."""
        actor.require_maker(made_by)
        made, created = await IntakeService(db, actor).take_in(data)
        return Response(schemas.IntakeRead(**made), status_code=HTTP_201_CREATED if created else HTTP_200_OK)


class RegisterTransferController(Controller):
    path = "/api/register"
    tags = ["register"]

    @get("/export.xlsx", media_type=sheets.XLSX_TYPE)
    async def export_register_xlsx(self, db: DbDep, actor: ActorDep) -> Response[bytes]:
        """Every item of the municipality with its register card as an Excel workbook, headers in the person's
        language; importing it again (edited or not) updates, never copies."""
        return await _export(db, actor, "xlsx")

    @get("/export.csv", media_type=sheets.CSV_TYPE)
    async def export_register_csv(self, db: DbDep, actor: ActorDep) -> Response[bytes]:
        """The same as CSV: UTF-8 with a byte order mark, separated by `;`, decimals with a comma."""
        return await _export(db, actor, "csv")

    @post("/import/preview", request_max_body_size=IMPORT_BODY_LIMIT, status_code=HTTP_200_OK,
          description=IMPORT_RULES, raises=[Invalid])
    async def preview_register_import(self, db: DbDep, actor: ActorDep,
                                      data: MultipartBody[ImportForm]) -> schemas.ImportReport:
        """What importing the file would do: the columns and the fields they are read into, the counts of new,
        changed and unchanged items, and every row in error. Writes nothing."""
        return await RegisterTransfer(db, actor).preview(*await _form(data))

    @post("/import", request_max_body_size=IMPORT_BODY_LIMIT, status_code=HTTP_200_OK, description=IMPORT_RULES,
          raises=[Invalid], responses=REFUSED)
    async def import_register(self, db: DbDep, actor: ActorDep,
                              data: MultipartBody[ImportForm]) -> Response[schemas.ImportReport]:
        """Import the file, all or nothing (warehouse staff, coordinators, admins)."""
        report = await RegisterTransfer(db, actor).apply(*await _form(data))
        return Response(report, status_code=HTTP_200_OK if report.applied else HTTP_422_UNPROCESSABLE_ENTITY)
