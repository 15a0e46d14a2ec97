"""Catalogue fixtures: photos in a temporary directory; a network of Ystad and Skurup; Trelleborg outside."""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.catalog import categories
from backend.settings import Settings
from tests.clients import app_client
from tests.factories import make_network, make_tenant


@pytest.fixture
def settings(empty_database: str, empty_photo_dir: Path) -> Settings:
    return Settings(database_url=empty_database, log_format="text", photo_dir=empty_photo_dir,
                    password_hashing="minimal")


@pytest.fixture
async def client(app):
    """The app client; the category tree the app seeds at start-up is seeded here (no lifespan in tests)."""
    async with app_client(app) as http:
        await categories.seed()
        yield http


@pytest.fixture
async def network(ystad, skurup):
    return await make_network("Sydkusten", ystad.id, skurup.id)


@pytest.fixture
async def trelleborg(client):
    return await make_tenant("Trelleborg")
