"""Who did a transport job and how long it took: on finishing it, or afterwards once it is done."""

from __future__ import annotations

import pytest

from tests.backend.bookings.helpers import days
from tests.backend.transport.test_service import approved_with_delivery, signed_in

pytestmark = pytest.mark.anyio


async def assigned_job(as_requester, as_owner, world, new_client):
    await approved_with_delivery(as_requester, as_owner, world.listing)
    coordinator = await signed_in(new_client, world.coordinator_email)
    job = (await coordinator.get("/api/transport-jobs")).json()[0]
    await coordinator.post(f"/api/transport-jobs/{job['id']}/assign",
                           json={"driver_id": str(world.driver), "day": days(2), "version": job["version"]})
    team = (await coordinator.post("/api/ame-participants", json={"name": "Lag Syd", "kind": "team"})).json()["id"]
    return coordinator, job, team


class TestJobWork:
    async def test_the_driver_says_who_drove_when_finishing(self, as_requester, as_owner, world, new_client):
        coordinator, job, team = await assigned_job(as_requester, as_owner, world, new_client)
        driver = await signed_in(new_client, world.driver_email)
        done = await driver.post(f"/api/transport-jobs/{job['id']}/done",
                                 json={"work": [{"participant_id": team, "minutes": 75}]})
        assert done.status_code == 200 and done.json()["status"] == "done"
        work = (await coordinator.get("/api/impact/report")).json()["work"]
        assert [(r["key"], r["minutes"], r["tasks"]) for r in work["by_kind"]] == [("transport", 75, 1)]

    async def test_work_waits_until_the_job_is_done(self, as_requester, as_owner, world, new_client):
        coordinator, job, team = await assigned_job(as_requester, as_owner, world, new_client)
        body = {"work": [{"participant_id": team, "minutes": 30}]}
        refused = await coordinator.post(f"/api/transport-jobs/{job['id']}/work", json=body)
        assert refused.status_code == 409 and refused.json()["error"] == "not_done"
        await coordinator.post(f"/api/transport-jobs/{job['id']}/done", json={})
        recorded = await coordinator.post(f"/api/transport-jobs/{job['id']}/work", json=body)
        assert recorded.status_code == 200 and recorded.json()[0]["minutes"] == 30

    async def test_an_unknown_participant_leaves_the_job_open(self, as_requester, as_owner, world, new_client):
        coordinator, job, _ = await assigned_job(as_requester, as_owner, world, new_client)
        response = await coordinator.post(f"/api/transport-jobs/{job['id']}/done", json={
            "work": [{"participant_id": "00000000-0000-4000-8000-000000000000", "minutes": 30}]})
        assert response.status_code == 404
        assert (await coordinator.get(f"/api/transport-jobs/{job['id']}")).json()["status"] != "done"
