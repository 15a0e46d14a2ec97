"""The transport tariff: set by a coordinator or admin, charged to the requester when a job is done."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import uuid4

import pytest

from backend import clock
from backend.bookings.tables import Charge
from backend.transport.service import on_item_scanned
from backend.vocabulary import month_of
from tests.backend.transport.test_service import approved_with_delivery, signed_in
from tests.factories import login

pytestmark = pytest.mark.anyio


async def set_tariff(client, fee_ore, unit, version=None):
    return await client.put("/api/transport-tariff", json={"fee_ore": fee_ore, "payee_unit_id": str(unit),
                                                           "version": version})


async def finish_job(as_requester, as_owner, world, new_client):
    """Approve a delivery to Skurup and let Ystad's driver mark the job done; returns the booking."""
    booking = await approved_with_delivery(as_requester, as_owner, world.listing)
    coordinator = await signed_in(new_client, world.coordinator_email)
    job = (await coordinator.get("/api/transport-jobs")).json()[0]
    done = await coordinator.post(f"/api/transport-jobs/{job['id']}/done", json={"version": job["version"]})
    assert done.status_code == 200, done.text
    return booking


class TestSettingTheTariff:
    async def test_without_a_tariff_transport_is_free(self, client, ystad):
        await login(client, ystad.employee_email)
        assert (await client.get("/api/transport-tariff")).json() == {
            "fee_ore": 0, "payee_unit": None, "version": None, "updated_at": None}

    async def test_coordinator_sets_it_and_changes_it_from_the_version_read(self, world, ystad, new_client):
        coordinator = await signed_in(new_client, world.coordinator_email)
        created = await set_tariff(coordinator, 45000, ystad.ame_unit)
        assert created.status_code == 200, created.text
        assert (created.json()["fee_ore"], created.json()["payee_unit"]["id"], created.json()["version"]) == (
            45000, str(ystad.ame_unit), 1)
        changed = await set_tariff(coordinator, 60000, ystad.ame_unit, version=1)
        assert (changed.json()["fee_ore"], changed.json()["version"]) == (60000, 2)
        employee = await signed_in(new_client, ystad.employee_email)
        assert (await employee.get("/api/transport-tariff")).json()["fee_ore"] == 60000

    @pytest.mark.parametrize("version", [None, 1])
    async def test_a_stale_or_missing_version_is_a_conflict(self, world, ystad, new_client, version):
        coordinator = await signed_in(new_client, world.coordinator_email)
        await set_tariff(coordinator, 45000, ystad.ame_unit)
        await set_tariff(coordinator, 50000, ystad.ame_unit, version=1)
        response = await set_tariff(coordinator, 60000, ystad.ame_unit, version=version)
        assert (response.status_code, response.json()["error"]) == (409, "stale_version")
        assert (await coordinator.get("/api/transport-tariff")).json()["fee_ore"] == 50000

    async def test_an_employee_cannot_set_it(self, client, ystad):
        await login(client, ystad.employee_email)
        assert (await set_tariff(client, 45000, ystad.ame_unit)).status_code == 403
        assert (await client.get("/api/transport-tariff")).json()["version"] is None

    @pytest.mark.parametrize("fee,unit,status,error", [
        (-1, "ame", 400, "invalid_request"),
        (10_000_001, "ame", 400, "invalid_request"),
        (45000, "other", 400, "unknown_unit"),
        (45000, "skurup", 400, "unknown_unit"),
    ])
    async def test_bad_fees_and_units_are_refused(self, world, ystad, new_client, fee, unit, status, error):
        coordinator = await signed_in(new_client, world.coordinator_email)
        payee = {"ame": ystad.ame_unit, "other": uuid4(), "skurup": world.requester.ame_unit}[unit]
        response = await set_tariff(coordinator, fee, payee)
        assert (response.status_code, response.json()["error"]) == (status, error), response.text
        assert (await coordinator.get("/api/transport-tariff")).json()["version"] is None


