"""Locations: a tree of sites, rooms, shelves and vehicles per municipality."""

from __future__ import annotations

import pytest

from tests.factories import login, make_user

pytestmark = pytest.mark.anyio


async def warehouse_client(client, tenant):
    await make_user(tenant.id, tenant.ame_unit, f"lager@{tenant.id}.test", "warehouse")
    await login(client, f"lager@{tenant.id}.test")
    return client


class TestLocations:
    async def test_warehouse_builds_site_room_and_shelf(self, client, ystad):
        await warehouse_client(client, ystad)
        site = (await client.post("/api/locations",
                                  json={"kind": "site", "name": "AME-lagret", "address": "Industrigatan 12"})).json()
        room = (await client.post("/api/locations",
                                  json={"kind": "room", "name": "Hall A", "parent_id": site["id"]})).json()
        shelf = await client.post("/api/locations", json={"kind": "shelf", "name": "Hylla A1", "parent_id": room["id"]})
        assert shelf.status_code == 201 and shelf.json()["parent_id"] == room["id"]
        shelves = (await client.get("/api/locations", params={"kind": "shelf"})).json()
        assert [s["name"] for s in shelves] == ["Hylla A1"]

    async def test_a_room_cannot_sit_on_a_shelf(self, client, ystad):
        await warehouse_client(client, ystad)
        site = (await client.post("/api/locations", json={"kind": "site", "name": "Lager"})).json()
        shelf = (await client.post("/api/locations",
                                   json={"kind": "shelf", "name": "H1", "parent_id": site["id"]})).json()
        response = await client.post("/api/locations", json={"kind": "room", "name": "Rum", "parent_id": shelf["id"]})
        assert response.status_code == 400 and response.json()["error"] == "bad_parent"

    async def test_employee_reads_but_cannot_create(self, client, ystad):
        await login(client, ystad.employee_email)
        assert (await client.get("/api/locations")).json() == []
        assert (await client.post("/api/locations", json={"kind": "site", "name": "Mitt"})).status_code == 403

    async def test_parent_in_another_municipality_is_unknown(self, client, new_client, ystad, skurup):
        ystad_client = await warehouse_client(await new_client(), ystad)
        site = (await ystad_client.post("/api/locations", json={"kind": "site", "name": "Lager"})).json()
        await warehouse_client(client, skurup)
        response = await client.post("/api/locations", json={"kind": "room", "name": "Rum", "parent_id": site["id"]})
        assert response.status_code == 400 and response.json()["error"] == "unknown_parent"
        assert (await client.get(f"/api/locations/{site['id']}")).status_code == 404

    async def test_unknown_kind_is_refused(self, client, ystad):
        await warehouse_client(client, ystad)
        assert (await client.post("/api/locations", json={"kind": "castle", "name": "Slott"})).status_code == 400
        assert (await client.get("/api/locations", params={"kind": "castle"})).status_code == 400
