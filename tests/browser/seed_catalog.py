"""A municipality of its own with more listings than the search counts: Storby, 1,030 shelves.

Run as `python -m tests.browser.seed_catalog <database url>`; prints the Storby employee's e-mail.
The shelves are visible within Storby only, so the other browser tests' searches never see them.
Running it again adds nothing.
"""

from __future__ import annotations

import asyncio
import subprocess
import sys
from datetime import timedelta
from uuid import uuid4

from backend import clock
from backend.accounts.passwords import hash_password
from backend.accounts.tables import Municipality, Unit, User, UserRole
from backend.catalog.search_repository import search_text
from backend.catalog.tables import Listing
from backend.db import Database
from backend.demo.data import DEMO_PASSWORD
from backend.piccolo_conf import use_engine

EMAIL = "medarbetare@storby.exempel.se"
SHELVES = 1030


async def seed(url: str) -> str:
    database = Database.from_url(url)
    use_engine(database.engine)
    await database.start()
    try:
        async with database.write():
            if await User.exists().where(User.email == EMAIL):
                return EMAIL
            now = clock.now().replace(microsecond=0)
            town, unit, user = uuid4(), uuid4(), uuid4()
            await Municipality.insert(Municipality(id=town, name="Storby", created_at=now))
            await Unit.insert(Unit(id=unit, municipality=town, name="Förrådet", created_at=now))
            await User.insert(User(id=user, municipality=town, unit=unit, email=EMAIL, name="Medarbetare Storby",
                                   password_hash=hash_password(DEMO_PASSWORD, "minimal"), created_at=now))
            await UserRole.insert(UserRole(user=user, role="employee"))
            rows = []
            for n in range(SHELVES):
                values = {"title": f"Hylla {n + 1}", "description": "Bokhylla i furu", "tags": ""}
                at = now - timedelta(minutes=SHELVES - n)
                rows.append(Listing(id=uuid4(), municipality=town, owner_unit=unit, kind="furniture", deal="give",
                                    title=values["title"], description=values["description"], status="published",
                                    visibility="municipality", search_text=search_text(values, None),
                                    published_at=at, created_at=at, updated_at=at))
            for start in range(0, SHELVES, 500):  # PostgreSQL takes at most 32,767 arguments a statement
                await Listing.insert(*rows[start:start + 500])
        return EMAIL
    finally:
        await database.stop()


def seed_many_listings(url: str) -> str:
    """Seed from a child process (the tests' own event loop belongs to Playwright)."""
    out = subprocess.run([sys.executable, "-m", "tests.browser.seed_catalog", url], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    return out.stdout.strip()


if __name__ == "__main__":
    print(asyncio.run(seed(sys.argv[1])))
