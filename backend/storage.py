"""Where photo bytes live: one small interface, a local directory by default or any S3-compatible store.

Keys are opaque, made of ids only (`<municipality>/<photo>-<size>.webp`), so they are safe as paths
and as object names. Objects are written private (no ACL, no public URL): the app reads them and
serves them through its own tenancy check. A store that cannot be reached raises
StorageUnavailable, which the app answers as 503 with a readable reason.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Protocol
from urllib.parse import urlparse

from backend.errors import DelbarError
from backend.settings import Settings

log = logging.getLogger("delbar.storage")
_KEY = re.compile(r"^[0-9a-f-]{36}/[0-9a-f-]{36}-(display|thumb)\.webp$")


class StorageUnavailable(DelbarError):
    """The photo store did not answer, or answered with an error of its own (not a missing photo)."""

    status_code, error = 503, "storage_unavailable"
    retry_after = 30  # seconds: the field app's outbox and people try again after a while

    def __init__(self, detail: str = "The photo store cannot be reached right now; try again in a while.") -> None:
        super().__init__(detail)


def check_key(key: str) -> str:
    if not _KEY.match(key):
        raise ValueError(f"not a photo key: {key!r}")
    return key


class PhotoStore(Protocol):
    def put(self, key: str, data: bytes) -> None: ...

    def get(self, key: str) -> bytes | None: ...

    def delete(self, key: str) -> None: ...

    def list_keys(self) -> Iterator[str]:
        """Every photo key in the store (backup, restore)."""
        ...

    def clear(self) -> None:
        """Remove every photo (restore --force)."""
        ...

    def describe(self) -> str: ...


class LocalPhotoStore:
    """Files under one directory; writes go to a temporary file first, so no half photo is served."""

    def __init__(self, root: Path) -> None:
        self.root = root

    def _path(self, key: str) -> Path:
        return self.root / check_key(key)

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

    def list_keys(self) -> Iterator[str]:
        if not self.root.exists():
            return
        for path in sorted(self.root.rglob("*")):
            key = path.relative_to(self.root).as_posix()
            if path.is_file() and _KEY.match(key):  # not .part files: uploads still being written
                yield key

    def clear(self) -> None:
        if self.root.exists():
            shutil.rmtree(self.root)

    def describe(self) -> str:
        return f"the photo directory {self.root}"


class S3PhotoStore:
    """Objects in one bucket under a prefix, through boto3 (AWS S3, MinIO, Ceph, Garage, …).

    A PUT is atomic in S3: an object is either all there or not there, so no half photo is served.
    """

    def __init__(self, client, bucket: str, prefix: str) -> None:
        self.client, self.bucket = client, bucket
        self.prefix = prefix.strip("/") + "/" if prefix.strip("/") else ""

    def _name(self, key: str) -> str:
        return self.prefix + check_key(key)

    def _call(self, what: str, operation, **arguments):
        from botocore.exceptions import BotoCoreError, ClientError

        try:
            return operation(Bucket=self.bucket, **arguments)
        except ClientError as error:
            if error.response.get("Error", {}).get("Code") in {"NoSuchKey", "404"}:
                raise KeyError(arguments.get("Key")) from error
            log.warning("photo store refused %s: %s", what, error)
            raise StorageUnavailable() from error
        except BotoCoreError as error:  # cannot connect, timed out, no credentials …
            log.warning("photo store unreachable for %s: %s", what, error)
            raise StorageUnavailable() from error

    def put(self, key: str, data: bytes) -> None:
        self._call("put", self.client.put_object, Key=self._name(key), Body=data, ContentType="image/webp")

    def get(self, key: str) -> bytes | None:
        try:
            answer = self._call("get", self.client.get_object, Key=self._name(key))
        except KeyError:
            return None
        from botocore.exceptions import BotoCoreError

        try:
            return answer["Body"].read()
        except BotoCoreError as error:  # the connection broke while reading
            log.warning("photo store broke off a read: %s", error)
            raise StorageUnavailable() from error

    def delete(self, key: str) -> None:
        self._call("delete", self.client.delete_object, Key=self._name(key))

    def list_keys(self) -> Iterator[str]:
        token: dict[str, str] = {}
        while True:
            page = self._call("list", self.client.list_objects_v2, Prefix=self.prefix, **token)
            for entry in page.get("Contents", []):
                key = entry["Key"][len(self.prefix):]
                if _KEY.match(key):
                    yield key
            if not page.get("IsTruncated"):
                return
            token = {"ContinuationToken": page["NextContinuationToken"]}

    def clear(self) -> None:
        for key in list(self.list_keys()):
            self.delete(key)

    def describe(self) -> str:
        return f"the object store s3://{self.bucket}/{self.prefix}"


def parse_storage_url(url: str) -> tuple[str, str]:
    """s3://bucket/prefix → (bucket, prefix); anything else is refused at start-up."""
    parsed = urlparse(url)
    if parsed.scheme != "s3" or not parsed.netloc:
        raise ValueError(f"DELBAR_STORAGE_URL must look like s3://bucket/prefix, not {url!r}")
    return parsed.netloc, parsed.path.strip("/")


@lru_cache(maxsize=8)
def _local_store(root: str) -> LocalPhotoStore:
    return LocalPhotoStore(Path(root))


@lru_cache(maxsize=8)
def _s3_store(url: str, endpoint: str, region: str, key_id: str, secret: str) -> S3PhotoStore:
    import boto3
    from botocore.config import Config

    bucket, prefix = parse_storage_url(url)
    config = Config(connect_timeout=5, read_timeout=30, retries={"max_attempts": 3, "mode": "standard"},
                    # Self-hosted stores (MinIO and the like) are reached by path, not by a bucket host name.
                    s3={"addressing_style": "path" if endpoint else "auto"})
    # Empty values: boto3's own chain (AWS_* variables, a profile, the machine's role).
    client = boto3.session.Session().client(
        "s3", endpoint_url=endpoint or None, region_name=region or None,
        aws_access_key_id=key_id or None, aws_secret_access_key=secret or None, config=config)
    return S3PhotoStore(client, bucket, prefix)


def photo_store(settings: Settings) -> PhotoStore:
    """The configured photo store: DELBAR_STORAGE_URL's object store, or else the local directory."""
    if settings.storage_url:
        return _s3_store(settings.storage_url, settings.s3_endpoint_url, settings.s3_region,
                         settings.s3_access_key_id, settings.s3_secret_access_key)
    return _local_store(str(settings.photo_dir))
