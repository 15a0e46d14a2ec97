"""`python -m backend reindex`: listings saved under older search rules become findable again."""

from __future__ import annotations

import importlib
import os
import subprocess
import sys
from pathlib import Path
from uuid import UUID

import pytest

from backend.catalog.reindex import reindex, reindex_wants
from backend.catalog.tables import Listing, Want
from tests.backend.catalog.helpers import create, publish
from tests.backend.catalog.test_search import titles
from tests.factories import login

pytestmark = pytest.mark.anyio
ROOT = Path(__file__).resolve().parents[3]


async def listing_with_old_search_text(app, client, ystad) -> UUID:
    """A published desk whose search text predates compound heads: 'bord' does not find it."""
    await login(client, ystad.employee_email)
    desk = await publish(client, await create(client, "Skrivbord i ek", visibility="municipality"))
    async with app.state.db.write():
        await Listing.update({Listing.search_text: "skrivbord skrivbord ek"}).where(Listing.id == UUID(desk["id"]))
    assert await titles(client, q="bord") == []
    return UUID(desk["id"])


class TestReindex:
    async def test_rebuilds_stale_search_text_and_then_changes_nothing(self, app, client, ystad):
        await listing_with_old_search_text(app, client, ystad)
        await create(client, "Kontorsstol")  # already up to date
        assert await reindex(app.state.db, batch=1) == (2, 1)
        assert await titles(client, q="bord") == ["Skrivbord i ek"]
        assert await reindex(app.state.db) == (2, 0)

    async def test_the_command_says_what_it_did(self, app, client, ystad, settings):
        await listing_with_old_search_text(app, client, ystad)
        env = {**os.environ, "DATABASE_URL": settings.database_url}
        done = subprocess.run([sys.executable, "-m", "backend", "reindex"], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=60)
        said = (done.returncode, done.stdout.strip())
        assert said == (0, "Search text rebuilt: 1 of 1 listings changed.\n"
                           "Search words rebuilt: 0 of 0 wants changed."), done.stderr
        assert await titles(client, q="bord") == ["Skrivbord i ek"]

    async def test_a_want_saved_under_older_stems_matches_new_listings_again(self, app, client, ystad):
        await login(client, ystad.employee_email)
        made = await client.post("/api/wants", json={"text": "projektorer"})
        assert made.status_code == 201, made.text
        async with app.state.db.write():  # "projektor" is what the stemmer made of it before -or nouns were joined
            await Want.update({Want.search_text: "projektor"}).where(Want.id == UUID(made.json()["id"]))
        assert await reindex_wants(app.state.db) == (1, 1)
        await publish(client, await create(client, "Projektor", kind="equipment"))
        matches = (await client.get("/api/wants/matches")).json()
        assert [m["listing"]["title"] for m in matches] == ["Projektor"]


class TestTheStemsMigration:
    async def test_it_rebuilds_what_was_saved_before_it(self, app, client, ystad):
        """The migration that moved PostgreSQL to the app's stems brings old listings along itself."""
        await listing_with_old_search_text(app, client, ystad)
        # Then every later migration that rebuilds the search vector, as an upgrade from before it runs them.
        for name in ("catalog_2026_12_06t23_00_00_000000", "catalog_2026_12_08t10_00_00_000000"):
            migration = importlib.import_module(f"backend.catalog.piccolo_migrations.{name}")
            async with app.state.db.write():
                await (await migration.forwards()).run()
        assert await titles(client, q="bord") == ["Skrivbord i ek"]
