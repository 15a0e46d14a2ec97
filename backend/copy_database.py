"""Outgrowing SQLite: copy a (running) SQLite Delbar with all its data into an empty PostgreSQL database.

`python -m backend copy-database --to postgresql://…` takes one consistent snapshot of the SQLite
database with its online backup API (the app may keep serving and writing meanwhile), migrates the
target, empties its tables (the migrations seed a few) and copies every table of every context, in
the order of their foreign keys, with COPY; then moves the sequences past the copied ids. The
whole copy is one transaction: a copy that fails leaves the target as it was after migrating.
"""

from __future__ import annotations

import asyncio
import datetime
import json
import sqlite3
import tempfile
from collections.abc import Iterable
from contextlib import closing
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID

import asyncpg

from backend.backup import Refused, _holds_rows, _libpq, _sqlite_copy, _sqlite_path
from backend.db import Database
from backend.migrations import migrate, pending
from backend.settings import Settings

BATCH = 5000


@dataclass(frozen=True)
class CopySummary:
    tables: int
    rows: int


def copy_database(settings: Settings, target_url: str, *, force: bool = False) -> CopySummary:
    """Copy the SQLite database of settings into the PostgreSQL database at target_url."""
    if not settings.is_sqlite:
        raise Refused("DATABASE_URL names a PostgreSQL database: copy-database copies a SQLite one into PostgreSQL "
                      "(between two PostgreSQL databases use backup and restore).")
    if not target_url.startswith(("postgresql://", "postgres://")):
        raise Refused("--to must be a PostgreSQL URL: postgresql://user:password@host:port/database")
    source = _sqlite_path(settings.database_url)
    if not source.is_file():
        raise Refused(f"There is no database at {source}: check DATABASE_URL.")
    with tempfile.TemporaryDirectory(prefix="delbar-copy-") as folder:
        snapshot = Path(folder) / "snapshot.sqlite"
        _sqlite_copy(source, snapshot)  # one consistent snapshot while the app keeps writing
        behind = asyncio.run(_pending(f"sqlite:///{snapshot}"))
        if behind:
            raise Refused(f"The SQLite database is behind the code ({len(behind)} migrations): "
                          "run python -m backend migrate on it first.")
        try:
            if not force and asyncio.run(_holds_rows(target_url)):
                raise Refused("The target database is not empty (it holds municipalities or people). Copying replaces "
                              "everything in it: add --force to do that, or give a new database.")
            asyncio.run(_migrate(target_url))
            return asyncio.run(_copy(snapshot, target_url))
        except (OSError, asyncpg.PostgresError) as error:
            raise Refused(f"Cannot copy into {_without_password(target_url)}: {error}") from error


def _without_password(url: str) -> str:
    return _libpq(url)[0]


async def _pending(url: str) -> list[str]:
    database = Database.from_url(url)
    await database.start()
    try:
        return await pending(database)
    finally:
        await database.stop()


async def _migrate(url: str) -> None:
    database = Database.from_url(url)
    await database.start()
    try:
        await migrate(database, quiet=True)
    finally:
        await database.stop()


@dataclass(frozen=True)
class _Column:
    name: str
    kind: str  # PostgreSQL's udt_name: uuid, timestamptz, _varchar …


async def _copy(snapshot: Path, url: str) -> CopySummary:
    import piccolo.engine.sqlite  # noqa: F401  registers the converters of Piccolo's column types

    connection = await asyncpg.connect(url)
    try:
        columns = await _target_columns(connection)
        order = _in_dependency_order(columns, await _references(connection))
        with closing(sqlite3.connect(snapshot, detect_types=sqlite3.PARSE_DECLTYPES)) as source:
            present = _source_tables(source)
            missing = [t for t in order if t not in present]
            if missing:
                raise Refused(f"The SQLite database has no table {missing[0]}: it is not a Delbar database of this "
                              "version.")
            total = 0
            async with connection.transaction():
                await connection.execute("TRUNCATE " + ", ".join(f'"{t}"' for t in order) + " RESTART IDENTITY")
                for table in order:
                    total += await _copy_table(source, connection, table, columns[table], present[table])
                await _move_sequences(connection)
        return CopySummary(len(order), total)
    finally:
        await connection.close()


async def _target_columns(connection: asyncpg.Connection) -> dict[str, list[_Column]]:
    rows = await connection.fetch(
        "SELECT c.table_name, c.column_name, c.udt_name FROM information_schema.columns c "
        "JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name "
        "WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER' "
        "ORDER BY c.table_name, c.ordinal_position")
    columns: dict[str, list[_Column]] = {}
    for row in rows:
        columns.setdefault(row["table_name"], []).append(_Column(row["column_name"], row["udt_name"]))
    return columns


