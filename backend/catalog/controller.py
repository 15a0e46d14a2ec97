"""HTTP for listings, search, photos and categories."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Annotated, Literal
from uuid import UUID

from litestar import Controller, Response, delete, get, patch, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery, JSONBody, MultipartBody, Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend.catalog import convert, schemas
from backend.catalog.categories import CategoryService
from backend.catalog.listings import ListingService
from backend.catalog.photos import PhotoService
from backend.catalog.search import SearchQuery, SearchService
from backend.catalog.storage import StorageUnavailable, photo_store
from backend.deps import ActorDep, DbDep, SettingsDep
from backend.errors import Conflict, NotFound
from backend.openapi import retried
from backend.params import bounded
from backend.schemas import BulkDone, BulkIds

# The HTTP layer's own wall for uploads; the photo pipeline then holds each file to Settings.
UPLOAD_BODY_LIMIT = 40 * 1024 * 1024
PHOTO_CACHE = "private, max-age=31536000, immutable"
Page = bounded(1, 1000, "Which page of results.")
PerPage = bounded(1, 100, "Results per page.")
SearchText = Annotated[str, Parameter(max_length=200, description="Words to search for.")]
SortOrder = Annotated[schemas.Sort, Parameter(
    description="newest: newest first; relevance: the 500 newest hits best match first, then older ones.")]
PhotoSize = Literal["display", "thumb"]


@dataclass
class PhotoUpload:
    photos: list[UploadFile] = field(default_factory=list)


class ListingController(Controller):
    path = "/api/listings"
    tags = ["catalog"]

    @get("/")
    async def search_listings(
        self, db: DbDep, actor: ActorDep, q: FromQuery[SearchText] = "",
        kind: FromQuery[schemas.Kind | None] = None, deal: FromQuery[schemas.Deal | None] = None,
        category_id: FromQuery[UUID | None] = None, municipality_id: FromQuery[UUID | None] = None,
        condition: FromQuery[schemas.Condition | None] = None,
        availability: FromQuery[schemas.Availability | None] = None,
        sort: FromQuery[SortOrder] = "newest", page: FromQuery[Page] = 1, per_page: FromQuery[PerPage] = 24,
        facets: FromQuery[Annotated[bool, Parameter(
            description="Also count the hits per kind, deal, category, municipality and condition (the filter"
                        " sheet asks when it opens; a page of results does not need them).")]] = False,
    ) -> schemas.SearchResult:
        query = SearchQuery(q, kind, deal, category_id, municipality_id, condition, availability, sort, page, per_page,
                            facets)
        return convert.search_result(await SearchService(db, actor).search(query), page, per_page)

    @get("/mine")
    async def list_my_listings(
        self, db: DbDep, actor: ActorDep, unit_id: FromQuery[UUID | None] = None,
        status: FromQuery[Annotated[schemas.Status | None, Parameter(
            description="Only listings in this status (the start page asks for the published ones).")]] = None,
        sort: FromQuery[Annotated[Literal["updated", "newest"], Parameter(
            description="updated: last changed first (the default); newest: last published first.")]] = "updated",
        limit: FromQuery[Annotated[int | None, Parameter(
            ge=1, le=500, description="At most this many (1 to 500); all of them when left out.")]] = None,
    ) -> list[schemas.ListingRead]:
        rows = await ListingService(db, actor).mine(unit_id, status=status, newest=sort == "newest", limit=limit)
        return [convert.listing_read(r) for r in rows]

    @get("/{listing_id:uuid}")
    async def get_listing(self, db: DbDep, actor: ActorDep, listing_id: FromPath[UUID]) -> schemas.ListingRead:
        return convert.listing_read(await ListingService(db, actor).get(listing_id))

    @get("/{listing_id:uuid}/events")
    async def list_listing_events(
        self, db: DbDep, actor: ActorDep, listing_id: FromPath[UUID]
    ) -> list[schemas.ListingEventRead]:
        return [convert.event_read(r) for r in await ListingService(db, actor).events(listing_id)]

    @post("/", responses=retried(schemas.ListingRead))
    async def create_listing(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.ListingCreate]
    ) -> Response[schemas.ListingRead]:
        row, created, _ = await ListingService(db, actor).create(data)
        return Response(convert.listing_read(row), status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @patch("/{listing_id:uuid}")
    async def update_listing(
        self, db: DbDep, actor: ActorDep, listing_id: FromPath[UUID], data: JSONBody[schemas.ListingUpdate]
    ) -> schemas.ListingRead:
        return convert.listing_read(await ListingService(db, actor).update(listing_id, data))

    @post("/refresh", status_code=HTTP_200_OK)
    async def refresh_listings(self, db: DbDep, actor: ActorDep, data: JSONBody[BulkIds]) -> BulkDone:
        """Mark stale published listings as still current, all or none (the work queue's bulk action)."""
        ids = await ListingService(db, actor).refresh_many(data.ids)
        return BulkDone(done=len(ids), ids=ids)

    @post("/{listing_id:uuid}/status", status_code=HTTP_200_OK)
    async def change_listing_status(
        self, db: DbDep, actor: ActorDep, listing_id: FromPath[UUID], data: JSONBody[schemas.StatusChange]
    ) -> schemas.ListingRead:
        row, _ = await ListingService(db, actor).change_status(listing_id, data)
        return convert.listing_read(row)

    @post("/{listing_id:uuid}/photos", request_max_body_size=UPLOAD_BODY_LIMIT, status_code=HTTP_201_CREATED,
          raises=[StorageUnavailable])
    async def upload_photos(
        self, db: DbDep, actor: ActorDep, settings: SettingsDep, listing_id: FromPath[UUID],
        data: MultipartBody[PhotoUpload],
    ) -> list[schemas.PhotoRead]:
        uploads = [await upload.read() for upload in data.photos]
        rows = await PhotoService(db, actor, settings, photo_store(settings)).upload(listing_id, uploads)
        return [convert.photo_read(r) for r in rows]


class ItemListingController(Controller):
    path = "/api/items"
    tags = ["catalog"]

    @post("/{item_id:uuid}/listing", responses=retried(schemas.ListingRead), raises=[NotFound, Conflict])
    async def list_register_item(self, db: DbDep, actor: ActorDep, item_id: FromPath[UUID],
                                 data: JSONBody[schemas.ItemListingCreate]) -> Response[schemas.ListingRead]:
        """List an item of the register in one step, with its title, category, unit and place, the item itself
        attached (its own photos go with it). 409 `item_listed` while it is on an open listing; 400 when the price
        does not fit the deal (`price_required`, `price_not_allowed`, `rent_period_required`, ...)."""
        row, made = await ListingService(db, actor).list_item(item_id, data)
        return Response(convert.listing_read(row), status_code=HTTP_201_CREATED if made else HTTP_200_OK)


class PhotoController(Controller):
    path = "/api/photos"
    tags = ["catalog"]

    @get("/{photo_id:uuid}/{size:str}", media_type="image/webp", raises=[StorageUnavailable])
    async def get_photo(
        self, db: DbDep, actor: ActorDep, settings: SettingsDep, photo_id: FromPath[UUID], size: FromPath[PhotoSize]
    ) -> Response[bytes]:
        data = await PhotoService(db, actor, settings, photo_store(settings)).read(photo_id, size)
        # Photos never change under their id: cache for a year, privately (access is checked here).
        return Response(data, media_type="image/webp", headers={"Cache-Control": PHOTO_CACHE, "ETag": f'"{photo_id}"'})

    @delete("/{photo_id:uuid}")
    async def delete_photo(self, db: DbDep, actor: ActorDep, settings: SettingsDep, photo_id: FromPath[UUID]) -> None:
        await PhotoService(db, actor, settings, photo_store(settings)).delete(photo_id)


class CategoryController(Controller):
    path = "/api/categories"
    tags = ["catalog"]

    @get("/")
    async def list_categories(self, db: DbDep) -> list[schemas.CategoryRead]:
        return [convert.category_read(r) for r in await CategoryService(db).list()]
