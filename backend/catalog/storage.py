"""Where photo bytes live: one small interface, a local directory by default.

An object store (S3 and the like) can replace LocalPhotoStore by implementing the same three
methods; keys are opaque, made of ids only, so they are safe as paths and as object names.
"""

from __future__ import annotations

import os
import re
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import Protocol

from backend.settings import Settings

_KEY = re.compile(r"^[0-9a-f-]{36}/[0-9a-f-]{36}-(display|thumb)\.webp$")


class PhotoStore(Protocol):
    def put(self, key: str, data: bytes) -> None: ...

    def get(self, key: str) -> bytes | None: ...

    def delete(self, key: str) -> None: ...


class LocalPhotoStore:
    """Files under one directory; writes go to a temporary file first, so no half photo is served."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        if not _KEY.match(key):
            raise ValueError(f"not a photo key: {key!r}")
        return self.root / key

    def put(self, key: str, data: bytes) -> None:
        path = self._path(key)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temporary, path)

    def get(self, key: str) -> bytes | None:
        try:
            return self._path(key).read_bytes()
        except FileNotFoundError:
            return None

    def delete(self, key: str) -> None:
        self._path(key).unlink(missing_ok=True)


@lru_cache(maxsize=8)
def _local_store(root: str) -> LocalPhotoStore:
    return LocalPhotoStore(Path(root))


def photo_store(settings: Settings) -> PhotoStore:
    """The configured photo store: a local directory (an object store would plug in here)."""
    return _local_store(str(settings.photo_dir))
