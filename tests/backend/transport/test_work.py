"""Who did a transport job and how long it took: on finishing it, or afterwards once it is done."""

from __future__ import annotations

import pytest

from tests.backend.bookings.helpers import days
from tests.backend.transport.test_service import approved_with_delivery, signed_in
from tests.factories import make_user

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


class TestDriverRecordsOwnTime:
    async def test_the_driver_records_themselves_on_their_job_before_the_server_knows_it_is_done(
            self, as_requester, as_owner, world, new_client):
        coordinator, job, _ = await assigned_job(as_requester, as_owner, world, new_client)
        driver = await signed_in(new_client, world.driver_email)
        first = await driver.post(f"/api/transport-jobs/{job['id']}/work",
                                  json={"work": [{"myself": True, "minutes": 40}]})
        assert first.status_code == 200, first.text
        again = await driver.post(f"/api/transport-jobs/{job['id']}/work",
                                  json={"work": [{"myself": True, "minutes": 50}]})
        assert again.json()[0]["participant_id"] == first.json()[0]["participant_id"]
        participants = (await coordinator.get("/api/ame-participants")).json()
        me = next(p for p in participants if p["id"] == first.json()[0]["participant_id"])
        assert me["kind"] == "person" and me["name"]
        work = (await coordinator.get("/api/impact/report")).json()["work"]
        assert [(r["key"], r["minutes"], r["tasks"]) for r in work["by_kind"]] == [("transport", 50, 1)]

    async def test_the_driver_may_name_a_team_the_ame_keeps(self, as_requester, as_owner, world, new_client):
        _, job, team = await assigned_job(as_requester, as_owner, world, new_client)
        driver = await signed_in(new_client, world.driver_email)
        answer = await driver.post(f"/api/transport-jobs/{job['id']}/work", json={"work": [
            {"participant_id": team, "minutes": 60}, {"myself": True, "minutes": 60}]})
        assert answer.status_code == 200 and len(answer.json()) == 2

    async def test_another_driver_s_job_is_not_found(self, as_requester, as_owner, world, new_client, ystad):
        _, job, _ = await assigned_job(as_requester, as_owner, world, new_client)
        await make_user(ystad.id, ystad.ame_unit, "chauffor2@ystad.test", "driver")
        other = await signed_in(new_client, "chauffor2@ystad.test")
        refused = await other.post(f"/api/transport-jobs/{job['id']}/work",
                                   json={"work": [{"myself": True, "minutes": 30}]})
        assert refused.status_code == 404

    async def test_an_employee_or_another_municipality_cannot_record(self, as_requester, as_owner, world, new_client,
                                                                     ystad, skurup):
        _, job, _ = await assigned_job(as_requester, as_owner, world, new_client)
        await make_user(ystad.id, ystad.ame_unit, "lager@ystad.test", "warehouse")
        await make_user(skurup.id, skurup.ame_unit, "samordnare@skurup.test", "coordinator")
        body = {"work": [{"myself": True, "minutes": 30}]}
        for email in ("lager@ystad.test", "samordnare@skurup.test"):
            other = await signed_in(new_client, email)
            assert (await other.post(f"/api/transport-jobs/{job['id']}/work", json=body)).status_code in (403, 404)
        assert (await as_requester.post(f"/api/transport-jobs/{job['id']}/work", json=body)).status_code in (403, 404)

    @pytest.mark.parametrize("entry", [
        {"minutes": 30}, {"myself": True, "minutes": 0}, {"myself": True, "minutes": 1441},
        {"myself": True, "participant_id": "00000000-0000-4000-8000-000000000000", "minutes": 30}])
    async def test_who_and_minutes_are_checked(self, as_requester, as_owner, world, new_client, entry):
        _, job, _ = await assigned_job(as_requester, as_owner, world, new_client)
        driver = await signed_in(new_client, world.driver_email)
        refused = await driver.post(f"/api/transport-jobs/{job['id']}/work", json={"work": [entry]})
        assert refused.status_code == 400 and refused.json()["detail"]

    async def test_a_cancelled_job_takes_no_time(self, as_requester, as_owner, world, new_client):
        coordinator, job, _ = await assigned_job(as_requester, as_owner, world, new_client)
        await coordinator.post(f"/api/transport-jobs/{job['id']}/cancel", json={})
        driver = await signed_in(new_client, world.driver_email)
        refused = await driver.post(f"/api/transport-jobs/{job['id']}/work",
                                    json={"work": [{"myself": True, "minutes": 30}]})
        assert refused.status_code in (404, 409)
