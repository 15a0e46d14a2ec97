"""The day board: one read of days × drivers for a coordinator, moves that tell the drivers, refusals."""

from __future__ import annotations

from datetime import date
from uuid import uuid4

import pytest

from backend.catalog.tables import Item
from backend.push.tables import Notification
from backend.transport.board import working_days
from backend.transport.tables import TransportJob
from tests.backend.bookings.helpers import days
from tests.backend.transport.test_service import approved_with_delivery, make_shelf, signed_in
from tests.factories import make_tenant, make_user

pytestmark = pytest.mark.anyio


async def board_with_job(as_requester, as_owner, world, new_client):
    """Ystad's coordinator with the delivery of a Skurup booking on the board, and the board."""
    await approved_with_delivery(as_requester, as_owner, world.listing)
    coordinator = await signed_in(new_client, world.coordinator_email)
    board = (await coordinator.get("/api/transport-jobs/board")).json()
    job = next(j for j in board["jobs"] if j["leg"] == "delivery")
    return coordinator, board, job


async def move(coordinator, job, driver, day, version=None):
    return await coordinator.post(f"/api/transport-jobs/{job['id']}/assign", json={
        "driver_id": str(driver), "day": day, "version": version or job["version"]})


class TestWorkingDays:
    def test_the_weekend_is_skipped_after_the_first_day(self):
        friday = date(2026, 12, 11)
        assert working_days(friday, 5) == [friday, date(2026, 12, 14), date(2026, 12, 15), date(2026, 12, 16),
                                           date(2026, 12, 17)]


class TestBoard:
    async def test_the_board_lists_days_drivers_and_the_waiting_jobs(self, as_requester, as_owner, world, new_client):
        _, board, job = await board_with_job(as_requester, as_owner, world, new_client)
        assert board["days"][0] == board["today"] == days(0) and len(board["days"]) == 5
        assert [d["id"] for d in board["drivers"]] == [str(world.driver)]
        assert job["driver"] is None and job["movable"] is True
        # Skurup asked, Ystad's AME drives: the card says so, and what the trip costs (free: no tariff).
        assert (job["driving"], job["requester"], job["fee_ore"]) == ("Ystad", "Skurup", 0)

    async def test_the_fee_is_the_driving_municipality_s_tariff(self, as_requester, as_owner, world, new_client,
                                                               ystad):
        coordinator, _, _ = await board_with_job(as_requester, as_owner, world, new_client)
        await coordinator.put("/api/transport-tariff", json={"fee_ore": 25000, "payee_unit_id": str(ystad.ame_unit)})
        board = (await coordinator.get("/api/transport-jobs/board")).json()
        assert {j["fee_ore"] for j in board["jobs"]} == {25000}

    async def test_the_requesting_municipality_sees_the_job_but_cannot_move_it(self, as_requester, as_owner, world,
                                                                             new_client, skurup, ystad):
        coordinator, board, job = await board_with_job(as_requester, as_owner, world, new_client)
        await Item.update({Item.location: await make_shelf(ystad.id)}).where(Item.id == world.items[0])
        await move(coordinator, job, world.driver, board["days"][1])
        await make_user(skurup.id, skurup.ame_unit, "samordnare@skurup.test", "coordinator")
        theirs = await signed_in(new_client, "samordnare@skurup.test")
        seen = (await theirs.get("/api/transport-jobs/board")).json()
        mine = next(j for j in seen["jobs"] if j["id"] == job["id"])
        assert (mine["driving"], mine["movable"], mine["driver"]["id"]) == ("Ystad", False, str(world.driver))
        # Where Ystad shelves the item is Ystad's own business: its board shows the shelf, Skurup's does not.
        ours = (await coordinator.get("/api/transport-jobs/board")).json()
        assert [i["place"]["name"] for i in next(j for j in ours["jobs"] if j["id"] == job["id"])["items"]] == [
            "Hylla B3"]
        assert [i["place"] for i in mine["items"]] == [None]
        assert seen["drivers"] == []
        refused = await theirs.post(f"/api/transport-jobs/{job['id']}/assign", json={
            "driver_id": str(world.driver), "day": board["days"][2], "version": job["version"] + 1})
        assert refused.status_code == 404

    async def test_another_network_s_municipality_sees_nothing(self, as_requester, as_owner, world, new_client):
        await board_with_job(as_requester, as_owner, world, new_client)
        other = await make_tenant("Trelleborg")
        await make_user(other.id, other.ame_unit, "samordnare@trelleborg.test", "coordinator")
        theirs = await signed_in(new_client, "samordnare@trelleborg.test")
        assert (await theirs.get("/api/transport-jobs/board")).json()["jobs"] == []

    async def test_drivers_and_employees_cannot_read_the_board(self, world, new_client, as_requester):
        driver = await signed_in(new_client, world.driver_email)
        assert (await driver.get("/api/transport-jobs/board")).status_code == 403
        assert (await as_requester.get("/api/transport-jobs/board")).status_code == 403

    async def test_start_moves_the_first_day_but_never_before_today(self, world, new_client):
        coordinator = await signed_in(new_client, world.coordinator_email)
        later = (await coordinator.get("/api/transport-jobs/board", params={"start": days(10)})).json()
        earlier = (await coordinator.get("/api/transport-jobs/board", params={"start": days(-10)})).json()
        assert (later["days"][0], earlier["days"][0]) == (days(10), days(0))

    async def test_a_bad_start_day_is_a_400(self, world, new_client):
        coordinator = await signed_in(new_client, world.coordinator_email)
        assert (await coordinator.get("/api/transport-jobs/board", params={"start": "2026-13-01"})).status_code == 400


