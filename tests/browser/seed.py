"""Rows the field-app browser tests scan: a shelf, a van and items with linked labels.

Run as `python -m tests.browser.seed <database url> <municipality> <items>`: the live server
owns its database, so the rows are written from a separate process and printed as JSON.
"""

from __future__ import annotations

import asyncio
import json
import sys

from backend.accounts.tables import Municipality, Unit
from backend.db import Database
from backend.piccolo_conf import use_engine
from tests.factories import make_code, make_item, make_location


async def seed(url: str, municipality: str, items: int) -> dict:
    database = Database.from_url(url)
    use_engine(database.engine)
    await database.start()
    try:
        town = await Municipality.select(Municipality.id).where(Municipality.name == municipality).first()
        unit = await Unit.select(Unit.id).where(Unit.municipality == town["id"]).first()
        shelf = await make_location(town["id"], "Hylla B-2", "shelf")
        van = await make_location(town["id"], "Skåpbil ABC 123", "vehicle")
        rows = []
        for i in range(items):
            item = await make_item(town["id"], unit["id"], f"Kontorsstol {i + 1}", "in_storage", shelf)
            rows.append({"id": str(item), "code": await make_code(town["id"], item=item)})
        return {
            "shelf": {"id": str(shelf), "code": await make_code(town["id"], location=shelf)},
            "van": {"id": str(van), "code": await make_code(town["id"], location=van)},
            "items": rows,
        }
    finally:
        await database.stop()


def seed_rows(url: str, municipality: str = "Skurup", items: int = 3) -> dict:
    """Seed from a child process (the tests' own event loop belongs to Playwright)."""
    import subprocess

    out = subprocess.run([sys.executable, "-m", "tests.browser.seed", url, municipality, str(items)],
                         check=True, capture_output=True, text=True)
    return json.loads(out.stdout)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(seed(sys.argv[1], sys.argv[2], int(sys.argv[3])))))
