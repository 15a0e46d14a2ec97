"""Health, version and the OpenAPI document."""

from __future__ import annotations

import httpx
import pytest

from backend.app import create_app
from backend.settings import Settings

pytestmark = pytest.mark.anyio


class TestHealth:
    async def test_healthy_when_the_database_answers(self, client):
        response = await client.get("/health")
        assert response.status_code == 200
        assert response.json() == {"status": "ok", "database": "ok"}

    async def test_unhealthy_when_the_database_is_unreachable(self, client):
        app = create_app(Settings(database_url="postgresql://nobody@127.0.0.1:1/none"))
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as http:
            response = await http.get("/health")
        assert response.status_code == 503
        assert response.json()["database"] == "unreachable"


class TestVersion:
    async def test_version_names_the_package(self, client):
        body = (await client.get("/api/version")).json()
        assert body["name"] == "delbar" and body["version"].count(".") >= 2


class TestOpenApi:
    async def test_schema_lists_the_api(self, client):
        response = await client.get("/schema/openapi.json")
        assert response.status_code == 200
        paths = response.json()["paths"]
        assert "/api/session" in paths and "/api/units" in paths and "/health" in paths

