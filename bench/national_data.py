"""The national data set, written in bulk: every Swedish municipality on one Delbar.

At scale 1 (`--size full`): 290 municipalities in 21 regional networks (one per region) plus the
national tier (visibility "public"), 100,000 users, 1,000,000 listings of every kind and deal
over the four tiers, 300,000 labelled items with 10,000,000 scan events, and a year of bookings.
Smaller scales keep the shape (290 municipalities and 21 networks down to 1/100; fewer below that)
and divide the counts.

Rows go in with PostgreSQL COPY into a freshly migrated database, one table after another in the
order of their foreign keys, then VACUUM ANALYZE; columns left out take the default the table
declares. The search text is made by the app's own rule (with the category's Swedish name, as the
listing service does; PostgreSQL generates the search vector from it), and each item's state and
place are what replaying its scan events through the tracking state machine gives, so the data
set is one the app could have written itself.
"""

from __future__ import annotations

import asyncio
import random
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID, uuid4

import asyncpg
from catalog_data import ADJECTIVES, CONDITIONS, DEALS, EXTRAS, KINDS, NOUNS, PASSWORD
from piccolo.table import Table

from backend import clock
from backend.accounts.passwords import hash_password
from backend.accounts.tables import Municipality, Network, NetworkMembership, Unit, User, UserRole
from backend.bookings.tables import Booking
from backend.catalog import categories, rules
from backend.catalog.tables import Item, Listing
from backend.codes.tables import Code
from backend.locations.tables import Location
from backend.tracking.machine import ItemPosition, Place, decide
from backend.tracking.tables import ScanEvent
from labels import new_codes

SIZES = {"full": 1.0, "small": 0.01}
REGIONS = ("Stockholm", "Uppsala", "Södermanland", "Östergötland", "Jönköping", "Kronoberg", "Kalmar", "Gotland",
           "Blekinge", "Skåne", "Halland", "Västra Götaland", "Värmland", "Örebro", "Västmanland", "Dalarna",
           "Gävleborg", "Västernorrland", "Jämtland", "Västerbotten", "Norrbotten")
# Place names as Swedish ones are made: a first part and an ending (Ekeby, Sandviken, Lindesberg ...).
FIRST = ("Ek", "Sand", "Lind", "Björk", "Berg", "Sjö", "Holm", "Strand", "Dal", "Mark", "Bro", "Ny", "Gran", "Vik",
         "Älv", "Hög", "Lill", "Stor", "Norr", "Söder", "Väster", "Öster", "Ås", "Al")
ENDING = ("by", "köping", "holm", "vik", "sund", "hamn", "torp", "ås", "berg", "dal", "fors", "ryd", "stad", "näs")
UNITS = ("Kommunledningskontoret", "Barn- och utbildning", "Socialtjänsten", "Samhällsbyggnad", "Kultur och fritid",
         "Fastighetsenheten", "Arbetsmarknadsenheten", "Vård och omsorg")
# Titles by kind: furniture and equipment from the catalogue bench's words, services and staffing their own.
SERVICES = ("Flytthjälp", "Snickeri", "Tapetsering av stolar", "Reparation av möbler", "Montering av hyllor",
            "Lagning av cyklar")
STAFFING = ("Vikarie i förskola", "Lokalvårdare", "Vaktmästare", "Undersköterska", "Fritidsledare", "Kock till kök")
CATEGORY = {"furniture": ("kontorsstolar", "stolar", "skrivbord", "bord", "forvaring", "soffor", "belysning"),
            "equipment": ("it-utrustning", "skarmar", "verktyg", "kok", "evenemang", "sport-och-fritid"),
            "service": ("snickeri", "flytthjalp", "tapetsering", "reparation"), "staffing": ("uppdrag",)}
STATUSES = ("published",) * 17 + ("draft", "paused", "closed")
TIERS = ("unit",) * 3 + ("municipality",) * 8 + ("network",) * 6 + ("public",) * 3
# An item's life: taken in once, then trips: out on the van, delivered, back, fetched, stored again.
TRIP = (("pickup", "van"), ("deliver", None), ("return", None), ("pickup", "van"), ("store", "shelf"))
BOOKING_END = ("completed",) * 6 + ("declined", "cancelled")
BATCH = 10_000
DOMAIN = "national.bench.test"


@dataclass(frozen=True)
class Shape:
    municipalities: int
    networks: int
    users: int
    listings: int
    items: int
    scans: int
    bookings: int

    @classmethod
    def at(cls, scale: float) -> Shape:
        whole = scale >= 0.01
        return cls(municipalities=290 if whole else max(4, round(29_000 * scale)),
                   networks=21 if whole else 2, users=max(20, round(100_000 * scale)),
                   listings=max(40, round(1_000_000 * scale)), items=max(20, round(300_000 * scale)),
                   scans=max(60, round(10_000_000 * scale)), bookings=max(20, round(150_000 * scale)))


