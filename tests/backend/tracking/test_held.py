"""A driver's pickup outside their jobs: held, never silently applied, and decided by a coordinator."""

from __future__ import annotations

import json
from datetime import date
from uuid import UUID, uuid4

import pytest

from backend import clock
from backend.push.tables import Notification
from backend.tracking.tables import ScanEvent
from backend.transport.tables import TransportJob, TransportJobItem
from tests.backend.tracking.test_service import event, item_row, make_yard
from tests.factories import login, make_user

pytestmark = pytest.mark.anyio


async def person(client, tenant, role: str) -> UUID:
    email = f"{role}-{uuid4().hex[:6]}@{tenant.id}.test"
    user = await make_user(tenant.id, tenant.ame_unit, email, role)
    await login(client, email)
    return user


async def job_with(tenant, driver: UUID, item: UUID, status: str = "assigned") -> UUID:
    job, now = uuid4(), clock.now()
    await TransportJob.insert(TransportJob(id=job, municipality=tenant.id, status=status, driver=driver,
                                           day=date.today(), created_at=now, updated_at=now))
    await TransportJobItem.insert(TransportJobItem(id=uuid4(), job=job, item=item))
    return job


def pickup(yard, **extra) -> dict:
    return event(yard.code, "pickup", location_code=yard.van_code, **extra)


async def section(client, key: str) -> list[dict]:
    body = (await client.get("/api/workqueue")).json()
    return next(s for s in body if s["key"] == key)["rows"]


class TestDriversPickup:
    async def test_pickup_of_an_item_on_the_driver_s_job_is_applied(self, client, ystad):
        yard = await make_yard(ystad, state="in_storage")
        driver = await person(client, ystad, "driver")
        await job_with(ystad, driver, yard.item)
        response = await client.post("/api/scans", json=pickup(yard))
        assert response.status_code == 201 and response.json()["status"] == "applied"
        assert (await item_row(yard.item))["state"] == "in_transit"

    async def test_confirmed_pickup_outside_the_jobs_is_held_and_moves_nothing(self, client, ystad):
        yard = await make_yard(ystad, state="in_storage")
        driver = await person(client, ystad, "driver")
        await job_with(ystad, driver, uuid4())  # a job, but with another item
        response = await client.post("/api/scans", json=pickup(yard, outside_jobs=True))
        body = response.json()
        assert response.status_code == 202 and (body["status"], body["reason"]) == ("held", "outside_jobs")
        assert (await item_row(yard.item)) == {"state": "in_storage", "location": None, "version": 1}
        history = (await client.get(f"/api/items/{yard.item}/history")).json()
        assert [(h["action"], h["outcome"], h["state_after"]) for h in history] == [("pickup", "held", "in_storage")]

    async def test_the_same_held_pickup_sent_again_is_held_once(self, client, ystad):
        yard = await make_yard(ystad, state="in_storage")
        await person(client, ystad, "driver")
        scan = pickup(yard, outside_jobs=True)
        await client.post("/api/scans/batch", json={"events": [scan]})
        again = (await client.post("/api/scans/batch", json={"events": [scan]})).json()["results"]
        assert [r["status"] for r in again] == ["held"]
        assert await ScanEvent.count().where(ScanEvent.item == yard.item) == 1

    async def test_an_old_app_s_pickup_without_the_flag_is_caught_and_shown_as_refused(self, client, ystad):
        yard = await make_yard(ystad, state="in_storage")
        await person(client, ystad, "driver")
        results = (await client.post("/api/scans/batch", json={"events": [pickup(yard)]})).json()["results"]
        assert [(r["status"], r["reason"]) for r in results] == [("rejected", "outside_jobs")]
        assert (await item_row(yard.item))["state"] == "in_storage"
        held = await ScanEvent.select(ScanEvent.outcome, ScanEvent.driver_confirmed).where(
            ScanEvent.item == yard.item).first()
        assert held == {"outcome": "held", "driver_confirmed": False}

    async def test_a_warehouse_worker_s_pickup_is_not_checked_against_jobs(self, client, ystad):
        yard = await make_yard(ystad, state="in_storage")
        await person(client, ystad, "warehouse")
        assert (await client.post("/api/scans", json=pickup(yard))).json()["status"] == "applied"

    async def test_an_invalid_pickup_outside_the_jobs_is_refused_not_held(self, client, ystad):
        yard = await make_yard(ystad, state="in_storage")
        await person(client, ystad, "driver")
        response = await client.post("/api/scans", json=event(yard.code, "pickup", location_code=yard.shelf_code,
                                                              outside_jobs=True))
        assert response.status_code == 422 and response.json()["reason"] == "location_not_vehicle"


