"""python -m backend copy-database: the demo municipalities on SQLite copied into a new PostgreSQL database,
compared table by table, then served from the copy (sign in, list the catalogue) over HTTP."""

from __future__ import annotations

import asyncio
import base64
import datetime
import json
import os
import secrets
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import closing
from decimal import Decimal
from pathlib import Path
from uuid import UUID, uuid4

import asyncpg
import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from backend.app import create_app
from backend.piccolo_conf import use_engine
from backend.settings import Settings
from tests.backend.test_backup import Writer, make_probe
from tests.browser.seed import seed_rows
from tests.clients import app_client
from tests.databases import KIND, POSTGRES_ADMIN_URL, _admin, _create_postgres, demo_database
from tests.factories import login

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "delbar-test"

# The copy's source is always SQLite: it runs in the SQLite pass (which reaches PostgreSQL too under CI).
pytestmark = pytest.mark.skipif(KIND != "sqlite", reason="copies SQLite into PostgreSQL: runs in the SQLite pass")


def _postgres_reachable() -> bool:
    async def probe() -> None:
        connection = await asyncpg.connect(POSTGRES_ADMIN_URL, timeout=5)
        await connection.close()

    try:
        asyncio.run(probe())
    except (OSError, asyncpg.PostgresError):
        return False
    return True


@pytest.fixture(scope="module")
def postgres() -> None:
    if not _postgres_reachable():
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}")
        pytest.skip(f"PostgreSQL is not reachable at {POSTGRES_ADMIN_URL}")


def new_postgres() -> Iterator[str]:
    name = f"delbar_test_copy_{secrets.token_hex(4)}"
    try:
        yield _create_postgres(name)
    finally:
        asyncio.run(_admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))


def settings_for(url: str) -> Settings:
    return Settings(database_url=url, log_format="text", photo_dir=Path(os.environ["DELBAR_PHOTO_DIR"]),
                    password_hashing="minimal")


async def use(url: str) -> None:
    """What people do on the SQLite Delbar before it moves: sessions, audit, history, scans, a refused sign-in."""
    app = create_app(settings_for(url))
    use_engine(app.state.db.engine)
    async with app_client(app) as client:
        wrong = await client.post("/api/session", json={"email": "admin@ystad.exempel.se", "password": "fel"})
        assert wrong.status_code == 401
        await login(client, "admin@ystad.exempel.se", PASSWORD)
        made = await client.post("/api/listings", json={"kind": "furniture", "deal": "give", "title": "Hyllor"})
        assert made.status_code == 201, made.text
        await login(client, "medarbetare@ystad.exempel.se", PASSWORD)
        assert (await client.get("/api/push/key")).status_code == 200
        device = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
            serialization.Encoding.X962, serialization.PublicFormat.UncompressedPoint)
        subscribed = await client.post("/api/push/subscriptions", json={
            "endpoint": "https://push.example.net/send/copy-test",
            "keys": {"p256dh": _b64(device), "auth": _b64(secrets.token_bytes(16))}})
        assert subscribed.status_code == 201, subscribed.text
        gifts = (await client.get("/api/listings", params={"deal": "give", "per_page": 20})).json()["results"]
        asked = [await client.post("/api/bookings", json={"listing_id": g["id"], "quantity": 1}) for g in gifts[:5]]
        assert 201 in {r.status_code for r in asked}, [r.text for r in asked]
        await login(client, "lager@skurup.exempel.se", PASSWORD)
        scan = {"id": str(uuid4()), "code": CODES["item"], "action": "audit",
                "device_time": datetime.datetime.now(datetime.UTC).isoformat()}
        assert (await client.post("/api/scans", json=scan)).status_code in {200, 201}
        forgot = await client.post("/api/password-links", json={"email": "medarbetare@ystad.exempel.se"})
        assert forgot.status_code == 202, forgot.text


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


CODES: dict[str, str] = {}


@pytest.fixture(scope="module")
def source(tmp_path_factory: pytest.TempPathFactory, postgres) -> Iterator[str]:
    with demo_database(tmp_path_factory.mktemp("copy"), "copy_source", PASSWORD) as url:
        # Labels, items, a booking with its transport job and charge: rows the demo data does not make.
        rows = seed_rows(url, "Skurup", items=2, driver="chauffor@skurup.exempel.se", charged=True)
        CODES["item"] = rows["items"][0]["code"]
        asyncio.run(use(url))
        yield url


@pytest.fixture(scope="module")
def copied(source: str) -> Iterator[str]:
    make_probe(source)  # a table of its own, which the copy leaves behind, for a writer to fill meanwhile
    for target in new_postgres():
        with Writer(source) as writer:
            while writer.written < 20:  # the writer is going before the copy starts
                assert writer.thread.is_alive(), "the writer stopped"
                time.sleep(0.01)
            started = writer.written
            done = copy_database(source, target)
            finished = writer.written
        assert done.returncode == 0, done.stderr
        assert finished > started  # Delbar's SQLite file was written to all through the copy
        assert "Copied" in done.stdout
        yield target


