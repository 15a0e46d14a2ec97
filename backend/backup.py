"""Backup and restore: the database (SQLite's online backup, or pg_dump/pg_restore) and the photos
(read from and restored into the configured photo store: the local directory or the object store).

A backup is a directory: the database (`delbar.sqlite` or `delbar.pgdump`), `photos/`, and
`manifest.json`, written last, so a directory without one is an unfinished backup. The database is
copied first as one consistent snapshot while the app keeps serving and writing; the photos after
it, so every photo a snapshot's row names is there (a photo added meanwhile is copied too, unused).
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import asyncpg

from backend import clock
from backend.db import Database
from backend.migrations import applied, known
from backend.settings import Settings
from backend.storage import LocalPhotoStore, PhotoStore, StorageUnavailable, photo_store

MANIFEST = "manifest.json"
FORMAT = 1
SQLITE_FILE, POSTGRES_FILE, PHOTOS = "delbar.sqlite", "delbar.pgdump", "photos"
# The accounts context's tables of municipalities and people (this module may not import contexts).
OWNERS = ("municipality", "app_user")


class Refused(Exception):
    """A backup or restore that would do harm; the message says why and what to do."""


@dataclass(frozen=True)
class Summary:
    database: str
    migrations: int
    photos: int
    photo_bytes: int


async def _migrations(url: str) -> list[str]:
    database = Database.from_url(url)
    await database.start()
    try:
        return await applied(database)
    finally:
        await database.stop()


def backup(settings: Settings, directory: Path) -> Summary:
    """Write a backup of the database and the photos into directory (new or empty)."""
    if directory.exists() and any(directory.iterdir()):
        raise Refused(f"{directory} is not empty: give each backup a new directory (e.g. one named by the date).")
    directory.mkdir(parents=True, exist_ok=True)
    kind = "sqlite" if settings.is_sqlite else "postgresql"
    if kind == "sqlite" and not _sqlite_path(settings.database_url).is_file():
        raise Refused(f"There is no database at {_sqlite_path(settings.database_url)}: check DATABASE_URL.")
    migrations = asyncio.run(_migrations(settings.database_url))
    if kind == "sqlite":
        _sqlite_copy(_sqlite_path(settings.database_url), directory / SQLITE_FILE)
        database_file = directory / SQLITE_FILE
    else:
        database_file = directory / POSTGRES_FILE
        _pg_dump(settings.database_url, database_file)
    with _reachable():
        photos, photo_bytes = _store_to_directory(photo_store(settings), directory / PHOTOS)
    manifest = {
        "format": FORMAT, "application": "delbar", "created_at": clock.now().isoformat(), "database": kind,
        "database_file": database_file.name, "database_sha256": _sha256(database_file),
        "migrations": migrations, "latest_migration": migrations[-1] if migrations else None,
        "photos": photos, "photo_bytes": photo_bytes,
    }
    (directory / MANIFEST).write_text(json.dumps(manifest, indent=2) + "\n")
    return Summary(kind, len(migrations), photos, photo_bytes)


def restore(settings: Settings, directory: Path, *, force: bool = False) -> Summary:
    """Restore a backup into the configured database and photo directory."""
    manifest = read_manifest(directory)
    kind = "sqlite" if settings.is_sqlite else "postgresql"
    if manifest["database"] != kind:
        raise Refused(f"This backup is of a {manifest['database']} database and DATABASE_URL names a {kind} one; "
                      "restore it into the same kind (python -m backend copy-database moves between kinds).")
    newer = [m for m in manifest["migrations"] if m not in known()]
    if newer:
        raise Refused(f"This backup comes from a newer Delbar: its schema has {len(newer)} migrations this version "
                      f"does not know (first: {newer[0]}). Install the version that made it, or a later one.")
    database_file = directory / manifest["database_file"]
    if _sha256(database_file) != manifest["database_sha256"]:
        raise Refused(f"{database_file} does not match its checksum in the manifest: the backup is damaged.")
    if not force and asyncio.run(_holds_rows(settings.database_url)):
        raise Refused("The target database is not empty. Restoring replaces everything in it: "
                      "add --force to do that, or point DATABASE_URL at a new database.")
    store = photo_store(settings)
    with _reachable():
        if not force and next(iter(store.list_keys()), None) is not None:
            raise Refused(f"{store.describe()} is not empty: add --force to replace its photos.")
    if kind == "sqlite":
        target = _sqlite_path(settings.database_url)
        target.parent.mkdir(parents=True, exist_ok=True)
        _sqlite_copy(database_file, target)
    else:
        _pg_restore(settings.database_url, database_file)
    with _reachable():
        store.clear()
        photos, photo_bytes = _directory_to_store(directory / PHOTOS, store)
    return Summary(kind, len(manifest["migrations"]), photos, photo_bytes)


def read_manifest(directory: Path) -> dict:
    path = directory / MANIFEST
    if not path.is_file():
        raise Refused(f"{directory} holds no {MANIFEST}: it is not a Delbar backup, or the backup did not finish.")
    try:
        manifest = json.loads(path.read_text())
    except (ValueError, UnicodeDecodeError) as error:
        raise Refused(f"{path} is not readable JSON: {error}") from error
    if manifest.get("application") != "delbar" or manifest.get("format") != FORMAT:
        raise Refused(f"{path} is not a Delbar backup manifest of format {FORMAT}.")
    return manifest


def _sqlite_path(url: str) -> Path:
    return Path(url.removeprefix("sqlite:///") or "var/delbar.sqlite")


def _sqlite_copy(source: Path, target: Path) -> None:
    """SQLite's online backup: one consistent snapshot, while other connections keep writing (WAL)."""
    with closing(sqlite3.connect(source, timeout=30)) as src, closing(sqlite3.connect(target, timeout=30)) as dst:
        src.backup(dst)  # all pages in one step, under one read transaction