class TestCoordinatorDecides:
    async def held(self, client, new_client, ystad):
        yard = await make_yard(ystad, state="in_storage")
        driver_http = await new_client()
        driver = await person(driver_http, ystad, "driver")
        scan = pickup(yard, outside_jobs=True)
        assert (await driver_http.post("/api/scans", json=scan)).status_code == 202
        await person(client, ystad, "coordinator")
        return yard, driver, scan["id"]

    async def test_the_coordinator_sees_item_driver_time_and_vehicle(self, client, new_client, ystad):
        yard, _, scan_id = await self.held(client, new_client, ystad)
        (row,) = await section(client, "pickups")
        assert (row["id"], row["item_id"], row["title"], row["place_name"], row["detail"]) == (
            scan_id, str(yard.item), "Kontorsstol", "Bil 1", "confirmed")
        assert row["actor_name"].startswith("Driver-") and row["since"] and row["link"] == f"/sak/{yard.item}"

    async def test_accepting_applies_the_pickup_as_the_driver_s_and_clears_the_row(self, client, new_client, ystad):
        yard, driver, scan_id = await self.held(client, new_client, ystad)
        response = await client.post(f"/api/scans/{scan_id}/resolution", json={"decision": "accept"})
        body = response.json()
        assert response.status_code == 200 and body["resolution"] == "accepted"
        assert body["pickup"]["status"] == "applied" and body["pickup"]["item"]["location_name"] == "Bil 1"
        assert (await item_row(yard.item))["state"] == "in_transit"
        applied = await ScanEvent.select(ScanEvent.actor).where(ScanEvent.item == yard.item,
                                                                ScanEvent.outcome == "applied").first()
        assert applied["actor"] == driver
        assert await section(client, "pickups") == []

    async def test_returning_leaves_the_item_where_it_was(self, client, new_client, ystad):
        yard, _, scan_id = await self.held(client, new_client, ystad)
        response = await client.post(f"/api/scans/{scan_id}/resolution", json={"decision": "return"})
        assert response.status_code == 200 and response.json() == {"id": scan_id, "resolution": "returned",
                                                                    "pickup": None}
        assert (await item_row(yard.item))["state"] == "in_storage"
        assert await section(client, "pickups") == []

    @pytest.mark.parametrize(("decision", "message"), [("accept", "pickup_accepted"), ("return", "pickup_returned")])
    async def test_the_driver_is_told_the_decision(self, client, new_client, ystad, decision, message):
        _, driver, scan_id = await self.held(client, new_client, ystad)
        assert (await client.post(f"/api/scans/{scan_id}/resolution", json={"decision": decision})).status_code == 200
        told = await Notification.select(Notification.user, Notification.message, Notification.params,
                                         Notification.url).where(Notification.message.like("pickup_%"))
        assert [(t["user"], t["message"], json.loads(t["params"])["item"], t["url"]) for t in told] == [
            (driver, message, "Kontorsstol", "/dagen")]

    async def test_a_second_decision_is_a_409(self, client, new_client, ystad):
        _, _, scan_id = await self.held(client, new_client, ystad)
        await client.post(f"/api/scans/{scan_id}/resolution", json={"decision": "return"})
        again = await client.post(f"/api/scans/{scan_id}/resolution", json={"decision": "accept"})
        assert again.status_code == 409

    async def test_an_accept_that_no_longer_fits_is_a_409_and_the_pickup_still_waits(self, client, new_client,
                                                                                       ystad):
        yard, _, scan_id = await self.held(client, new_client, ystad)
        await ScanEvent.raw("UPDATE item SET state = 'disposed' WHERE id = {}", yard.item)
        response = await client.post(f"/api/scans/{scan_id}/resolution", json={"decision": "accept"})
        assert response.status_code == 409
        assert [r["id"] for r in await section(client, "pickups")] == [scan_id]

    async def test_a_driver_cannot_decide(self, client, new_client, ystad):
        _, _, scan_id = await self.held(client, new_client, ystad)
        await person(client, ystad, "driver")
        assert (await client.post(f"/api/scans/{scan_id}/resolution", json={"decision": "accept"})).status_code == 403

    async def test_another_municipality_s_coordinator_neither_sees_nor_decides(self, client, new_client, ystad,
                                                                                 skurup):
        _, _, scan_id = await self.held(client, new_client, ystad)
        await person(client, skurup, "coordinator")
        assert await section(client, "pickups") == []
        response = await client.post(f"/api/scans/{scan_id}/resolution", json={"decision": "accept"})
        assert response.status_code == 404
