"""Test databases: a fresh SQLite file or a fresh PostgreSQL database, built by the migrations.

DELBAR_TEST_DATABASE chooses the engine (sqlite, the default, or postgres); the same suite runs
on both. PostgreSQL databases are created on DELBAR_TEST_POSTGRES_URL and dropped afterwards.
"""

from __future__ import annotations

import asyncio
import fcntl
import hashlib
import os
import secrets
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import closing, contextmanager
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import asyncpg

from backend.db import Database
from backend.migrations import migrate

KIND = os.environ.get("DELBAR_TEST_DATABASE", "sqlite")
POSTGRES_ADMIN_URL = os.environ.get("DELBAR_TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/postgres")


def _with_dbname(url: str, name: str) -> str:
    return urlunparse(urlparse(url)._replace(path="/" + name))


async def _admin(statement: str) -> None:
    connection = await asyncpg.connect(POSTGRES_ADMIN_URL)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


async def _migrate(url: str) -> None:
    database = Database.from_url(url)
    await database.start()
    try:
        await migrate(database, quiet=True)
    finally:
        await database.stop()


def _create_postgres(name: str, template: str | None = None) -> str:
    asyncio.run(_admin(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
    # A test database need not survive a power cut: commits do not wait for the disk.
    asyncio.run(_admin(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    return _with_dbname(POSTGRES_ADMIN_URL, name)


@contextmanager
def fresh_database(directory: Path, label: str) -> Iterator[str]:
    """Yield the URL of a new, migrated database of the configured kind; drop it afterwards."""
    if KIND == "sqlite":
        url = f"sqlite:///{directory / (label + '.sqlite')}"
        asyncio.run(_migrate(url))
        yield url
        return
    if KIND != "postgres":
        raise RuntimeError(f"DELBAR_TEST_DATABASE must be sqlite or postgres, not {KIND!r}")
    name = f"delbar_test_{label}_{secrets.token_hex(4)}"
    try:
        url = _create_postgres(name)
        asyncio.run(_migrate(url))
        yield url
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


@contextmanager
def blank_database(directory: Path, label: str) -> Iterator[str]:
    """Yield the URL of a new database with nothing in it, not even the schema (where a restore goes)."""
    if KIND == "sqlite":
        yield f"sqlite:///{directory / (label + '.sqlite')}"
        return
    name = f"delbar_test_{label}_{secrets.token_hex(4)}"
    try:
        yield _create_postgres(name)
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


# The demo data, loaded once per test run (`python -m backend demo` takes seconds, and tens of
# seconds on a busy machine) into a template that every process of the run copies: a file copy on
# SQLite, CREATE DATABASE … TEMPLATE on PostgreSQL. The run's first pytest process names the run;
# the processes it spreads the tests over inherit the name.
RUN = "DELBAR_TEST_RUN"


def name_the_run() -> None:
    os.environ.setdefault(RUN, secrets.token_hex(4))


def _flavour(password: str) -> str:
    """Templates are kept per password: tests that sign in with their own get their own."""
    return hashlib.sha256(password.encode()).hexdigest()[:8]


def _demo_folder(password: str) -> Path:
    return Path(tempfile.gettempdir()) / f"delbar-demo-{os.environ[RUN]}-{_flavour(password)}"


def _demo_template_name(flavour: str) -> str:
    return f"delbar_test_demo_{os.environ[RUN]}_{flavour}"


def _load_demo(url: str, photo_dir: Path, password: str) -> None:
    env = {**os.environ, "DATABASE_URL": url, "DELBAR_PHOTO_DIR": str(photo_dir)}
    subprocess.run([sys.executable, "-m", "backend", "demo"], cwd=Path(__file__).resolve().parents[1], env=env,
                   check=True, capture_output=True)
    asyncio.run(set_password_hashes(url, password))


def _demo_template(folder: Path, password: str) -> str:
    """The run's demo template, built by whichever process asks first (the caller holds the lock)."""
    photos = folder / "photos"
    if KIND == "sqlite":
        url = f"sqlite:///{folder / 'demo.sqlite'}"
        if not (folder / "ready").exists():
            asyncio.run(_migrate(url))
            _load_demo(url, photos, password)
            with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as connection:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            (folder / "ready").touch()
        return url
    name = _demo_template_name(_flavour(password))
    url = _with_dbname(POSTGRES_ADMIN_URL, name)
    if not (folder / "ready").exists():
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        _create_postgres(name)
        asyncio.run(_migrate(url))
        _load_demo(url, photos, password)
        (folder / "ready").touch()
    return url


@contextmanager
def demo_database(directory: Path, label: str, password: str) -> Iterator[str]:
    """Yield the URL of a new database holding the demo data, every user's password `password` with
    a cheap hash; drop it afterwards. The demo's photos are copied into this process's photo folder."""
    folder = _demo_folder(password)
    folder.mkdir(exist_ok=True)
    with open(folder / "lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one builder; PostgreSQL copies a template for one session at a time
        template = _demo_template(folder, password)
        shutil.copytree(folder / "photos", os.environ["DELBAR_PHOTO_DIR"], dirs_exist_ok=True)
        if KIND == "sqlite":
            path = directory / f"{label}.sqlite"
            with closing(sqlite3.connect(template.removeprefix("sqlite:///"))) as source, \
                    closing(sqlite3.connect(path)) as target:
                source.backup(target)
            url = f"sqlite:///{path}"
        else:
            name = f"delbar_test_{label}_{secrets.token_hex(4)}"
            url = _create_postgres(name, template=_demo_template_name(_flavour(password)))
    if KIND == "sqlite":
        yield url
        return
    try:
        yield url
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def forget_the_run() -> None:
    """Remove the run's demo templates; called once every process of the run is done."""
    if RUN not in os.environ:
        return
    for folder in Path(tempfile.gettempdir()).glob(f"delbar-demo-{os.environ[RUN]}-*"):
        shutil.rmtree(folder, ignore_errors=True)
        if KIND == "postgres":
            name = _demo_template_name(folder.name.rsplit("-", 1)[1])
            asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


async def empty_all_tables(url: str) -> None:
    """Delete every row (but the migration log), so each test starts from nothing.

    On PostgreSQL one DELETE per table, children first, all in one transaction: TRUNCATE makes new
    files for every table and cost ~1 s a test; deleting a test's few rows costs milliseconds.
    """
    from piccolo.table import sort_table_classes

    from backend.piccolo_conf import APP_REGISTRY

    tables = sort_table_classes([t for c in APP_REGISTRY.app_configs.values() for t in c.table_classes])
    names = [t._meta.tablename for t in reversed(tables)]
    if url.startswith("sqlite:"):
        with sqlite3.connect(url.removeprefix("sqlite:///")) as connection:
            connection.execute("PRAGMA foreign_keys = OFF")
            for name in names:
                connection.execute(f'DELETE FROM "{name}"')
        return
    connection = await asyncpg.connect(url)
    try:
        # One round trip: several statements in one simple query run as one transaction.
        await connection.execute("".join(f'DELETE FROM "{name}";' for name in names))
    finally:
        await connection.close()


async def set_password_hashes(url: str, password: str) -> None:
    """Give every user a cheap hash of `password`: a browser sign-in then skips a full Argon2 verification."""
    from backend.accounts.passwords import hash_password
    from backend.accounts.tables import User

    statement = f'UPDATE "{User._meta.tablename}" SET password_hash = '
    password_hash = hash_password(password, "minimal")
    if url.startswith("sqlite:"):
        connection = sqlite3.connect(url.removeprefix("sqlite:///"))
        try:
            with connection:
                connection.execute(statement + "?", (password_hash,))
        finally:
            connection.close()
        return
    connection = await asyncpg.connect(url)
    try:
        await connection.execute(statement + "$1", password_hash)
    finally:
        await connection.close()