class TestCharging:
    async def test_a_done_job_charges_the_requesting_unit_once(self, as_requester, as_owner, ystad, world,
                                                               new_client):
        await set_tariff(await signed_in(new_client, world.coordinator_email), 45000, ystad.ame_unit)
        booking = await finish_job(as_requester, as_owner, world, new_client)
        charges = (await as_owner.get(f"/api/bookings/{booking['id']}/charges")).json()
        assert [(c["kind"], c["amount_ore"]) for c in charges] == [("transport", 45000)]
        assert charges[0]["payer_unit"]["id"] == str(world.requester.ame_unit)
        assert charges[0]["payee_unit"]["id"] == str(ystad.ame_unit)
        row = await Charge.select().first()
        assert (row["payer_municipality"], row["payee_municipality"]) == (world.requester.id, ystad.id)

    async def test_without_a_tariff_a_done_job_charges_nothing(self, as_requester, as_owner, world, new_client):
        await finish_job(as_requester, as_owner, world, new_client)
        assert await Charge.count() == 0

    async def test_a_cancelled_job_charges_nothing(self, as_requester, as_owner, ystad, world, new_client):
        coordinator = await signed_in(new_client, world.coordinator_email)
        await set_tariff(coordinator, 45000, ystad.ame_unit)
        await approved_with_delivery(as_requester, as_owner, world.listing)
        job = (await coordinator.get("/api/transport-jobs")).json()[0]
        cancelled = await coordinator.post(f"/api/transport-jobs/{job['id']}/cancel", json={"version": job["version"]})
        assert cancelled.json()["status"] == "cancelled"
        assert await Charge.count() == 0

    async def test_the_last_delivery_scan_charges_the_fee(self, as_requester, as_owner, ystad, world, new_client,
                                                          app):
        await set_tariff(await signed_in(new_client, world.coordinator_email), 45000, ystad.ame_unit)
        booking = await approved_with_delivery(as_requester, as_owner, world.listing)
        async with app.state.db.write():
            await on_item_scanned(world.items[0], "pickup", clock.now(), clock.now())
        assert await Charge.count() == 0
        async with app.state.db.write():
            await on_item_scanned(world.items[0], "deliver", clock.now(), clock.now())
        charges = (await as_owner.get(f"/api/bookings/{booking['id']}/charges")).json()
        assert [(c["kind"], c["amount_ore"]) for c in charges] == [("transport", 45000)]

    async def test_a_delivery_dated_days_back_is_charged_in_the_servers_month(
            self, as_requester, as_owner, ystad, world, new_client, app):
        """A phone clock three days behind on the 1st must not charge into last month (maybe locked)."""
        await set_tariff(await signed_in(new_client, world.coordinator_email), 45000, ystad.ame_unit)
        await approved_with_delivery(as_requester, as_owner, world.listing)
        received = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
        scanned = received - timedelta(days=3)
        async with app.state.db.write():
            await on_item_scanned(world.items[0], "pickup", scanned, received)
            await on_item_scanned(world.items[0], "deliver", scanned, received)
        (charge,) = await Charge.select(Charge.created_at)
        assert month_of(charge["created_at"]) == "2026-12" and month_of(scanned) == "2026-11"

    async def test_the_fee_reaches_the_invoice_basis_of_the_month(self, as_requester, as_owner, ystad, world,
                                                                  new_client):
        coordinator = await signed_in(new_client, world.coordinator_email)
        await set_tariff(coordinator, 45000, ystad.ame_unit)
        booking = await finish_job(as_requester, as_owner, world, new_client)
        lines = (await coordinator.get(f"/api/billing/periods/{month_of(clock.now())}")).json()["lines"]
        assert [(line["kind"], line["booking_id"], line["amount_ore"], line["payer_municipality"])
                for line in lines] == [("transport", booking["id"], 45000, "Skurup")]