@contextmanager
def _reachable() -> Iterator[None]:
    try:
        yield
    except StorageUnavailable as error:
        raise Refused(f"The photo store cannot be reached ({error.__cause__ or error}): check DELBAR_STORAGE_URL, "
                      "DELBAR_S3_ENDPOINT_URL and the credentials, then run this again.") from error


def _store_to_directory(store: PhotoStore, target: Path) -> tuple[int, int]:
    """Copy every photo of the store (a directory or an object store) below target; return how many and their bytes."""
    target.mkdir(parents=True, exist_ok=True)
    copy = LocalPhotoStore(target)
    count = size = 0
    for key in store.list_keys():
        data = store.get(key)
        if data is not None:  # deleted since it was listed
            copy.put(key, data)
            count, size = count + 1, size + len(data)
    return count, size


def _directory_to_store(source: Path, store: PhotoStore) -> tuple[int, int]:
    count = size = 0
    backup = LocalPhotoStore(source)
    for key in backup.list_keys():
        data = backup.get(key) or b""
        store.put(key, data)
        count, size = count + 1, size + len(data)
    return count, size


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


async def _holds_rows(url: str) -> bool:
    """Whether the database holds a municipality or a person: all of Delbar's own data hangs off them.

    A new database, or one only migrated (whose migrations seed categories and impact factors) or
    started once (which makes its keys), holds neither: restoring into it loses nothing.
    """
    if url.startswith("sqlite:"):
        path = _sqlite_path(url)
        if not path.exists():
            return False
        with closing(sqlite3.connect(path, timeout=30)) as connection:
            present = {r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
            return any(connection.execute(f'SELECT 1 FROM "{n}" LIMIT 1').fetchone()
                       for n in OWNERS if n in present)
    connection = await asyncpg.connect(url)
    try:
        for name in OWNERS:
            if await connection.fetchval("SELECT to_regclass($1) IS NOT NULL", f'public."{name}"') and \
                    await connection.fetchval(f'SELECT 1 FROM "{name}" LIMIT 1'):
                return True
        return False
    finally:
        await connection.close()


def _libpq(url: str) -> tuple[str, dict[str, str]]:
    """The URL without its password, and an environment that carries it (not on the command line)."""
    parsed = urlparse(url.replace("postgres://", "postgresql://", 1))
    env = dict(os.environ)
    if parsed.password:
        env["PGPASSWORD"] = parsed.password
        host = parsed.hostname or ""
        netloc = f"{parsed.username}@{host}" + (f":{parsed.port}" if parsed.port else "")
        parsed = parsed._replace(netloc=netloc)
    return urlunparse(parsed), env


def _major(text: str) -> int:
    match = re.search(r"(\d+)(?:\.\d+)?", text)
    if not match:
        raise Refused(f"Cannot read a PostgreSQL version from {text!r}.")
    return int(match[1])


async def _server_major(url: str) -> int:
    connection = await asyncpg.connect(url)
    try:
        return int(await connection.fetchval("SHOW server_version_num")) // 10000
    finally:
        await connection.close()


def _run(tool: str, arguments: list[str], url: str) -> None:
    """Run pg_dump or pg_restore after checking it is at least as new as the server."""
    if shutil.which(tool) is None:
        raise Refused(f"{tool} is not installed: install Debian's postgresql-client (the server's major version).")
    version = subprocess.run([tool, "--version"], capture_output=True, text=True, check=True).stdout
    client, server = _major(version), asyncio.run(_server_major(url))
    if client < server:
        raise Refused(f"{tool} is PostgreSQL {client} and the server {server}: install postgresql-client-{server}.")
    clean_url, env = _libpq(url)
    result = subprocess.run([tool, *arguments, f"--dbname={clean_url}"], capture_output=True, text=True, env=env)
    if result.returncode != 0:
        raise Refused(f"{tool} failed: {result.stderr.strip()[-2000:]}")


def _pg_dump(url: str, target: Path) -> None:
    # One transaction's snapshot, as the app keeps writing; the custom format restores with pg_restore.
    _run("pg_dump", ["--format=custom", "--no-owner", "--no-privileges", f"--file={target}"], url)


def _pg_restore(url: str, source: Path) -> None:
    # --clean --if-exists: a migrated (or, with --force, a used) database gets the backup's objects instead.
    _run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--no-privileges", "--single-transaction",
                        "--exit-on-error", str(source)], url)