class TestMove:
    async def test_moving_to_another_driver_tells_both_and_reaches_the_new_driver_s_day(
            self, as_requester, as_owner, world, new_client, ystad):
        coordinator, board, job = await board_with_job(as_requester, as_owner, world, new_client)
        second = await make_user(ystad.id, ystad.ame_unit, "chauffor2@ystad.test", "driver")
        first = (await move(coordinator, job, world.driver, board["days"][1])).json()
        moved = await move(coordinator, job, second, board["days"][2], first["version"])
        assert moved.status_code == 200 and moved.json()["driver"]["id"] == str(second)
        rows = await Notification.select(Notification.user, Notification.message).where(
            Notification.message.like("job_%"))
        told = {(r["user"], r["message"]) for r in rows}
        assert told == {(world.driver, "job_assigned"), (world.driver, "job_moved"), (second, "job_assigned")}
        driver = await signed_in(new_client, "chauffor2@ystad.test")
        day = (await driver.get("/api/transport-jobs", params={"driver": "me", "day": board["days"][2]})).json()
        assert [j["id"] for j in day] == [job["id"]]
        again = (await coordinator.get("/api/transport-jobs/board")).json()
        card = next(j for j in again["jobs"] if j["id"] == job["id"])
        assert (card["driver"]["id"], card["day"]) == (str(second), board["days"][2])

    async def test_a_stale_move_is_a_409(self, as_requester, as_owner, world, new_client):
        coordinator, board, job = await board_with_job(as_requester, as_owner, world, new_client)
        assert (await move(coordinator, job, world.driver, board["days"][1])).status_code == 200
        stale = await move(coordinator, job, world.driver, board["days"][2])
        assert stale.status_code == 409 and stale.json()["error"] == "stale_version"

    async def test_a_finished_job_cannot_be_moved(self, as_requester, as_owner, world, new_client):
        coordinator, board, job = await board_with_job(as_requester, as_owner, world, new_client)
        done = (await coordinator.post(f"/api/transport-jobs/{job['id']}/done", json={})).json()
        refused = await move(coordinator, job, world.driver, board["days"][1], done["version"])
        assert refused.status_code == 409 and refused.json()["error"] == "wrong_status"
        board = (await coordinator.get("/api/transport-jobs/board")).json()
        assert job["id"] not in [j["id"] for j in board["jobs"]]

    async def test_a_past_day_an_unknown_driver_or_another_municipality_s_driver_is_a_400(
            self, as_requester, as_owner, world, new_client, skurup):
        coordinator, _, job = await board_with_job(as_requester, as_owner, world, new_client)
        theirs = await make_user(skurup.id, skurup.ame_unit, "chauffor@skurup.test", "driver")
        answers = [await move(coordinator, job, world.driver, days(-1)), await move(coordinator, job, uuid4(), days(1)),
                   await move(coordinator, job, theirs, days(1))]
        assert [(a.status_code, a.json()["error"]) for a in answers] == [
            (400, "in_the_past"), (400, "not_a_driver"), (400, "not_a_driver")]
        assert (await TransportJob.select(TransportJob.status).where(TransportJob.leg == "delivery").first()) == {
            "status": "planned"}


