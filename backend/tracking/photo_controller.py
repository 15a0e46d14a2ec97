"""HTTP for intake photos of single items: the catalogue stores the photo, tracking links the label in it."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from litestar import Controller, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, MultipartBody
from litestar.status_codes import HTTP_201_CREATED

from backend.catalog import schemas as catalog_schemas
from backend.catalog.controller import UPLOAD_BODY_LIMIT
from backend.catalog.convert import photo_read, photo_urls
from backend.catalog.photos import PhotoService
from backend.catalog.repository import Row
from backend.catalog.storage import StorageUnavailable, photo_store
from backend.deps import ActorDep, DbDep, MadeByHeader, SettingsDep
from backend.tracking import schemas
from backend.tracking.photo_labels import PhotoLabelService


def item_photo_read(row: Row, label: schemas.PhotoLabelRead | None) -> schemas.ItemPhotoRead:
    display, thumb = photo_urls(row["id"])
    return schemas.ItemPhotoRead(id=row["id"], width=row["width"], height=row["height"], display_url=display,
                                 thumb_url=thumb, label=label)


@dataclass
class ItemPhotoUpload:
    file: UploadFile


class ItemPhotoController(Controller):
    """Intake photos of single items, as the field app uploads them after being offline."""

    path = "/api/items"
    tags = ["catalog"]

    @get("/{item_id:uuid}/photos")
    async def list_item_photos(self, db: DbDep, actor: ActorDep, settings: SettingsDep,
                               item_id: FromPath[UUID]) -> list[catalog_schemas.PhotoRead]:
        """The photos of one of the municipality's items, on a listing or (taken at intake) its own, oldest first."""
        rows = await PhotoService(db, actor, settings, photo_store(settings)).for_item(item_id)
        return [photo_read(r) for r in rows]

    @post("/{item_id:uuid}/photos", request_max_body_size=UPLOAD_BODY_LIMIT, status_code=HTTP_201_CREATED,
          raises=[StorageUnavailable])
    async def upload_item_photo(
        self, db: DbDep, actor: ActorDep, settings: SettingsDep, item_id: FromPath[UUID],
        data: MultipartBody[ItemPhotoUpload], made_by: MadeByHeader = None,
    ) -> list[schemas.ItemPhotoRead]:
        """Store the photo; for the warehouse and coordinators, link the fresh label it shows."""
        actor.require_maker(made_by)
        upload = await data.file.read()
        rows = await PhotoService(db, actor, settings, photo_store(settings)).upload_for_item(item_id, upload)
        labels = PhotoLabelService(db, actor)
        label = await labels.link_from_photo(item_id, upload, settings.photo_max_pixels) if labels.may_link() else None
        return [item_photo_read(r, label) for r in rows]
