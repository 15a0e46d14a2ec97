"""Catalogue browse page figures: bytes a phone fetches for a page of 24 listings with thumbnails.

Run: .venv/bin/python bench/browse_bench.py   (starts its own server on a fresh SQLite file with demo data)
Chromium at 360×740 signs in as an employee, opens /annonser (24 listings a page, each with a drawn
photo), scrolls to the end so every lazily loaded thumbnail is fetched, and counts the response bytes
per kind: app files, API answers, thumbnails. Then the same page again in the same browser (a repeat
visit): what still comes from the network. No target is set in the issue; the figures are printed.
"""

from __future__ import annotations

import asyncio
import os
import random
import sys
import tempfile
from collections import Counter
from pathlib import Path
from uuid import uuid4

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from field_app_bench import ARGS, CHROMIUM, start_server

from backend import clock
from backend.catalog import imaging
from backend.catalog.storage import LocalPhotoStore
from backend.catalog.tables import Listing, Photo
from backend.db import Database
from backend.demo.data import DEMO_PASSWORD
from backend.piccolo_conf import use_engine

USER = "medarbetare@skurup.exempel.se"


def camera_like(rng: random.Random) -> bytes:
    """A 1600×1200 JPEG with a photo's smooth detail (upscaled noise), as a phone would send it."""
    from io import BytesIO

    from PIL import Image

    small = Image.frombytes("RGB", (160, 120), rng.randbytes(160 * 120 * 3))
    out = BytesIO()
    small.resize((1600, 1200), Image.Resampling.BICUBIC).save(out, "JPEG", quality=85)
    return out.getvalue()


async def photograph_listings(url: str, photo_dir: Path) -> int:
    """Give every listing without a photo one camera-like photo; returns how many."""
    database = Database.from_url(url)
    await database.start()
    use_engine(database.engine)
    store, rng, now = LocalPhotoStore(photo_dir), random.Random(5), clock.now()
    try:
        with_photo = {r["listing"] for r in await Photo.select(Photo.listing)}
        bare = [r for r in await Listing.select(Listing.id, Listing.municipality)
                if r["id"] not in with_photo]
        rows = []
        for listing in bare:
            rendition, photo_id = imaging.process(camera_like(rng), max_bytes=10_000_000, max_pixels=5_000_000), uuid4()
            keys = {size: f"{listing['municipality']}/{photo_id}-{size}.webp" for size in ("display", "thumb")}
            store.put(keys["display"], rendition.display)
            store.put(keys["thumb"], rendition.thumb)
            rows.append(Photo(id=photo_id, municipality=listing["municipality"], listing=listing["id"], position=0,
                              width=rendition.width, height=rendition.height, display_key=keys["display"],
                              thumb_key=keys["thumb"], created_at=now))
        async with database.write():
            await Photo.insert(*rows)
        return len(rows)
    finally:
        await database.stop()


def kind_of(url: str) -> str:
    if ("/api/" in url and "/photos/" in url) or url.endswith((".webp", ".jpg")):
        return "thumbnails"
    return "API answers" if "/api/" in url else "app files"


def visit(page, sign_in: bool = False) -> tuple[Counter, Counter, int]:
    """(Sign in, then) open the browse page and scroll through it; network bytes and requests per kind."""
    sizes, counts = Counter(), Counter()

    def count(request) -> None:
        response = request.response()
        if response is None or (response.from_service_worker and request.service_worker is None):
            return  # answered by the service worker from its cache, not from the network
        kind = kind_of(request.url)
        sizes[kind] += request.sizes()["responseBodySize"] + request.sizes()["responseHeadersSize"]
        counts[kind] += 1

    page.context.on("requestfinished", count)
    if sign_in:
        page.goto("/login")
        page.get_by_label("E-postadress").fill(USER)
        page.get_by_label("Lösenord").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Logga in").click()
        page.wait_for_selector("h1:has-text('Hej')")
        page.evaluate("navigator.serviceWorker.ready.then(() => true)")  # the app files are precached
    page.goto("/annonser")
    cards = page.locator("img.listing-card__thumb")
    page.locator(".listing-card").first.wait_for()
    page.wait_for_load_state("networkidle")
    for index in range(cards.count()):
        cards.nth(index).scroll_into_view_if_needed()
    page.wait_for_function(
        "[...document.querySelectorAll('img.listing-card__thumb')].every((img) => img.complete && img.naturalWidth)")
    page.wait_for_load_state("networkidle")
    page.context.remove_listener("requestfinished", count)
    return sizes, counts, cards.count()


def show(title: str, sizes: Counter, counts: Counter) -> None:
    total = sum(sizes.values())
    parts = ", ".join(f"{kind} {sizes[kind] / 1024:.1f} KB ({counts[kind]} requests)"
                      for kind in ("app files", "API answers", "thumbnails"))
    print(f"{title}: {total / 1024:.1f} KB from the network — {parts}")


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        os.environ["DELBAR_PHOTO_DIR"] = f"{tmp}/photos"  # the server started next stores its photos there too
        server, base, url = start_server(Path(tmp))
        try:
            added = asyncio.run(photograph_listings(url, Path(tmp) / "photos"))
            print(f"{added} listings given a camera-like photo (1600×1200 JPEG through the photo pipeline)")
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
                context = browser.new_context(base_url=base, viewport={"width": 360, "height": 740})
                page = context.new_page()
                sizes, counts, thumbs = visit(page, sign_in=True)
                cards = page.locator(".listing-card").count()
                print(f"browse page /annonser, {cards} listings, {thumbs} thumbnails, 360×740"
                      " (the server gzip-compresses text)")
                show("first visit (sign-in page, then the browse page)", sizes, counts)
                sizes, counts, _ = visit(page)
                show("repeat visit", sizes, counts)
                browser.close()
        finally:
            server.terminate()
            server.wait(timeout=10)


if __name__ == "__main__":
    main()