async def unassign(coordinator, job, version):
    return await coordinator.post(f"/api/transport-jobs/{job['id']}/unassign", json={"version": version})


class TestUnassign:
    async def test_an_unassigned_job_waits_again_and_leaves_the_driver_s_day(
            self, as_requester, as_owner, world, new_client):
        coordinator, board, job = await board_with_job(as_requester, as_owner, world, new_client)
        assigned = (await move(coordinator, job, world.driver, board["days"][0])).json()
        answer = await unassign(coordinator, job, assigned["version"])
        assert answer.status_code == 200
        assert (answer.json()["status"], answer.json()["driver"], answer.json()["day"]) == ("planned", None, None)
        told = await Notification.select(Notification.user, Notification.kind, Notification.message).where(
            Notification.message == "job_unassigned")
        assert told == [{"user": world.driver, "kind": "job_changed", "message": "job_unassigned"}]
        driver = await signed_in(new_client, world.driver_email)
        day = (await driver.get("/api/transport-jobs", params={"driver": "me", "day": board["days"][0]})).json()
        assert day == []
        again = (await coordinator.get("/api/transport-jobs/board")).json()
        card = next(j for j in again["jobs"] if j["id"] == job["id"])
        assert (card["driver"], card["day"], card["movable"]) == (None, None, True)

    async def test_a_job_with_no_driver_cannot_be_unassigned(self, as_requester, as_owner, world, new_client):
        coordinator, _, job = await board_with_job(as_requester, as_owner, world, new_client)
        refused = await unassign(coordinator, job, job["version"])
        assert refused.status_code == 409 and refused.json()["error"] == "not_assigned"

    async def test_a_finished_job_cannot_be_unassigned(self, as_requester, as_owner, world, new_client):
        coordinator, board, job = await board_with_job(as_requester, as_owner, world, new_client)
        assigned = (await move(coordinator, job, world.driver, board["days"][0])).json()
        done = (await coordinator.post(f"/api/transport-jobs/{job['id']}/done",
                                       json={"version": assigned["version"]})).json()
        refused = await unassign(coordinator, job, done["version"])
        assert refused.status_code == 409 and refused.json()["error"] == "not_assigned"
        assert "done" in refused.json()["detail"]

    async def test_a_stale_unassign_is_a_409(self, as_requester, as_owner, world, new_client):
        coordinator, board, job = await board_with_job(as_requester, as_owner, world, new_client)
        assigned = (await move(coordinator, job, world.driver, board["days"][0])).json()
        refused = await unassign(coordinator, job, assigned["version"] - 1)
        assert refused.status_code == 409 and refused.json()["error"] == "stale_version"

    async def test_only_a_coordinator_of_the_job_s_municipality_unassigns(
            self, as_requester, as_owner, world, new_client):
        coordinator, board, job = await board_with_job(as_requester, as_owner, world, new_client)
        assigned = (await move(coordinator, job, world.driver, board["days"][0])).json()
        driver = await signed_in(new_client, world.driver_email)
        assert (await unassign(driver, job, assigned["version"])).status_code == 403
        assert (await unassign(as_requester, job, assigned["version"])).status_code in (403, 404)
        assert (await unassign(coordinator, job, 0)).status_code == 400
