"""Networks: joined only by invitation and acceptance; members see each other's names."""

from __future__ import annotations

import pytest

from backend.accounts.tables import NetworkMembership
from tests.factories import login, make_network

pytestmark = pytest.mark.anyio


class TestNetworks:
    async def test_admin_creates_a_network_with_their_municipality_as_member(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.post("/api/networks", json={"name": "Sydkusten"})
        assert response.status_code == 201
        assert [(m["municipality"]["name"], m["status"]) for m in response.json()["members"]] == [("Ystad", "active")]

    async def test_invited_municipality_joins_when_its_admin_accepts(self, client, new_client, ystad, skurup):
        network = await make_network("Sydkusten", ystad.id)
        await login(client, ystad.admin_email)
        invited = await client.post(f"/api/networks/{network}/invitations", json={"municipality_id": str(skurup.id)})
        statuses = {m["municipality"]["name"]: m["status"] for m in invited.json()["members"]}
        assert statuses == {"Ystad": "active", "Skurup": "invited"}
        skurup_admin = await new_client()
        await login(skurup_admin, skurup.admin_email)
        accepted = await skurup_admin.post(f"/api/networks/{network}/accept")
        assert {m["status"] for m in accepted.json()["members"]} == {"active"}

    async def test_outsider_can_neither_see_nor_invite_into_a_network(self, client, ystad, skurup):
        network = await make_network("Sydkusten", ystad.id)
        await login(client, skurup.admin_email)
        assert (await client.get("/api/networks")).json() == []
        response = await client.post(f"/api/networks/{network}/invitations", json={"municipality_id": str(skurup.id)})
        assert response.status_code == 404

    async def test_invited_but_not_accepted_member_cannot_invite_others(self, client, ystad, skurup):
        network = await make_network("Sydkusten", ystad.id)
        await NetworkMembership.insert(NetworkMembership(network=network, municipality=skurup.id, status="invited"))
        await login(client, skurup.admin_email)
        response = await client.post(f"/api/networks/{network}/invitations", json={"municipality_id": str(ystad.id)})
        assert response.status_code == 404

    async def test_a_taken_network_name_is_a_conflict(self, client, ystad, skurup):
        await make_network("Sydkusten", skurup.id)
        await login(client, ystad.admin_email)
        response = await client.post("/api/networks", json={"name": "Sydkusten"})
        assert response.status_code == 409 and response.json()["error"] == "name_taken"
        assert "Sydkusten" not in response.json()["detail"]  # another municipality's network: its name is not ours

    async def test_the_id_of_a_network_we_are_not_in_is_a_conflict(self, client, ystad, skurup):
        theirs = await make_network("Skurups nätverk", skurup.id)
        await login(client, ystad.admin_email)
        response = await client.post("/api/networks", json={"id": str(theirs), "name": "Sydkusten"})
        assert response.status_code == 409
        assert response.json() == {"error": "conflict", "detail": "That id is already in use."}
        assert (await client.get("/api/networks")).json() == []

    async def test_employee_cannot_create_networks(self, client, ystad):
        await login(client, ystad.employee_email)
        assert (await client.post("/api/networks", json={"name": "Min egen"})).status_code == 403

    async def test_leaving_removes_the_membership(self, client, ystad, skurup):
        network = await make_network("Sydkusten", ystad.id, skurup.id)
        await login(client, skurup.admin_email)
        assert (await client.delete(f"/api/networks/{network}/membership")).status_code == 204
        assert (await client.get("/api/networks")).json() == []

    async def test_municipality_directory_lists_names(self, client, ystad, skurup):
        await login(client, ystad.employee_email)
        names = [m["name"] for m in (await client.get("/api/municipalities")).json()]
        assert names == ["Skurup", "Ystad"]
