"""Catalogue entry points shared by the use-case modules: the photo store and the category tree.

The use cases live beside this file: listings.py (create, edit, lifecycle, `visible_listing`),
search.py, photos.py and wants.py.
"""

from __future__ import annotations

from functools import lru_cache

from backend.catalog.repository import CategoryRepository, Row
from backend.catalog.storage import LocalPhotoStore, PhotoStore
from backend.db import Database
from backend.settings import Settings


@lru_cache(maxsize=8)
def _local_store(root: str) -> LocalPhotoStore:
    from pathlib import Path

    return LocalPhotoStore(Path(root))


def photo_store(settings: Settings) -> PhotoStore:
    """The configured photo store: a local directory (an object store would plug in here)."""
    return _local_store(str(settings.photo_dir))


class CategoryService:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def list(self) -> list[Row]:
        async with self.db.read():
            return await CategoryRepository().list()
