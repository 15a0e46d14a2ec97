"""The demo catalogue: a few hundred listings, their items, photos and a few wants with matches.

Rows go in bulk (like the history) so `python -m backend demo` stays fast; photos are drawn with
Pillow and run through the catalogue's own pipeline and store, so thumbnails exist as for an
upload. Deterministic: a seeded random generator and ids from names, loaded once.
"""

from __future__ import annotations

import io
import random
from datetime import datetime, time, timedelta

from PIL import Image, ImageDraw

from backend import clock
from backend.catalog import categories, imaging, text
from backend.catalog.categories import TREE, category_id
from backend.catalog.search_repository import search_text
from backend.catalog.storage import PhotoStore
from backend.catalog.tables import AvailabilityWindow, Item, Listing, Photo, Want, WantMatch
from backend.demo import catalog_data as cd
from backend.demo import data
from backend.vocabulary import PHYSICAL_KINDS, SERVICE_KINDS, STOCKHOLM

WINDOW_WEEKS = 4  # bookable times of demo services and staff: this many weeks ahead of each demo load
WINDOW_DAYS = (1, 3)  # Tuesdays and Thursdays
WINDOW_HOURS = ((8, 12), (13, 16))
PHOTO_EVERY = 3  # one listing in three has a photo: enough to look real, cheap enough to draw
COLOURS = {"svart": (40, 40, 45), "grå": (128, 128, 135), "blå": (40, 80, 160), "vit": (235, 235, 230),
           "ek": (190, 150, 100), "björk": (220, 200, 160), "röd": (170, 40, 40), "grön": (50, 120, 70)}
NAMES_SV = {slug: name for slug, name, _, _ in TREE}


async def seed_catalog(demo_id, store: PhotoStore) -> bool:
    """Insert the catalogue unless it is there; True when it was created."""
    if await Listing.exists().where(Listing.id == demo_id("catalog", "Ystad", "0")):
        return False
    await categories.seed()  # the start-up seeds them; this restores them where tables were emptied
    now = clock.now()
    listings, items, photos = [], [], []
    for name in data.MUNICIPALITIES:
        rng = random.Random(f"delbar-catalog-{name}")
        for n in range(cd.LISTINGS[name]):
            listing = _listing(rng, demo_id, name, n, now)
            listings.append(listing)
            items += _items(demo_id, name, n, listing)
            if n % PHOTO_EVERY == 0:
                photos.append(_photo(demo_id, name, n, listing, store, rng))
    wants, matches = _wants(demo_id, listings, now)
    for rows, table in ((listings, Listing), (items, Item), (photos, Photo), (wants, Want), (matches, WantMatch)):
        for start in range(0, len(rows), 200):
            await table.insert(*[table(**row) for row in rows[start:start + 200]])
    return True


async def seed_windows(demo_id) -> int:
    """Bookable times for the demo's services and staff, Tuesdays and Thursdays 08–12 and 13–16 for the
    next weeks, so a newcomer can book one; run at every load, it adds only the times not there yet."""
    ids = [demo_id("catalog", name, str(n)) for name in data.MUNICIPALITIES for n in range(cd.LISTINGS[name])]
    services = await Listing.select(Listing.id, Listing.municipality, Listing.kind).where(
        Listing.id.is_in(ids), Listing.kind.is_in(list(SERVICE_KINDS)))
    today, now = clock.now().astimezone(STOCKHOLM).date(), clock.now()
    days = [today + timedelta(days=d) for d in range(1, WINDOW_WEEKS * 7 + 1)
            if (today + timedelta(days=d)).weekday() in WINDOW_DAYS]
    rows = [{"id": demo_id("window", str(listing["id"]), day.isoformat(), str(start)),
             "municipality": listing["municipality"], "listing": listing["id"],
             "starts_at": datetime.combine(day, time(start), STOCKHOLM),
             "ends_at": datetime.combine(day, time(end), STOCKHOLM),
             "capacity": 3 if listing["kind"] == "service" else 1, "created_at": now}
            for listing in services for day in days for start, end in WINDOW_HOURS]
    for first in range(0, len(rows), 200):
        await AvailabilityWindow.insert(*[AvailabilityWindow(**row) for row in rows[first:first + 200]]).on_conflict(
            action="DO NOTHING")
    return len(rows)


def _listing(rng: random.Random, demo_id, name: str, n: int, now) -> dict:
    kind, slug, title, description, deals, prices = rng.choice(cd.TEMPLATES)
    deal = rng.choice(deals)
    variant = rng.choice(cd.VARIANTS)
    if kind in PHYSICAL_KINDS:
        title = f"{title}, {variant}"
    low, high = prices.get(deal, (0, 0))
    published = True  # no drafts: the coordinator's work queue would be all demo drafts
    created = now - timedelta(days=rng.randint(1, 60), hours=rng.randint(0, 8))
    values = {
        "id": demo_id("catalog", name, str(n)), "municipality": demo_id(name), "kind": kind, "deal": deal,
        "owner_unit": demo_id(name, rng.choice(data.UNITS)[0]), "category": category_id(slug), "title": title,
        "description": description, "condition": rng.choice(cd.CONDITIONS) if kind in PHYSICAL_KINDS else "",
        "tags": variant if kind in PHYSICAL_KINDS else "",
        "price_ore": rng.randint(low, high) // 10 * 1000 if deal in ("rent", "sell") else None,
        "rent_period": cd.RENT_PERIOD[kind] if deal == "rent" else "",
        "quantity": rng.choice((1, 1, 1, 2, 2, 3, 4, 6, 10)) if kind in PHYSICAL_KINDS else 1,
        "status": "published" if published else "draft",
        # Physical things wait in the AME's warehouse, so the listing page can say where.
        "location": demo_id(name, "site", "AME-lagret") if kind in PHYSICAL_KINDS else None,
        "visibility": "network" if rng.random() < 0.8 else "municipality",
        "published_at": created if published else None, "created_at": created, "updated_at": created,
    }
    values["search_text"] = search_text(values, NAMES_SV[slug])
    return values