async def _references(connection: asyncpg.Connection) -> list[tuple[str, str]]:
    rows = await connection.fetch(
        "SELECT conrelid::regclass::text AS child, confrelid::regclass::text AS parent FROM pg_constraint "
        "WHERE contype = 'f' AND connamespace = 'public'::regnamespace")
    return [(r["child"].strip('"'), r["parent"].strip('"')) for r in rows]


def _in_dependency_order(columns: dict[str, list[_Column]], references: Iterable[tuple[str, str]]) -> list[str]:
    """Parents before children (a table's references to itself are checked at the end of its COPY)."""
    parents: dict[str, set[str]] = {t: set() for t in columns}
    for child, parent in references:
        if child != parent and child in parents:
            parents[child].add(parent)
    order: list[str] = []
    while parents:
        ready = sorted(t for t, p in parents.items() if not p - set(order))
        if not ready:
            raise Refused(f"The tables {sorted(parents)} refer to each other in a cycle: they cannot be ordered.")
        order += ready
        for table in ready:
            del parents[table]
    return order


def _source_tables(source: sqlite3.Connection) -> dict[str, set[str]]:
    names = [r[0] for r in source.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
    return {n: {r[1] for r in source.execute(f'PRAGMA table_info("{n}")')} for n in names}


async def _copy_table(source: sqlite3.Connection, connection: asyncpg.Connection, table: str,
                      columns: list[_Column], present: set[str]) -> int:
    lacking = [c.name for c in columns if c.name not in present]
    if lacking:
        raise Refused(f"The SQLite table {table} has no column {lacking[0]}: not a Delbar database of this version.")
    names = [c.name for c in columns]
    quoted = ", ".join(f'"{name}"' for name in names)
    cursor = source.execute(f'SELECT {quoted} FROM "{table}"')
    count = 0
    while rows := cursor.fetchmany(BATCH):
        records = [tuple(_value(value, column, table) for value, column in zip(row, columns, strict=True))
                   for row in rows]
        await connection.copy_records_to_table(table, records=records, columns=names)
        count += len(records)
    return count


async def _move_sequences(connection: asyncpg.Connection) -> None:
    """Serial columns (the migration log's id): the next id comes after the copied ones."""
    rows = await connection.fetch(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public' "
        "AND (column_default LIKE 'nextval(%' OR is_identity = 'YES')")
    for row in rows:
        table, column = row["table_name"], row["column_name"]
        await connection.execute(
            f"SELECT setval(pg_get_serial_sequence('\"{table}\"', '{column}'), "
            f'COALESCE((SELECT MAX("{column}") FROM "{table}"), 0) + 1, false)')


def _value(value: Any, column: _Column, table: str) -> Any:
    """One SQLite value (typed by Piccolo's converters where its column declares a type) as PostgreSQL wants it."""
    if value is None:
        return None
    try:
        if column.kind.startswith("_"):  # an array: Piccolo keeps it as JSON text in SQLite
            items = json.loads(value) if isinstance(value, (str, bytes)) else value
            return [_scalar(item, column.kind[1:]) if item is not None else None for item in items]
        return _scalar(value, column.kind)
    except (ValueError, TypeError, ArithmeticError) as error:
        raise Refused(f"{table}.{column.name} holds {value!r}, which is not a {column.kind}: {error}") from error


def _scalar(value: Any, kind: str) -> Any:
    if kind == "uuid":
        return value if isinstance(value, UUID) else UUID(str(value))
    if kind in {"timestamptz", "timestamp"}:
        moment = value if isinstance(value, datetime.datetime) else datetime.datetime.fromisoformat(str(value))
        if kind == "timestamptz" and moment.tzinfo is None:
            moment = moment.replace(tzinfo=datetime.UTC)  # Piccolo keeps UTC in SQLite
        return moment
    if kind == "date":
        return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(str(value))
    if kind in {"time", "timetz"}:
        return value if isinstance(value, datetime.time) else datetime.time.fromisoformat(str(value))
    if kind == "interval":
        return value if isinstance(value, datetime.timedelta) else datetime.timedelta(seconds=float(value))
    if kind == "bool":
        return value if isinstance(value, bool) else str(value) in {"1", "true", "True"}
    if kind in {"int2", "int4", "int8"}:
        return value if isinstance(value, int) else int(Decimal(str(value)))
    if kind == "numeric":
        return value if isinstance(value, Decimal) else Decimal(str(value))
    if kind in {"float4", "float8"}:
        return float(value)
    if kind in {"json", "jsonb"}:
        return value if isinstance(value, str) else json.dumps(value)
    if kind == "bytea":
        return bytes(value)
    return value if isinstance(value, str) else str(value)
