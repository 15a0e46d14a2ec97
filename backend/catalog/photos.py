"""Photo use cases: upload to a listing, serve a rendition to whoever may see the listing, delete."""

from __future__ import annotations

import logging
from uuid import UUID, uuid4

import anyio

from backend import clock
from backend.catalog import imaging
from backend.catalog.listings import can_edit
from backend.catalog.repository import ItemRepository, ListingRepository, PhotoRepository, Row
from backend.catalog.storage import PhotoStore, StorageUnavailable
from backend.catalog.viewer import viewer_for
from backend.db import Database
from backend.errors import DelbarError, Forbidden, Invalid, NotFound
from backend.settings import Settings
from backend.tenancy import Actor

MAX_PHOTOS = 12
# Who photographs the register's items that are on no listing yet (at intake, or when linking a label).
ITEM_PHOTOGRAPHERS = ("warehouse", "coordinator", "admin")
log = logging.getLogger("delbar.catalog.photos")


class PhotoRejected(DelbarError):
    """The pipeline's refusal with its own status: 415 not an image, 413 too big, 400 damaged."""

    def __init__(self, refused: imaging.PhotoRefused) -> None:
        super().__init__(refused.detail, error=refused.error)
        self.status_code = refused.status
SIZES = ("display", "thumb")


class PhotoService:
    def __init__(self, db: Database, actor: Actor, settings: Settings, store: PhotoStore) -> None:
        self.db, self.actor, self.settings, self.store = db, actor, settings, store
        self.photos = PhotoRepository(actor.municipality_id)

    async def upload_for_item(self, item_id: UUID, data: bytes) -> list[Row]:
        """An intake photo of one item (queued offline by the field app), kept on its listing."""
        async with self.db.read():
            item = await ItemRepository(self.actor.municipality_id).get(item_id)
        if item is None:
            raise NotFound("No such item.")
        # An item on no listing keeps its photos itself; they go onto its listing when it is listed.
        return await self.upload(item["listing"], [data], item_id=item_id)

    async def for_item(self, item_id: UUID) -> list[Row]:
        """The photos of one of the municipality's items, whether or not it is on a listing."""
        async with self.db.read():
            if await ItemRepository(self.actor.municipality_id).get(item_id) is None:
                raise NotFound("No such item.")
            return await self.photos.of_item(item_id)

    async def upload(self, listing_id: UUID | None, uploads: list[bytes], item_id: UUID | None = None) -> list[Row]:
        """Process every photo first (all or nothing), store the files, then record the rows. Without a listing
        the photos are the item's alone."""
        if not uploads:
            raise Invalid("Choose at least one photo.", error="no_photo")
        async with self.db.read():
            await self._editable(listing_id)
        renditions = [await anyio.to_thread.run_sync(self._process, data) for data in uploads]
        rows = [{"id": uuid4(), "listing": listing_id, "item": item_id, "width": r.width, "height": r.height}
                for r in renditions]
        for row in rows:
            row["display_key"] = self._key(row["id"], "display")
            row["thumb_key"] = self._key(row["id"], "thumb")
        try:
            # Every file first, then the rows: a store that fails midway leaves no row (503, StorageUnavailable).
            for row, rendition in zip(rows, renditions, strict=True):
                await anyio.to_thread.run_sync(self.store.put, row["display_key"], rendition.display)
                await anyio.to_thread.run_sync(self.store.put, row["thumb_key"], rendition.thumb)
            async with self.db.write():
                await self._editable(listing_id)
                have = await (self.photos.count(listing_id) if listing_id else self.photos.count_of_item(item_id))
                if have + len(rows) > MAX_PHOTOS:
                    raise Invalid(f"A listing or an item has at most {MAX_PHOTOS} photos.", error="too_many_photos")
                for position, row in enumerate(rows, start=have):
                    row |= {"position": position, "created_by": self.actor.user_id}
                await self.photos.insert(rows, clock.now())
        except BaseException:
            # Nothing half-written: files without a row would never be served or cleaned.
            with anyio.CancelScope(shield=True):  # a client that went away still gets its files removed
                keys = [key for row in rows for key in (row["display_key"], row["thumb_key"])]
                await anyio.to_thread.run_sync(self._forget, keys)
            raise
        return rows

    def _forget(self, keys: list[str]) -> None:
        """Delete these files as far as the store lets us; one it cannot reach keeps unnamed bytes (logged)."""
        for key in keys:
            try:
                self.store.delete(key)
            except StorageUnavailable:
                log.warning("photo store unreachable: %s stays stored without a row", key)
                return

    def _process(self, data: bytes) -> imaging.Renditions:
        try:
            return imaging.process(data, max_bytes=self.settings.photo_max_bytes,
                                   max_pixels=self.settings.photo_max_pixels)
        except imaging.PhotoRefused as refused:
            raise PhotoRejected(refused) from refused

    def _key(self, photo_id: UUID, size: str) -> str:
        return f"{self.actor.municipality_id}/{photo_id}-{size}.webp"

    async def _editable(self, listing_id: UUID | None) -> Row | None:
        if listing_id is None:
            self.actor.require(*ITEM_PHOTOGRAPHERS)
            return None
        listing = await ListingRepository(await viewer_for(self.actor)).get_own(listing_id)
        if listing is None:
            raise NotFound("No such listing.")
        # The warehouse photographs items at intake on behalf of the owning departments.
        if not (can_edit(self.actor, listing) or self.actor.has_any("warehouse")):
            raise Forbidden("Only the owning unit, the warehouse or a coordinator can add photos.")
        return listing

    async def read(self, photo_id: UUID, size: str) -> bytes:
        """The rendition's bytes, only if the actor may see the photo's listing (404 otherwise)."""
        async with self.db.read():
            photo = await self.photos.get(photo_id)
            if photo is None or not await self._may_see(photo):
                raise NotFound("No such photo.")
        data = await anyio.to_thread.run_sync(self.store.get, photo[f"{size}_key"])
        if data is None:
            raise NotFound("No such photo.")
        return data

    async def _may_see(self, photo: Row) -> bool:
        """A listing's photo whoever may see the listing; an item's own photo its municipality only."""
        if photo["listing"] is None:
            return photo["municipality"] == self.actor.municipality_id
        return await ListingRepository(await viewer_for(self.actor)).get_visible(photo["listing"]) is not None

    async def delete(self, photo_id: UUID) -> None:
        async with self.db.write():
            photo = await self.photos.get(photo_id)
            if photo is None or photo["municipality"] != self.actor.municipality_id:
                raise NotFound("No such photo.")
            await self._editable(photo["listing"])
            await self.photos.delete(photo_id)
        # The row goes first: a photo is gone once no row names it; a store that is down keeps the bytes (logged).
        await anyio.to_thread.run_sync(self._forget, [photo["display_key"], photo["thumb_key"]])
