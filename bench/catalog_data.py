"""A catalogue to search, written in bulk: three municipalities, their units, and N listings.

Benchby and Grannby share a network, Fjärran is outside it. Listings are spread over the three
(50 / 30 / 20 %), over every visibility tier, some with a share day, most published (the rest
drafts, paused or closed), published over the last two years. The viewer is an employee of
one of Benchby's units. Rows go in as the database takes them fastest: COPY on PostgreSQL,
one executemany per batch on SQLite; the search text is made by the same rule the app uses.
"""

from __future__ import annotations

import asyncio
import random
import sqlite3
from collections.abc import Iterator
from datetime import datetime, timedelta
from uuid import UUID, uuid4

import asyncpg

from backend import clock
from backend.accounts.passwords import hash_password
from backend.accounts.tables import Municipality, Network, NetworkMembership, Unit, User, UserRole
from backend.catalog import categories, rules
from backend.db import Database

NOUNS = ["stol", "kontorsstol", "skrivbord", "bord", "soffa", "hylla", "skåp", "lampa", "skärm", "dator", "borrmaskin",
         "kaffebryggare", "tält", "projektor", "whiteboard", "matta", "fåtölj", "bokhylla", "konferensbord", "kylskåp"]
ADJECTIVES = ["grå", "svart", "vit", "höj- och sänkbar", "ergonomisk", "stor", "liten", "begagnad", "nyskick", "rejäl"]
EXTRAS = ["med armstöd", "på hjul", "i ek", "i björk", "med lås", "till matsal", "för skola", "för kontor"]
KINDS, DEALS = ("furniture", "equipment", "service", "staffing"), ("give", "lend", "rent", "sell")
CONDITIONS = ("new", "good", "used", "worn", "broken", "")
STATUSES = ("published",) * 17 + ("draft", "paused", "closed")
TIERS = ("unit",) * 3 + ("municipality",) * 8 + ("network",) * 6 + ("public",) * 3
PASSWORD = "bench password 123"
EMAIL = "bench@bench.test"
COLUMNS = ("id", "municipality", "owner_unit", "kind", "deal", "category", "title", "description", "condition", "tags",
           "price_ore", "rent_period", "quantity", "status", "visibility", "widen_to", "share_days", "share_at",
           "shared_matched", "search_text", "published_at", "version", "created_at", "updated_at")
BATCH = 5000


async def people(database: Database) -> tuple[list[UUID], list[list[UUID]]]:
    """The three municipalities (the first two in one network), five units each, and the bench user."""
    now = clock.now()
    municipalities = [uuid4() for _ in range(3)]
    units = [[uuid4() for _ in range(5)] for _ in municipalities]
    network = uuid4()
    async with database.write():
        await categories.seed()
        for n, (municipality, name) in enumerate(zip(municipalities, ("Benchby", "Grannby", "Fjärran"), strict=True)):
            await Municipality.insert(Municipality(id=municipality, name=name, created_at=now))
            await Unit.insert(*(Unit(id=u, municipality=municipality, name=f"Enhet {n}.{i}", created_at=now)
                                for i, u in enumerate(units[n])))
        await Network.insert(Network(id=network, name="Benchnätet", created_at=now))
        await NetworkMembership.insert(*(NetworkMembership(network=network, municipality=m, status="active",
                                                          created_at=now) for m in municipalities[:2]))
        user = uuid4()
        await User.insert(User(id=user, municipality=municipalities[0], unit=units[0][0], email=EMAIL, name="Bench",
                               password_hash=hash_password(PASSWORD), created_at=now))
        await UserRole.insert(UserRole(user=user, role="employee"))
    return municipalities, units


def listings(count: int, municipalities: list[UUID], units: list[list[UUID]], sqlite: bool) -> Iterator[tuple]:
    """`count` listing rows in COLUMNS order, the same ones every run (a fixed seed)."""
    rng = random.Random(7)
    now = clock.now().replace(microsecond=0)
    category_ids = [categories.category_id(slug) for slug, *_ in categories.TREE]
    for n in range(count):
        owner = rng.choices(range(3), weights=(5, 3, 2))[0]
        title = f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)} {rng.choice(EXTRAS)}"
        description = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}, nr {n}"
        deal, status, tier = rng.choice(DEALS), rng.choice(STATUSES), rng.choice(TIERS)
        widen = "public" if tier in ("unit", "municipality", "network") and rng.random() < 0.2 else ""
        created = now - timedelta(seconds=rng.randrange(730 * 86400))
        published = created + timedelta(minutes=5) if status != "draft" else None
        share_days = 7 if widen else None
        share_at = published + timedelta(days=7) if widen and published else None
        text = rules.search_text({"title": title, "description": description, "tags": ""}, None)
        row = (uuid4(), municipalities[owner], rng.choice(units[owner]), rng.choice(KINDS), deal,
               rng.choice(category_ids), title, description, rng.choice(CONDITIONS), "",
               rng.randint(1, 5000) * 100 if deal in ("rent", "sell") else None, "day" if deal == "rent" else "",
               1, status, tier, widen, share_days, share_at, False, text, published, 1, created, created)
        yield _for_sqlite(row) if sqlite else row


def _for_sqlite(row: tuple) -> tuple:
    """Values as Piccolo stores them in SQLite: ids and times as text, booleans as 0/1."""
    return tuple(str(v) if isinstance(v, UUID | datetime) else int(v) if isinstance(v, bool) else v for v in row)


async def fill(database: Database, url: str, count: int) -> str:
    """Write the people and `count` listings; returns the bench user's e-mail."""
    municipalities, units = await people(database)
    rows = listings(count, municipalities, units, database.is_sqlite)
    if database.is_sqlite:
        await asyncio.to_thread(_fill_sqlite, url.removeprefix("sqlite:///"), rows)
    else:
        connection = await asyncpg.connect(url)
        try:
            while batch := [row for _, row in zip(range(BATCH), rows, strict=False)]:
                await connection.copy_records_to_table("listing", records=batch, columns=COLUMNS)
        finally:
            await connection.close()
    return EMAIL


def _fill_sqlite(path: str, rows: Iterator[tuple]) -> None:
    connection = sqlite3.connect(path)
    sql = f"INSERT INTO listing ({', '.join(COLUMNS)}) VALUES ({', '.join('?' for _ in COLUMNS)})"
    try:
        while batch := [row for _, row in zip(range(BATCH), rows, strict=False)]:
            with connection:
                connection.executemany(sql, batch)
    finally:
        connection.close()