def _items(demo_id, name: str, n: int, listing: dict) -> list[dict]:
    if listing["kind"] not in PHYSICAL_KINDS:
        return []
    return [{"id": demo_id("catalog", name, str(n), "item", str(k)), "municipality": listing["municipality"],
             "listing": listing["id"], "owner_unit": listing["owner_unit"], "title": listing["title"][:60],
             "category": listing["category"], "state": "in_storage", "created_at": listing["created_at"]}
            for k in range(listing["quantity"])]


def _photo(demo_id, name: str, n: int, listing: dict, store: PhotoStore, rng: random.Random) -> dict:
    photo_id = demo_id("catalog", name, str(n), "photo", "0")
    rendition = imaging.process(_drawing(listing, rng), max_bytes=5_000_000, max_pixels=1_000_000)
    keys = {size: f"{listing['municipality']}/{photo_id}-{size}.webp" for size in ("display", "thumb")}
    store.put(keys["display"], rendition.display)
    store.put(keys["thumb"], rendition.thumb)
    return {"id": photo_id, "municipality": listing["municipality"], "listing": listing["id"], "position": 0,
            "width": rendition.width, "height": rendition.height, "display_key": keys["display"],
            "thumb_key": keys["thumb"], "created_at": listing["created_at"]}


def _drawing(listing: dict, rng: random.Random) -> bytes:
    """A 640 × 480 picture of the thing in its colour: a few shapes, enough to tell rows apart."""
    colour = COLOURS.get(listing["tags"], (60, 110, 150))
    image = Image.new("RGB", (640, 480), (rng.randint(215, 245), rng.randint(215, 240), rng.randint(205, 235)))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 400, 640, 480), fill=(180, 170, 160))  # the floor
    shape = listing["title"].lower()
    if "stol" in shape:
        draw.rectangle((250, 120, 390, 260), fill=colour)
        draw.rectangle((230, 260, 410, 300), fill=colour)
        draw.line((320, 300, 320, 380), fill=(50, 50, 50), width=12)
        draw.line((250, 390, 390, 390), fill=(50, 50, 50), width=10)
    elif any(word in shape for word in ("skrivbord", "bord", "elevbänk", "konferensbord", "cafébord")):
        draw.rectangle((120, 200, 520, 230), fill=colour)
        for x in (140, 490):
            draw.rectangle((x, 230, x + 12, 400), fill=(60, 60, 60))
    elif any(word in shape for word in ("bokhylla", "arkivskåp", "hyllsystem")):
        draw.rectangle((220, 60, 420, 400), outline=colour, width=14)
        for y in range(130, 400, 70):
            draw.line((220, y, 420, y), fill=colour, width=10)
    elif "soffa" in shape or "väntrumssoffa" in shape:
        draw.rounded_rectangle((110, 200, 530, 360), radius=40, fill=colour)
        draw.rounded_rectangle((140, 150, 500, 250), radius=30, fill=colour)
    else:
        draw.rounded_rectangle((200, 180, 440, 340), radius=20, fill=colour)
        draw.ellipse((280, 220, 360, 300), fill=(250, 250, 250))
    out = io.BytesIO()
    image.save(out, "JPEG", quality=85)
    return out.getvalue()


def _wants(demo_id, listings: list[dict], now) -> tuple[list[dict], list[dict]]:
    """The wants of each municipality's employee, each matched with a few listings of the network."""
    wants, matches = [], []
    employee = next(person for person in data.PEOPLE if person[0] == "employee")
    for index, (name, what, slug) in enumerate(cd.WANTS):
        email = f"{employee[1]}@{data.MUNICIPALITIES[name]['slug']}.{data.DOMAIN}"
        want_id = demo_id("catalog", name, "want", str(index))
        wants.append({"id": want_id, "municipality": demo_id(name), "unit": demo_id(name, employee[2]),
                      "user": demo_id(name, "user", email), "text": what, "category": category_id(slug),
                      "visibility": "network", "search_text": " ".join(text.stems(what)),
                      "created_at": now - timedelta(days=70)})
        fits = [row for row in listings if row["category"] == category_id(slug) and row["status"] == "published"
                and (row["visibility"] == "network" or row["municipality"] == demo_id(name))]
        matches.extend({"id": demo_id("catalog", name, "want", str(index), "match", str(listing["id"])),
                        "municipality": demo_id(name), "want": want_id, "listing": listing["id"],
                        "created_at": listing["created_at"]} for listing in fits[:3])
    return wants, matches