@dataclass
class World:
    """What the measurements need: who to sign in as, what to scan and book."""

    employees: list[str]  # e-mail addresses
    scanners: list[tuple[str, str, str]]  # (e-mail, shelf code, van code), one per municipality
    item_codes: dict[str, list[str]]  # scanner e-mail -> codes of that municipality's items
    bookable: list[str]  # ids of published loan listings visible nationally
    rows: dict[str, int]


def municipality_names(count: int) -> list[str]:
    names = [f"{first}{ending}" for ending in ENDING for first in FIRST]
    return random.Random(11).sample(names, count)


def records(table: type[Table], rows: Iterable[dict[str, Any]]) -> tuple[list[str], Iterator[tuple]]:
    """The table's columns and each row as a tuple in their order, with the declared default where left out."""
    columns = table._meta.columns
    names = [column._meta.db_column_name for column in columns]
    defaults = {}
    for column in columns:
        value = column.get_default_value()
        defaults[column._meta.db_column_name] = value if value is None or isinstance(value, str | int | float) else ...

    def tuples() -> Iterator[tuple]:
        for row in rows:
            values = tuple(row[name] if name in row else defaults[name] for name in names)
            if ... in values:
                raise ValueError(f"{table._meta.tablename}: a column without a plain default was left out")
            yield values

    return names, tuples()


async def copy(connection: asyncpg.Connection, table: type[Table], rows: Iterable[dict[str, Any]]) -> int:
    """COPY the rows in batches; the next batch is made in a thread while PostgreSQL takes the last one."""
    columns, tuples = records(table, rows)

    def take() -> list[tuple]:
        return [row for _, row in zip(range(BATCH), tuples, strict=False)]

    written, batch = 0, take()
    while batch:
        copying = connection.copy_records_to_table(table._meta.tablename, records=batch, columns=columns)
        written += len(batch)
        batch, _ = await asyncio.gather(asyncio.to_thread(take), copying)
    return written


