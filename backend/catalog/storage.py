"""The photo store, as the catalogue and the contexts above it name it (it lives in backend.storage,
where backup and restore reach it too)."""

from __future__ import annotations

from backend.storage import LocalPhotoStore, PhotoStore, S3PhotoStore, StorageUnavailable, photo_store

__all__ = ["LocalPhotoStore", "PhotoStore", "S3PhotoStore", "StorageUnavailable", "photo_store"]
