"""A shelf of its own for a stocktake test: two items expected on it, and a stray item expected on
another shelf, each with a linked label; and the shelf's own label.

Run as `python -m tests.browser.seed_stocktake <database url> <tag>`: the live server owns its
database, so the rows are written from a separate process and printed as JSON.
"""

from __future__ import annotations

import asyncio
import json
import subprocess
import sys

from backend.accounts.tables import Municipality, Unit
from backend.db import Database
from backend.piccolo_conf import use_engine
from tests.factories import make_code, make_item, make_location


async def seed(url: str, tag: str) -> dict:
    database = Database.from_url(url)
    use_engine(database.engine)
    await database.start()
    try:
        town = await Municipality.select(Municipality.id).where(Municipality.name == "Skurup").first()
        unit = await Unit.select(Unit.id).where(Unit.municipality == town["id"]).first()
        shelf = await make_location(town["id"], f"Hylla {tag}", "shelf")
        other = await make_location(town["id"], f"Hylla {tag}-2", "shelf")
        items = {}
        for title, place in ((f"Kontorsstol {tag}", shelf), (f"Skrivbord {tag}", shelf), (f"Whiteboard {tag}", other)):
            item = await make_item(town["id"], unit["id"], title, "in_storage", place)
            items[title.split()[0].lower()] = {"id": str(item), "code": await make_code(town["id"], item=item),
                                               "title": title}
        return {"shelf": {"id": str(shelf), "code": await make_code(town["id"], location=shelf),
                          "name": f"Hylla {tag}"}, **items}
    finally:
        await database.stop()


def seed_stocktake(url: str, tag: str) -> dict:
    out = subprocess.run([sys.executable, "-m", "tests.browser.seed_stocktake", url, tag], check=True,
                         capture_output=True, text=True)
    return json.loads(out.stdout)


if __name__ == "__main__":
    print(json.dumps(asyncio.run(seed(sys.argv[1], sys.argv[2]))))