async def build(url: str, scale: float, *, log: bool = False, checked: bool = True) -> World:
    """Write the national data set into the freshly migrated PostgreSQL database at `url`.

    Unchecked, PostgreSQL skips the foreign-key triggers while loading (a superuser's bulk-load
    setting): the same rows, written about twice as fast; the builder's test loads them checked.
    """
    shape = Shape.at(scale)
    rng = random.Random(20)
    now = clock.now().replace(microsecond=0)
    year_ago = now - timedelta(days=365)
    counts: dict[str, int] = {}
    connection = await asyncpg.connect(url)
    started = time.perf_counter()

    async def put(table: type[Table], rows: Iterable[dict[str, Any]]) -> None:
        begin = time.perf_counter()
        counts[table._meta.tablename] = counts.get(table._meta.tablename, 0) + await copy(connection, table, rows)
        if log:
            print(f"  {table._meta.tablename}: {counts[table._meta.tablename]} rows"
                  f" ({time.perf_counter() - begin:.1f} s)", flush=True)

    try:
        if not checked:  # foreign keys unchecked while loading (the builder's test loads with them checked)
            await connection.execute("SET session_replication_role = replica")
        if not await connection.fetchval("SELECT count(*) FROM category"):
            raise RuntimeError("the category tree is missing: migrate the database first")
        names = municipality_names(shape.municipalities)
        municipalities = [uuid4() for _ in names]
        await put(Municipality, ({"id": m, "name": f"{n} kommun", "created_at": year_ago}
                                 for m, n in zip(municipalities, names, strict=True)))
        networks = [uuid4() for _ in range(shape.networks)]
        await put(Network, ({"id": n, "name": f"Region {REGIONS[i % 21]}", "created_at": year_ago}
                            for i, n in enumerate(networks)))
        region = {m: networks[i % shape.networks] for i, m in enumerate(municipalities)}
        await put(NetworkMembership, ({"id": uuid4(), "network": region[m], "municipality": m, "status": "active",
                                       "created_at": year_ago} for m in municipalities))
        units = {m: [uuid4() for _ in UNITS] for m in municipalities}
        await put(Unit, ({"id": u, "municipality": m, "name": name, "created_at": year_ago}
                         for m in municipalities for u, name in zip(units[m], UNITS, strict=True)))

        # People: employees spread over every unit; the first of each municipality also works the warehouse.
        password_hash = hash_password(PASSWORD, "minimal")
        users, emails = [], []
        for n in range(shape.users):
            m = municipalities[n % len(municipalities)]
            email = f"anvandare{n}@{DOMAIN}"
            users.append({"id": uuid4(), "municipality": m, "unit": rng.choice(units[m]), "email": email,
                          "name": f"Användare {n}", "password_hash": password_hash, "created_at": year_ago})
            emails.append(email)
        await put(User, users)
        first = users[:len(municipalities)]
        await put(UserRole, [{"id": uuid4(), "user": u["id"], "role": "employee"} for u in users]
                  + [{"id": uuid4(), "user": u["id"], "role": "warehouse"} for u in first])

        # Places: a store with a shelf, and a van, in each municipality, each with its label.
        stores, shelves, vans = ({m: uuid4() for m in municipalities} for _ in range(3))
        await put(Location, [{"id": stores[m], "municipality": m, "kind": "site", "name": "Återbrukslagret",
                              "created_at": year_ago} for m in municipalities])
        await put(Location, [row for m in municipalities for row in (
            {"id": shelves[m], "municipality": m, "parent": stores[m], "kind": "shelf", "name": "Hylla A1",
             "created_at": year_ago},
            {"id": vans[m], "municipality": m, "kind": "vehicle", "name": "Transportbil", "created_at": year_ago})])

        listings = list(_listings(shape, rng, municipalities, units, now))
        await put(Listing, listings)
        physical = [row for row in listings if row["kind"] in ("furniture", "equipment")]
        bookable = [str(row["id"]) for row in physical if row["deal"] == "lend" and row["status"] == "published"
                    and row["visibility"] == "public"]

        texts = new_codes(shape.items + 2 * len(municipalities), random.Random(5))
        place_codes = iter(texts[shape.items:])
        place_rows, label = [], {}
        for m in municipalities:
            for place in (shelves[m], vans[m]):
                label[place] = next(place_codes)
                place_rows.append({"id": uuid4(), "text": label[place], "municipality": m, "status": "linked",
                                   "location": place, "linked_at": year_ago, "created_at": year_ago})
        await put(Code, place_rows)

        items, item_codes, scans = _items_and_scans(shape, rng, physical, texts, shelves, vans, first, now)
        await put(Item, items)
        await put(Code, ({"id": code_id, "text": text, "municipality": item["municipality"], "status": "linked",
                          "item": item["id"], "linked_at": item["created_at"], "created_at": item["created_at"]}
                         for item, (code_id, text) in zip(items, item_codes, strict=True)))
        await put(ScanEvent, scans)
        await put(Booking, _bookings(shape, rng, listings, users, now))
        # What autovacuum would do soon after a bulk load (statistics and the visibility map), done now so
        # that it does not run during the measurements.
        await connection.execute("VACUUM ANALYZE")
    finally:
        await connection.close()
    if log:
        print(f"  written and analysed in {time.perf_counter() - started:.1f} s", flush=True)
    scanner_of = {u["municipality"]: u["email"] for u in first}
    per_scanner: dict[str, list[str]] = {}
    for item, (_, text) in zip(items, item_codes, strict=True):
        per_scanner.setdefault(scanner_of[item["municipality"]], []).append(text)
    return World(employees=emails, bookable=bookable, rows=counts, item_codes=per_scanner,
                 scanners=[(scanner_of[m], label[shelves[m]], label[vans[m]]) for m in municipalities])


def _listings(shape: Shape, rng: random.Random, municipalities: list[UUID], units: dict[UUID, list[UUID]],
              now: datetime) -> Iterator[dict[str, Any]]:
    slugs = {slug: (categories.category_id(slug), name_sv) for slug, name_sv, *_ in categories.TREE}
    # Big municipalities offer more: a long-tailed weight per municipality.
    weights = [1 / (1 + n) ** 0.7 for n in range(len(municipalities))]
    owners = rng.choices(municipalities, weights=weights, k=shape.listings)
    for n, municipality in enumerate(owners):
        kind = rng.choice(KINDS)
        deal = rng.choice(DEALS) if kind in ("furniture", "equipment") else rng.choice(("give", "lend", "sell"))
        if kind == "service":
            title = f"{rng.choice(SERVICES)} {rng.choice(EXTRAS)}"
        elif kind == "staffing":
            title = f"{rng.choice(STAFFING)}, {rng.choice(('heltid', 'deltid', 'en vecka', 'sommaren'))}"
        else:
            title = f"{rng.choice(ADJECTIVES).capitalize()} {rng.choice(NOUNS)} {rng.choice(EXTRAS)}"
        description = f"{rng.choice(ADJECTIVES)} {rng.choice(NOUNS)}, nr {n}"
        category, category_name = slugs[rng.choice(CATEGORY[kind])]
        status, tier = rng.choice(STATUSES), rng.choice(TIERS)
        widen = "public" if tier != "public" and rng.random() < 0.2 else ""
        created = now - timedelta(seconds=rng.randrange(365 * 86400))
        published = created + timedelta(minutes=5) if status != "draft" else None
        values = {"title": title, "description": description, "tags": ""}
        share_at = published + timedelta(days=7) if widen and published else None
        yield {"id": uuid4(), "municipality": municipality, "owner_unit": rng.choice(units[municipality]),
               "kind": kind, "deal": deal, "category": category, "title": title, "description": description,
               "condition": rng.choice(CONDITIONS) if kind in ("furniture", "equipment") else "",
               "price_ore": rng.randint(1, 5000) * 100 if deal in ("rent", "sell") else None,
               "rent_period": "day" if deal == "rent" else "", "status": status, "visibility": tier,
               "widen_to": widen, "share_days": 7 if widen else None,
               # A year of a running service: every share day that has come was matched by the minute's job.
               "share_at": share_at, "shared_matched": share_at is not None and share_at <= now,
               "search_text": rules.search_text(values, category_name), "published_at": published,
               "created_at": created, "updated_at": published or created}


