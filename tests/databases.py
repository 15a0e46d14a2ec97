"""Test databases: a fresh SQLite file or a fresh PostgreSQL database, built by the migrations.

DELBAR_TEST_DATABASE chooses the engine (sqlite, the default, or postgres); the same suite runs
on both. PostgreSQL databases are created on DELBAR_TEST_POSTGRES_URL and dropped afterwards.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
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
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    # A test database need not survive a power cut: commits do not wait for the disk.
    asyncio.run(_admin(f'ALTER DATABASE "{name}" SET synchronous_commit = off'))
    try:
        url = _with_dbname(POSTGRES_ADMIN_URL, name)
        asyncio.run(_migrate(url))
        yield url
    finally:
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
