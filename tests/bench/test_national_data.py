"""The national data set's builder, at a tiny scale: a data set the app itself could have written.

Loaded with foreign keys checked, so every reference holds; then the derived columns are checked
against the app's own rules, and the app serves it: search, the home page's requests, a scan.
"""

from __future__ import annotations

import asyncio
import sys
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

import asyncpg
import pytest

from backend.app import create_app
from backend.catalog import rules
from backend.settings import Settings
from tests.clients import app_client
from tests.conftest import TEST_SECRET_KEY
from tests.databases import KIND, fresh_database

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from national_bench import home_paths, search_path
from national_data import PASSWORD, Shape, build

pytestmark = pytest.mark.skipif(KIND != "postgres", reason="the national data set is written with PostgreSQL COPY")
SCALE = 0.0002


@pytest.fixture(scope="module")
def national(tmp_path_factory: pytest.TempPathFactory):
    with fresh_database(tmp_path_factory.mktemp("national"), "national") as url:
        yield url, asyncio.run(build(url, SCALE, checked=True))


async def rows(url: str, sql: str) -> list[asyncpg.Record]:
    connection = await asyncpg.connect(url)
    try:
        return await connection.fetch(sql)
    finally:
        await connection.close()


def test_the_shape_is_written_in_full(national):
    url, world = national
    shape = Shape.at(SCALE)
    assert world.rows["municipality"] == shape.municipalities
    assert world.rows["listing"] == shape.listings and world.rows["scan_event"] == shape.scans
    assert len(world.employees) == shape.users and world.bookable
    [counts] = asyncio.run(rows(url, "SELECT (SELECT count(*) FROM network) AS networks,"
                                     " (SELECT count(DISTINCT municipality) FROM network_membership"
                                     "  WHERE status = 'active') AS members,"
                                     " (SELECT count(DISTINCT visibility) FROM listing) AS tiers,"
                                     " (SELECT count(DISTINCT kind || deal) FROM listing) AS offers"))
    assert dict(counts) == {"networks": shape.networks, "members": shape.municipalities, "tiers": 4, "offers": 14}


def test_derived_columns_are_what_the_app_writes(national):
    url, _ = national
    listings = asyncio.run(rows(url, "SELECT l.title, l.description, l.tags, l.search_text, c.name_sv,"
                                     " l.search_vector IS NOT NULL AS indexed FROM listing l"
                                     " LEFT JOIN category c ON c.id = l.category"))
    for listing in listings:
        assert listing["search_text"] == rules.search_text(dict(listing), listing["name_sv"])
        assert listing["indexed"]
    # Each item is where its last applied scan left it.
    differ = asyncio.run(rows(url, "SELECT i.id FROM item i JOIN LATERAL (SELECT state_after, location_after"
                                   " FROM scan_event e WHERE e.item = i.id AND e.outcome = 'applied'"
                                   " ORDER BY server_time DESC, seq DESC LIMIT 1) last ON true"
                                   " WHERE (i.state, i.location)"
                                   " IS DISTINCT FROM (last.state_after, last.location_after)"))
    assert differ == []


@pytest.mark.anyio
async def test_the_app_serves_it(national, tmp_path):
    url, world = national
    settings = Settings(database_url=url, log_format="text", photo_dir=tmp_path, password_hashing="minimal",
                        secret_key=TEST_SECRET_KEY)
    async with app_client(create_app(settings)) as http:
        response = await http.post("/api/session", json={"email": world.employees[1], "password": PASSWORD})
        assert response.status_code == 201, response.text
        user = response.json()["user"]
        found = await http.get(search_path(["stol"], 0))  # the catalogue screen's words and two facets
        assert found.status_code == 200 and found.json()["results"], found.text
        for path in home_paths(user):
            assert (await http.get(path)).status_code == 200, path
        await http.delete("/api/session")
        email, shelf, _ = world.scanners[0]
        response = await http.post("/api/session", json={"email": email, "password": PASSWORD})
        event = {"id": str(uuid4()), "code": world.item_codes[email][0], "action": "audit",
                 "device_time": datetime.now(UTC).isoformat(), "location_code": shelf}
        scanned = await http.post("/api/scans", json=event, headers={"X-CSRF-Token": response.json()["csrf_token"]})
        assert scanned.status_code == 201 and scanned.json()["status"] == "applied", scanned.text