def copy_database(source: str, target: str, *more: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": source}
    return subprocess.run([sys.executable, "-m", "backend", "copy-database", "--to", target, *more], cwd=ROOT,
                          env=env, capture_output=True, text=True, timeout=600)


def _same(value, kind: str):
    """A value of either database in one comparable form, by the PostgreSQL column's type."""
    if value is None:
        return None
    if kind.startswith("_"):
        items = json.loads(value) if isinstance(value, str) else value
        return tuple(_same(item, kind[1:]) for item in items)
    if kind in {"json", "jsonb"}:
        return json.dumps(json.loads(value), sort_keys=True)
    if kind == "uuid":
        return str(UUID(str(value)))
    if kind in {"timestamptz", "timestamp"}:
        moment = value if isinstance(value, datetime.datetime) else datetime.datetime.fromisoformat(value)
        return (moment if moment.tzinfo else moment.replace(tzinfo=datetime.UTC)).astimezone(datetime.UTC)
    if kind == "date":
        return value if isinstance(value, datetime.date) else datetime.date.fromisoformat(value)
    if kind == "bool":
        return bool(value)
    if kind in {"numeric", "int2", "int4", "int8", "float4", "float8"}:
        return Decimal(str(value)).normalize()
    return value


async def _postgres_tables(url: str) -> tuple[dict[str, list[tuple[str, str]]], dict[str, list[tuple]]]:
    connection = await asyncpg.connect(url)
    try:
        columns: dict[str, list[tuple[str, str]]] = {}
        for row in await connection.fetch(
                "SELECT c.table_name, c.column_name, c.udt_name FROM information_schema.columns c "
                "JOIN information_schema.tables t USING (table_schema, table_name) WHERE c.table_schema = 'public' "
                "AND t.table_type = 'BASE TABLE' AND c.is_generated = 'NEVER' ORDER BY c.ordinal_position"):
            columns.setdefault(row["table_name"], []).append((row["column_name"], row["udt_name"]))
        rows = {}
        for table, cols in columns.items():
            names = ", ".join(f'"{n}"' for n, _ in cols)
            rows[table] = sorted((tuple(_same(v, k) for v, (_, k) in zip(r.values(), cols, strict=True))
                                  for r in await connection.fetch(f'SELECT {names} FROM "{table}"')), key=repr)
        return columns, rows
    finally:
        await connection.close()


def _sqlite_rows(url: str, columns: dict[str, list[tuple[str, str]]]) -> dict[str, list[tuple]]:
    with closing(sqlite3.connect(url.removeprefix("sqlite:///"))) as connection:
        rows = {}
        for table, cols in columns.items():
            names = ", ".join(f'"{n}"' for n, _ in cols)
            rows[table] = sorted((tuple(_same(v, k) for v, (_, k) in zip(r, cols, strict=True))
                                  for r in connection.execute(f'SELECT {names} FROM "{table}"')), key=repr)
        return rows


def test_every_table_of_every_context_is_copied_row_for_row(source, copied):
    columns, target = asyncio.run(_postgres_tables(copied))
    assert _sqlite_rows(source, columns) == target
    for table in ("municipality", "app_user", "listing", "photo", "booking", "booking_event", "transport_job", "code",
                  "scan_event", "audit_event", "user_session", "login_attempt", "listing_event", "notification",
                  "push_key", "push_subscription", "mail_message", "mail_token", "migration"):
        assert target[table], f"the demo data has no {table} rows: the comparison would prove little"


def test_a_database_that_is_not_empty_is_replaced_only_when_forced(source, copied):
    refused = copy_database(source, copied)
    assert refused.returncode == 2 and "not empty" in refused.stderr and "--force" in refused.stderr
    forced = copy_database(source, copied, "--force")
    assert forced.returncode == 0, forced.stderr


def test_only_a_postgresql_url_is_a_target(source):
    refused = copy_database(source, "sqlite:///elsewhere.sqlite")
    assert refused.returncode == 2 and "--to must be a PostgreSQL URL" in refused.stderr


@pytest.mark.anyio
async def test_delbar_serves_from_the_copy(copied, tmp_path):
    app = create_app(settings_for(copied))
    use_engine(app.state.db.engine)
    async with app_client(app) as client:
        await login(client, "admin@ystad.exempel.se", PASSWORD)
        found = await client.get("/api/listings", params={"per_page": 5})
        assert found.status_code == 200, found.text
        assert found.json()["total"] > 0
        listing = found.json()["results"][0]
        assert (await client.get(f"/api/listings/{listing['id']}")).status_code == 200
        # A write on the copy: the sequences and the search column work as on a database made by Delbar.
        made = await client.post("/api/listings", json={"kind": "furniture", "deal": "give",
                                                        "title": "Skrivbord efter flytten"})
        assert made.status_code == 201, made.text
        mine = await client.get("/api/listings/mine")
        assert made.json()["id"] in {listing["id"] for listing in mine.json()}
