"""Transport jobs: made by approvals, planned by coordinators, listed per day for drivers, moved by scans."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest

from backend import clock
from backend.catalog.tables import Item
from backend.db import Database
from backend.locations.tables import Location
from backend.transport.service import on_item_scanned
from backend.transport.tables import TransportJob
from tests.backend.bookings.helpers import days, make_listing
from tests.factories import login, make_code

pytestmark = pytest.mark.anyio
FIELD_APP_KEYS = {"id", "status", "wanted_date", "pickup", "delivery", "items"}


async def approved_with_delivery(requester, owner, listing, start=2):
    booking = (await requester.post("/api/bookings", json={
        "listing_id": str(listing), "start": days(start), "end": days(start + 3),
        "delivery_address": "Skolgatan 3, 274 30 Skurup"})).json()
    await owner.post(f"/api/bookings/{booking['id']}/approve", json={})
    return booking


async def delivery_status() -> str:
    """The delivery trip's status (a loan's return trip is a second job)."""
    return (await TransportJob.select(TransportJob.status).where(TransportJob.leg == "delivery").first())["status"]


async def signed_in(new_client, email):
    http = await new_client()
    await login(http, email)
    return http


class TestCreatedByApproval:
    async def test_approval_with_delivery_plans_a_job_from_the_listing_location(self, as_requester, as_owner, ystad,
                                                                                 world, new_client):
        site = await _site(ystad.id)
        listing, items = await make_listing(ystad, location=site)
        booking = await approved_with_delivery(as_requester, as_owner, listing)
        coordinator = await signed_in(new_client, world.coordinator_email)
        jobs = (await coordinator.get("/api/transport-jobs", params={"status": "unassigned"})).json()
        assert [j["leg"] for j in jobs] == ["delivery", "return"]
        job = jobs[0]
        assert job["status"] == "planned" and job["booking_id"] == booking["id"] and job["wanted_date"] == days(2)
        assert job["pickup"] == {"location_id": str(site), "name": "AME-lagret", "address": "Industrigatan 12",
                                 "path": ["AME-lagret"]}
        assert job["delivery"]["address"] == "Skolgatan 3, 274 30 Skurup"
        assert [i["id"] for i in job["items"]] == [str(items[0])]

    async def test_a_loan_s_return_trip_is_booked_for_its_return_day(self, as_requester, as_owner, ystad, world,
                                                                     new_client):
        site = await _site(ystad.id)
        listing, items = await make_listing(ystad, location=site)
        booking = await approved_with_delivery(as_requester, as_owner, listing)
        coordinator = await signed_in(new_client, world.coordinator_email)
        back = (await coordinator.get("/api/transport-jobs")).json()[1]
        assert back["leg"] == "return" and back["wanted_date"] == booking["end"] == days(5)
        assert back["pickup"]["address"] == "Skolgatan 3, 274 30 Skurup"
        assert back["delivery"]["address"] == "Industrigatan 12"
        assert [i["id"] for i in back["items"]] == [str(items[0])]

    async def test_the_delivery_details_reach_both_trips(self, as_requester, as_owner, world, new_client):
        booking = (await as_requester.post("/api/bookings", json={
            "listing_id": str(world.listing), "start": days(2), "end": days(5), "wanted_date": days(3),
            "delivery_address": "Skolgatan 3", "delivery_window": "08-12", "recipient_name": "Robin Lånar",
            "recipient_phone": "0411-55 50 00", "delivery_room": "Hus B, rum 204"})).json()
        assert (booking["delivery_window"], booking["recipient_name"], booking["recipient_phone"],
                booking["delivery_room"]) == ("08-12", "Robin Lånar", "0411-55 50 00", "Hus B, rum 204")
        await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
        coordinator = await signed_in(new_client, world.coordinator_email)
        jobs = (await coordinator.get("/api/transport-jobs")).json()
        assert [(j["leg"], j["wanted_date"]) for j in jobs] == [("delivery", days(3)), ("return", days(5))]
        for job in jobs:
            assert (job["time_window"], job["recipient_name"], job["recipient_phone"], job["room"]) == (
                "08-12", "Robin Lånar", "0411-55 50 00", "Hus B, rum 204")

    async def test_the_driver_s_day_shows_the_shelf_who_to_call_and_the_note(self, as_requester, as_owner, ystad,
                                                                           world, new_client):
        shelf = await make_shelf(ystad.id)
        listing, items = await make_listing(ystad, deal="give")
        await Item.update({Item.location: shelf}).where(Item.id == items[0])
        booking = (await as_requester.post("/api/bookings", json={
            "listing_id": str(listing), "delivery_address": "Skolgatan 3, 274 30 Skurup", "delivery_window": "12-16",
            "recipient_phone": "0411-55 50 00", "note": "Ring på vid lastkajen"})).json()
        await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
        coordinator = await signed_in(new_client, world.coordinator_email)
        job = (await coordinator.get("/api/transport-jobs")).json()[0]
        await coordinator.post(f"/api/transport-jobs/{job['id']}/assign",
                               json={"driver_id": str(world.driver), "day": days(1), "version": job["version"]})
        driver = await signed_in(new_client, world.driver_email)
        day = (await driver.get("/api/transport-jobs", params={"driver": "me", "day": days(1)})).json()
        # The listing named no place: the pickup is where the item is shelved, with the site's address.
        shelf_place = {"location_id": str(shelf), "name": "Hylla B3", "address": "Industrigatan 12",
                       "path": ["AME-lagret", "Rum 2", "Hylla B3"]}
        assert day[0]["pickup"] == shelf_place and day[0]["items"][0]["place"] == shelf_place
        # No recipient named: the requester takes it (their name as their account has it).
        assert (day[0]["recipient_name"], day[0]["recipient_phone"], day[0]["time_window"], day[0]["note"]) == (
            world.requester.employee_email.split("@")[0].title(), "0411-55 50 00", "12-16", "Ring på vid lastkajen")

    async def test_a_sale_has_no_return_trip(self, as_requester, as_owner, ystad, world):
        listing, _ = await make_listing(ystad, deal="give")
        booking = (await as_requester.post("/api/bookings", json={
            "listing_id": str(listing), "delivery_address": "Skolgatan 3"})).json()
        await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
        assert await TransportJob.count().where(TransportJob.leg == "return") == 0
        assert await TransportJob.count().where(TransportJob.leg == "delivery") == 1

    async def test_approval_without_delivery_plans_nothing(self, as_requester, as_owner, world):
        booking = (await as_requester.post("/api/bookings", json={"listing_id": str(world.listing), "start": days(2),
                                                                  "end": days(4)})).json()
        await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
        assert await TransportJob.count() == 0


class TestPlanning:
    async def test_coordinator_assigns_and_driver_sees_it_in_their_day(self, as_requester, as_owner, world,
                                                                        new_client):
        await approved_with_delivery(as_requester, as_owner, world.listing)
        coordinator = await signed_in(new_client, world.coordinator_email)
        job = (await coordinator.get("/api/transport-jobs")).json()[0]
        drivers = (await coordinator.get("/api/transport-jobs/drivers")).json()
        assert [d["id"] for d in drivers] == [str(world.driver)]
        assigned = await coordinator.post(f"/api/transport-jobs/{job['id']}/assign",
                                          json={"driver_id": str(world.driver), "day": days(2),
                                                "version": job["version"]})
        assert assigned.status_code == 200 and assigned.json()["status"] == "assigned"
        driver = await signed_in(new_client, world.driver_email)
        day = (await driver.get("/api/transport-jobs", params={"driver": "me", "day": days(2)})).json()
        assert [j["id"] for j in day] == [job["id"]] and set(day[0]) >= FIELD_APP_KEYS
        assert set(day[0]["items"][0]) == {"id", "title", "code", "state", "thumbnail_url", "place"}
        assert (await driver.get("/api/transport-jobs", params={"driver": "me", "day": days(3)})).json() == []

    async def test_both_sides_of_the_booking_see_where_its_delivery_stands(self, as_requester, as_owner, world,
                                                                            new_client):
        booking = await approved_with_delivery(as_requester, as_owner, world.listing)
        seen = (await as_requester.get(f"/api/bookings/{booking['id']}")).json()["transport"]
        assert seen == {"status": "planned", "day": None, "wanted_date": days(2), "return_date": days(5),
                        "return_status": "planned", "proof": None}
        coordinator = await signed_in(new_client, world.coordinator_email)
        job = (await coordinator.get("/api/transport-jobs")).json()[0]
        await coordinator.post(f"/api/transport-jobs/{job['id']}/assign",
                               json={"driver_id": str(world.driver), "day": days(1), "version": job["version"]})
        for side in (as_requester, as_owner):
            transport = (await side.get(f"/api/bookings/{booking['id']}")).json()["transport"]
            assert (transport["status"], transport["day"]) == ("assigned", days(1))

    async def test_a_booking_without_delivery_has_no_transport(self, as_requester, as_owner, world):
        booking = (await as_requester.post("/api/bookings", json={"listing_id": str(world.listing), "start": days(2),
                                                                  "end": days(4)})).json()
        approved = (await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})).json()
        assert approved["transport"] is None
        assert (await as_requester.get(f"/api/bookings/{booking['id']}")).json()["transport"] is None

    async def test_driver_cannot_list_everyone_s_jobs(self, world, new_client):
        driver = await signed_in(new_client, world.driver_email)
        assert (await driver.get("/api/transport-jobs")).status_code == 403

    async def test_assigning_a_non_driver_is_refused(self, as_requester, as_owner, world, new_client):
        await approved_with_delivery(as_requester, as_owner, world.listing)
        coordinator = await signed_in(new_client, world.coordinator_email)
        job = (await coordinator.get("/api/transport-jobs")).json()[0]
        response = await coordinator.post(f"/api/transport-jobs/{job['id']}/assign", json={
            "driver_id": str(world.approver.employee), "day": days(2), "version": job["version"]})
        assert response.status_code == 400 and response.json()["error"] == "not_a_driver"

    async def test_stale_assignment_is_a_conflict(self, as_requester, as_owner, world, new_client):
        await approved_with_delivery(as_requester, as_owner, world.listing)
        coordinator = await signed_in(new_client, world.coordinator_email)
        job = (await coordinator.get("/api/transport-jobs")).json()[0]
        body = {"driver_id": str(world.driver), "day": days(2), "version": job["version"]}
        assert (await coordinator.post(f"/api/transport-jobs/{job['id']}/assign", json=body)).status_code == 200
        response = await coordinator.post(f"/api/transport-jobs/{job['id']}/assign", json=body)
        assert response.status_code == 409 and response.json()["error"] == "stale_version"

    async def test_another_municipality_cannot_see_the_job(self, as_requester, as_owner, world, new_client, skurup):
        await approved_with_delivery(as_requester, as_owner, world.listing)
        coordinator = await signed_in(new_client, world.coordinator_email)
        job = (await coordinator.get("/api/transport-jobs")).json()[0]
        from tests.factories import make_user

        await make_user(skurup.id, skurup.ame_unit, "samordnare@skurup.test", "coordinator")
        theirs = await signed_in(new_client, "samordnare@skurup.test")
        assert (await theirs.get(f"/api/transport-jobs/{job['id']}")).status_code == 404
        assert (await theirs.get("/api/transport-jobs")).json() == []

    async def test_driver_marks_their_job_done(self, as_requester, as_owner, world, new_client):
        await approved_with_delivery(as_requester, as_owner, world.listing)
        coordinator = await signed_in(new_client, world.coordinator_email)
        job = (await coordinator.get("/api/transport-jobs")).json()[0]
        await coordinator.post(f"/api/transport-jobs/{job['id']}/assign",
                               json={"driver_id": str(world.driver), "day": days(2), "version": job["version"]})
        driver = await signed_in(new_client, world.driver_email)
        done = await driver.post(f"/api/transport-jobs/{job['id']}/done", json={})
        assert done.json()["status"] == "done"
        assert (await driver.post(f"/api/transport-jobs/{job['id']}/done", json={})).status_code == 409


class TestScans:
    async def test_pickup_starts_the_job_and_last_delivery_finishes_it(self, as_requester, as_owner, ystad, world,
                                                                        app):
        listing, items = await make_listing(ystad, items=2)
        booking = (await as_requester.post("/api/bookings", json={
            "listing_id": str(listing), "quantity": 2, "start": days(2), "end": days(5),
            "delivery_address": "Skolgatan 3"})).json()
        await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
        db: Database = app.state.db
        now = clock.now()
        async with db.write():
            await on_item_scanned(items[0], "pickup", now, now)
        assert await delivery_status() == "in_transit"
        async with db.write():
            await on_item_scanned(items[0], "deliver", now + timedelta(minutes=30), now + timedelta(minutes=30))
        assert await delivery_status() == "in_transit"
        async with db.write():
            await on_item_scanned(items[1], "deliver", now + timedelta(minutes=31), now + timedelta(minutes=31))
        assert await delivery_status() == "done"
        # The loan's return trip waits for its day: the delivery's scans did not start it.
        back = await TransportJob.select(TransportJob.status).where(TransportJob.leg == "return").first()
        assert back["status"] == "planned"
        delivered = (await as_requester.get(f"/api/bookings/{booking['id']}")).json()
        assert delivered["status"] == "fulfilled" and delivered["events"][-1]["action"] == "deliver"

    async def test_scans_through_the_api_move_the_job_and_fulfil_the_booking(self, as_requester, as_owner, ystad,
                                                                             world, new_client):
        listing, items = await make_listing(ystad, items=2)
        booking = (await as_requester.post("/api/bookings", json={
            "listing_id": str(listing), "quantity": 2, "start": days(2), "end": days(5),
            "delivery_address": "Skolgatan 3"})).json()
        await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
        van = uuid4()
        await Location.insert(Location(id=van, municipality=ystad.id, kind="vehicle", name="Transportbil 1",
                                       created_at=clock.now()))
        van_code = await make_code(ystad.id, location=van)
        codes = [await make_code(ystad.id, item=item) for item in items]
        coordinator = await signed_in(new_client, world.coordinator_email)
        job = next(j for j in (await coordinator.get("/api/transport-jobs")).json() if j["leg"] == "delivery")
        await coordinator.post(f"/api/transport-jobs/{job['id']}/assign",
                               json={"driver_id": str(world.driver), "day": days(2), "version": job["version"]})
        driver = await signed_in(new_client, world.driver_email)

        def event(code, action, **extra):
            return {"id": str(uuid4()), "code": code, "action": action,
                    "device_time": clock.now().isoformat(), **extra}

        picked = await driver.post("/api/scans/batch", json={"events": [
            event(c, "pickup", location_code=van_code) for c in codes]})
        assert [r["status"] for r in picked.json()["results"]] == ["applied", "applied"]
        assert await delivery_status() == "in_transit"
        delivered = await driver.post("/api/scans/batch", json={"events": [event(c, "deliver") for c in codes]})
        assert [r["status"] for r in delivered.json()["results"]] == ["applied", "applied"]
        assert await delivery_status() == "done"
        assert (await as_requester.get(f"/api/bookings/{booking['id']}")).json()["status"] == "fulfilled"


class TestPlanMany:
    async def _jobs(self, as_requester, as_owner, world, new_client):
        await approved_with_delivery(as_requester, as_owner, world.listing)
        coordinator = await signed_in(new_client, world.coordinator_email)
        return coordinator, [j["id"] for j in (await coordinator.get("/api/transport-jobs")).json()]

    async def test_several_jobs_go_to_one_driver_and_day(self, as_requester, as_owner, world, new_client):
        coordinator, ids = await self._jobs(as_requester, as_owner, world, new_client)
        response = await coordinator.post("/api/transport-jobs/assign",
                                          json={"ids": ids, "driver_id": str(world.driver), "day": days(2)})
        assert response.status_code == 200 and response.json() == {"done": 2, "ids": ids}
        rows = await TransportJob.select(TransportJob.status, TransportJob.driver)
        assert {(r["status"], r["driver"]) for r in rows} == {("assigned", world.driver)}

    async def test_a_cancelled_job_stops_them_all(self, as_requester, as_owner, world, new_client):
        coordinator, ids = await self._jobs(as_requester, as_owner, world, new_client)
        await coordinator.post(f"/api/transport-jobs/{ids[1]}/cancel", json={})
        response = await coordinator.post("/api/transport-jobs/assign",
                                          json={"ids": ids, "driver_id": str(world.driver), "day": days(2)})
        assert response.status_code == 409 and ids[1] in response.json()["detail"]
        assert await TransportJob.count().where(TransportJob.status == "assigned") == 0

    async def test_another_municipalitys_job_is_a_404_and_nothing_changes(self, as_requester, as_owner, world,
                                                                          new_client, skurup):
        coordinator, ids = await self._jobs(as_requester, as_owner, world, new_client)
        theirs, now = uuid4(), clock.now()
        await TransportJob.insert(TransportJob(id=theirs, municipality=skurup.id, created_at=now, updated_at=now))
        response = await coordinator.post("/api/transport-jobs/assign", json={
            "ids": [ids[0], str(theirs)], "driver_id": str(world.driver), "day": days(2)})
        assert response.status_code == 404 and str(theirs) in response.json()["detail"]
        assert await TransportJob.count().where(TransportJob.status == "assigned") == 0

    async def test_a_past_day_or_a_non_driver_is_a_400(self, as_requester, as_owner, world, new_client):
        coordinator, ids = await self._jobs(as_requester, as_owner, world, new_client)
        past = await coordinator.post("/api/transport-jobs/assign",
                                      json={"ids": ids, "driver_id": str(world.driver), "day": days(-1)})
        nobody = await coordinator.post("/api/transport-jobs/assign", json={
            "ids": ids, "driver_id": str(world.approver.employee), "day": days(2)})
        assert (past.status_code, nobody.status_code) == (400, 400)
        assert nobody.json()["error"] == "not_a_driver"


async def _site(municipality_id):
    site = uuid4()
    await Location.insert(Location(id=site, municipality=municipality_id, kind="site", name="AME-lagret",
                                   address="Industrigatan 12", created_at=clock.now()))
    return site


async def make_shelf(municipality_id):
    """A shelf in a room of the AME's site: only the site has a street address."""
    site, room, shelf = uuid4(), uuid4(), uuid4()
    await Location.insert(Location(id=site, municipality=municipality_id, kind="site", name="AME-lagret",
                                   address="Industrigatan 12", created_at=clock.now()))
    await Location.insert(Location(id=room, municipality=municipality_id, parent=site, kind="room", name="Rum 2",
                                   created_at=clock.now()))
    await Location.insert(Location(id=shelf, municipality=municipality_id, parent=room, kind="shelf",
                                   name="Hylla B3", created_at=clock.now()))
    return shelf
