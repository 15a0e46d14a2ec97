"""The worker against the real push service emulator: what a phone would receive."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta

import pytest

from backend import clock
from backend.push.outbox import MAX_PAYLOAD_BYTES, notify
from backend.push.worker import PushWorker, WorkerConfig
from tests.backend.push.conftest import CONTACT, add_device
from tests.factories import login

pytestmark = pytest.mark.anyio


async def queue(app, user_id, title: str, body: str = "", kind: str = "want_matched") -> None:
    async with app.state.db.write():
        await notify([user_id], kind, title, body, "/annonser/1")


def move_clock(monkeypatch, to: datetime) -> None:
    monkeypatch.setattr(clock, "now", lambda: to)


async def statuses(app) -> dict[str, int]:
    from backend.push.delivery_repository import DeliveryRepository

    async with app.state.db.read():
        return await DeliveryRepository().count_by_status()


class TestDelivery:
    async def test_test_notification_reaches_every_device_decrypted(self, client, ystad, emulator, worker):
        await login(client, ystad.employee_email)
        phone, laptop = await add_device(client, emulator), await add_device(client, emulator)
        response = await client.post("/api/push/test")
        assert response.status_code == 202 and response.json() == {"devices": 2}
        counts = await worker.run_until_idle()
        assert counts["sent"] == 2
        for device in (phone, laptop):
            [payload] = device.payloads()
            assert payload["title"] == "Testnotis från Delbar" and payload["url"] == "/notiser"
            assert payload["tag"] == "test" and payload["icon"].endswith(".png")

    async def test_burst_for_one_user_arrives_in_order(self, app, client, ystad, emulator):
        await login(client, ystad.employee_email)
        device = await add_device(client, emulator)
        for number in range(15):
            await queue(app, ystad.employee, f"Träff {number}")
        worker = PushWorker(app.state.db, CONTACT, WorkerConfig(batch=100, concurrency=20))
        assert (await worker.run_until_idle())["sent"] == 15
        assert [p["title"] for p in device.payloads()] == [f"Träff {n}" for n in range(15)]

    async def test_long_body_is_cut_to_the_payload_bound_and_still_decrypts(self, app, client, ystad, emulator, worker):
        await login(client, ystad.employee_email)
        device = await add_device(client, emulator)
        await queue(app, ystad.employee, "Ä" * 200, body="ö€" * 500)
        await worker.run_until_idle()
        [message] = device.emulator.messages(device.client_hash)
        assert len(message.encode()) <= MAX_PAYLOAD_BYTES
        assert device.payloads()[0]["body"].endswith("…")

    async def test_disabled_kind_reaches_the_list_but_not_the_phone(self, app, client, ystad, emulator, worker):
        await login(client, ystad.employee_email)
        device = await add_device(client, emulator)
        kinds = (await client.get("/api/push/preferences")).json()["kinds"] | {"want_matched": False}
        assert (await client.put("/api/push/preferences", json={"version": 1, "kinds": kinds})).status_code == 200
        await queue(app, ystad.employee, "Stol hittad")
        await queue(app, ystad.employee, "Bokning godkänd", kind="booking_approved")
        await worker.run_until_idle()
        assert [p["title"] for p in device.payloads()] == ["Bokning godkänd"]
        titles = [n["title"] for n in (await client.get("/api/notifications")).json()["items"]]
        assert titles == ["Bokning godkänd", "Stol hittad"]


class TestFailures:
    async def test_expired_subscription_is_removed(self, app, client, ystad, emulator, worker):
        await login(client, ystad.employee_email)
        device = await add_device(client, emulator)
        emulator.expire(device.client_hash)
        await queue(app, ystad.employee, "Stol hittad")
        assert (await worker.run_until_idle())["gone"] == 1
        assert (await client.get("/api/push/subscriptions")).json() == []
        assert len((await client.get("/api/notifications")).json()["items"]) == 1

    async def test_push_service_down_delays_but_loses_nothing(self, app, client, ystad, emulator, gate, worker,
                                                              monkeypatch):
        await login(client, ystad.employee_email)
        device = await add_device(client, emulator, gate)
        await gate.close()
        await queue(app, ystad.employee, "Först")
        await queue(app, ystad.employee, "Sedan")
        assert (await worker.run_until_idle())["retry"] == 1  # the second waits behind the first
        assert (await statuses(app)) == {"pending": 2}
        await gate.open()
        assert await worker.run_until_idle() == {}  # backing off: not due yet
        move_clock(monkeypatch, clock.now() + timedelta(minutes=5))
        assert (await worker.run_until_idle())["sent"] == 2
        assert [p["title"] for p in device.payloads()] == ["Först", "Sedan"]

    async def test_a_crashed_workers_lease_runs_out_and_the_message_goes_out(self, app, client, ystad, emulator,
                                                                               worker, monkeypatch):
        await login(client, ystad.employee_email)
        device = await add_device(client, emulator)
        await queue(app, ystad.employee, "Stol hittad")
        async with app.state.db.write():  # a worker that claimed the row and died before sending
            from backend.push.delivery_repository import DeliveryRepository

            now = clock.now()
            assert len(await DeliveryRepository().claim(now, 10, now + timedelta(seconds=120), skip_locked=False)) == 1
        assert await worker.run_until_idle() == {}
        move_clock(monkeypatch, clock.now() + timedelta(seconds=121))
        assert (await worker.run_until_idle())["sent"] == 1
        assert [p["title"] for p in device.payloads()] == ["Stol hittad"]


class TestQuietHours:
    async def test_push_waits_for_the_end_of_quiet_hours_but_the_list_has_it_at_once(
        self, app, client, ystad, emulator, worker, monkeypatch
    ):
        await login(client, ystad.employee_email)
        device = await add_device(client, emulator)
        kinds = (await client.get("/api/push/preferences")).json()["kinds"]
        body = {"version": 1, "kinds": kinds, "quiet_start": "22:00", "quiet_end": "07:00"}
        assert (await client.put("/api/push/preferences", json=body)).status_code == 200
        night = datetime(2026, 11, 25, 22, 30, tzinfo=UTC)  # 23:30 in Stockholm
        move_clock(monkeypatch, night)
        await queue(app, ystad.employee, "Stol hittad")
        assert await worker.run_until_idle() == {}
        assert len((await client.get("/api/notifications")).json()["items"]) == 1
        move_clock(monkeypatch, datetime(2026, 11, 26, 5, 59, tzinfo=UTC))  # 06:59 local
        assert await worker.run_until_idle() == {}
        move_clock(monkeypatch, datetime(2026, 11, 26, 6, 0, 1, tzinfo=UTC))
        assert (await worker.run_until_idle())["sent"] == 1
        assert device.payloads()[0]["title"] == "Stol hittad"


class TestWorkersSideBySide:
    async def test_two_workers_share_the_queue_and_send_each_message_once(self, app, client, ystad, emulator):
        await login(client, ystad.employee_email)
        devices = [await add_device(client, emulator) for _ in range(6)]
        for number in range(5):
            await queue(app, ystad.employee, f"Träff {number}")
        config = WorkerConfig(batch=4, concurrency=4)
        workers = [PushWorker(app.state.db, CONTACT, config) for _ in range(2)]
        results = await asyncio.gather(*(w.run_until_idle() for w in workers))
        assert sum(r["sent"] for r in results) == 30
        for device in devices:
            assert [p["title"] for p in device.payloads()] == [f"Träff {n}" for n in range(5)]


class TestBrokenDevice:
    async def test_a_device_key_that_cannot_be_used_is_given_up_not_retried_forever(self, app, client, ystad,
                                                                                   emulator, worker):
        from backend.push.tables import PushSubscription

        await login(client, ystad.employee_email)
        await add_device(client, emulator)
        # Stored before validation existed, or damaged since: not a point on the curve.
        broken = {PushSubscription.p256dh: "C" + "A" * 86}
        await PushSubscription.update(broken).where(PushSubscription.id.is_not_null())
        await queue(app, ystad.employee, "Stol hittad")
        assert (await worker.run_until_idle())["refused"] == 1
        assert (await statuses(app)) == {"failed": 1}