def _items_and_scans(shape: Shape, rng: random.Random, physical: list[dict], texts: list[str],
                     shelves: dict[UUID, UUID], vans: dict[UUID, UUID], scanners: list[dict], now: datetime,
                     ) -> tuple[list[dict], list[tuple[UUID, str]], Iterator[dict]]:
    """Items under furniture and equipment listings, their labels, and (lazily) their scan histories."""
    actor = {u["municipality"]: u["id"] for u in scanners}
    items, codes = [], []
    for n in range(shape.items):
        listing = physical[n % len(physical)]
        items.append({"id": uuid4(), "municipality": listing["municipality"], "listing": listing["id"],
                      "owner_unit": listing["owner_unit"], "title": listing["title"][:60],
                      "category": listing["category"], "created_at": listing["created_at"]})
        codes.append((uuid4(), texts[n]))
    per_item, extra = divmod(shape.scans, shape.items)
    # Replaying each history through the state machine gives the item's state and place. The items go in
    # before their events (which point at them): replay now, make the events (and their times) later.
    for n, item in enumerate(items):
        m = item["municipality"]
        places = {"shelf": Place(shelves[m], "shelf"), "van": Place(vans[m], "vehicle"), None: None}
        position = ItemPosition("registered", None, None)
        for step in range(per_item + (n < extra)):
            action, place = _step(step)
            position = decide(action, position, places[place])
        item |= {"state": position.state, "location": position.location, "version": 1 + per_item + (n < extra)}

    def events() -> Iterator[dict]:
        for n, (item, (code_id, text)) in enumerate(zip(items, codes, strict=True)):
            m = item["municipality"]
            span = (now - item["created_at"]).total_seconds()
            times = sorted(item["created_at"] + timedelta(seconds=rng.random() * span)
                           for _ in range(per_item + (n < extra)))
            places = {"shelf": Place(shelves[m], "shelf"), "van": Place(vans[m], "vehicle"), None: None}
            position = ItemPosition("registered", None, None)
            for step, at in enumerate(times):
                action, place = _step(step)
                after = decide(action, position, places[place])
                yield {"id": uuid4(), "municipality": m, "code_text": text, "code": code_id, "item": item["id"],
                       "action": action, "location": places[place].id if places[place] else None,
                       "actor": actor[m], "device_time": at, "server_time": at, "event_time": at,
                       "outcome": "applied", "state_before": position.state, "state_after": after.state,
                       "location_before": position.location, "location_after": after.location}
                position = after

    return items, codes, events()


def _step(step: int) -> tuple[str, str | None]:
    return ("intake", "shelf") if step == 0 else TRIP[(step - 1) % len(TRIP)]


def _bookings(shape: Shape, rng: random.Random, listings: list[dict], users: list[dict],
              now: datetime) -> Iterator[dict]:
    """A year of requests for published giveaways and loans: past ones finished, coming ones waiting."""
    offered = [row for row in listings if row["status"] == "published" and row["deal"] in ("give", "lend")
               and row["kind"] in ("furniture", "equipment")]
    today = now.date()
    for _ in range(shape.bookings):
        listing, user = rng.choice(offered), rng.choice(users)
        start = today + timedelta(days=rng.randrange(-365, 30))
        at = datetime.combine(start - timedelta(days=rng.randrange(1, 14)), now.timetz())
        status = rng.choice(BOOKING_END) if start < today else "requested"
        yield {"id": uuid4(), "listing": listing["id"], "deal": listing["deal"], "status": status,
               "requester": user["id"], "requester_unit": user["unit"], "requester_municipality": user["municipality"],
               "owner_unit": listing["owner_unit"], "owner_municipality": listing["municipality"],
               "period_start": start, "period_end": start + timedelta(days=14) if listing["deal"] == "lend" else None,
               "created_at": at, "updated_at": at}
