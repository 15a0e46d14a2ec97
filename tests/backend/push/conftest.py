"""The real push service emulator (npm web-push-testing) on a free port, and helpers around it.

Tests reach the emulator through a `Gate`, a TCP forwarder they can close and reopen on the
same port: the emulator keeps its subscriptions in memory, so "the push service is down" is
played by closing the gate, not by stopping the emulator.
"""

from __future__ import annotations

import asyncio
import socket
import subprocess
import time
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlsplit
from uuid import UUID

import httpx
import pytest

from backend import clock
from backend.push.outbox import notify, rendered
from backend.push.tables import Notification, PushDelivery
from backend.push.worker import PushWorker, WorkerConfig
from tests.backend.bookings.helpers import days, make_listing
from tests.factories import login, make_network

ROOT = Path(__file__).resolve().parents[3]
SERVER_JS = ROOT / "node_modules" / "web-push-testing" / "src" / "bin" / "server.js"
CONTACT = "mailto:push-tests@delbar.test"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Emulator:
    """Talks to web-push-testing's own routes (all POST)."""

    def __init__(self, port: int) -> None:
        self.url = f"http://127.0.0.1:{port}"

    def post(self, path: str, json: object | None = None) -> httpx.Response:
        return httpx.post(self.url + path, json=json, timeout=10)

    def subscribe(self, application_server_key: str) -> dict:
        answer = self.post("/subscribe", {"applicationServerKey": application_server_key, "userVisibleOnly": "true"})
        assert answer.status_code == 200, answer.text
        return answer.json()["data"]

    def messages(self, client_hash: str) -> list[str]:
        answer = self.post("/get-notifications", {"clientHash": client_hash})
        assert answer.status_code == 200, answer.text
        return answer.json()["data"]["messages"]

    def expire(self, client_hash: str) -> None:
        assert self.post(f"/expire-subscription/{client_hash}").status_code == 200


@pytest.fixture(scope="session")
def emulator() -> Emulator:
    if not SERVER_JS.exists():
        pytest.fail("web-push-testing is not installed: run `npm ci` (make test does it)")
    port = free_port()
    process = subprocess.Popen(["node", str(SERVER_JS), str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL, cwd=ROOT)
    emulator = Emulator(port)
    deadline = time.monotonic() + 20
    while True:
        try:
            if emulator.post("/status").status_code == 200:
                break
        except httpx.HTTPError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail("the push emulator did not start")
        time.sleep(0.1)
    yield emulator
    process.terminate()
    process.wait(timeout=10)


class Gate:
    """A TCP forwarder to the emulator that can refuse connections (closed) and reopen."""

    def __init__(self, target_port: int) -> None:
        self.target_port, self.port = target_port, free_port()
        self._server: asyncio.Server | None = None
        self._pipes: set[asyncio.Task] = set()

    async def open(self) -> None:
        self._server = await asyncio.start_server(self._connect, "127.0.0.1", self.port)

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None
        for task in list(self._pipes):
            task.cancel()
        await asyncio.gather(*self._pipes, return_exceptions=True)

    async def _connect(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        up_reader, up_writer = await asyncio.open_connection("127.0.0.1", self.target_port)

        async def pipe(source: asyncio.StreamReader, sink: asyncio.StreamWriter) -> None:
            try:
                while data := await source.read(65536):
                    sink.write(data)
                    await sink.drain()
            except (ConnectionError, asyncio.CancelledError):
                pass
            finally:
                sink.close()

        tasks = {asyncio.create_task(pipe(reader, up_writer)), asyncio.create_task(pipe(up_reader, writer))}
        self._pipes |= tasks
        await asyncio.gather(*tasks, return_exceptions=True)
        self._pipes -= tasks


@pytest.fixture
async def gate(emulator: Emulator):
    gate = Gate(int(urlsplit(emulator.url).port))
    await gate.open()
    yield gate
    await gate.close()


class Device:
    """A browser's push subscription made at the emulator and registered with Delbar."""

    def __init__(self, emulator: Emulator, subscription: dict, endpoint: str) -> None:
        self.emulator, self.client_hash, self.endpoint = emulator, subscription["clientHash"], endpoint
        self.keys = subscription["keys"]

    def payloads(self) -> list[dict]:
        import json

        return [json.loads(m) for m in self.emulator.messages(self.client_hash)]


async def add_device(client: httpx.AsyncClient, emulator: Emulator, gate: Gate | None = None) -> Device:
    """Subscribe at the emulator with Delbar's key and tell Delbar, as the PWA does."""
    server_key = (await client.get("/api/push/key")).json()["public_key"]
    subscription = emulator.subscribe(server_key)
    endpoint = subscription["endpoint"]
    if gate is not None:
        endpoint = endpoint.replace(f":{urlsplit(endpoint).port}/", f":{gate.port}/").replace("localhost", "127.0.0.1")
    response = await client.post("/api/push/subscriptions", json={"endpoint": endpoint, "keys": subscription["keys"]})
    assert response.status_code == 201, response.text
    return Device(emulator, subscription, endpoint)


@pytest.fixture
def worker(app) -> PushWorker:
    return PushWorker(app.state.db, CONTACT, WorkerConfig(timeout_seconds=3, backoff_base=30))


# Bookings that come due, for the reminder tests.


async def book(requester, owner, listing: UUID, start: int, end: int | None, *then: str) -> dict:
    """A request from `requester`, then each step taken by the owning unit (`owner`)."""
    body = {"listing_id": str(listing), "start": days(start)} | ({"end": days(end)} if end is not None else {})
    response = await requester.post("/api/bookings", json=body)
    assert response.status_code == 201, response.text
    booking = response.json()
    for action in then:
        answer = await owner.post(f"/api/bookings/{booking['id']}/{action}",
                                  json={"reason": "Behövs inte längre"} if action in ("decline", "cancel") else {})
        assert answer.status_code == 200, answer.text
    return booking


async def reminders() -> list[dict]:
    """Every pickup and return reminder in anyone's list, its text as a Swedish reader sees it."""
    rows = await Notification.select(Notification.user, Notification.kind, Notification.title, Notification.body,
                                     Notification.message, Notification.params, Notification.url,
                                     Notification.tag).where(Notification.kind.is_in(["pickup_due", "return_due"]))
    return [{**row, **dict(zip(("title", "body"), rendered(row, "sv"), strict=True))} for row in rows]


@pytest.fixture
async def sides(client, new_client, ystad, skurup):
    """Ystad lends out a projector (three of them); a Skurup employee borrows."""
    await make_network("Sydkust", ystad.id, skurup.id)
    listing, _ = await make_listing(ystad, title="Projektor", items=3)
    owner = await new_client()
    await login(owner, ystad.employee_email)
    await login(client, skurup.employee_email)
    return client, owner, listing


async def queued(app, monkeypatch, user_id, title: str, age_days: float, status: str | None = None):
    """A notification made `age_days` ago; its deliveries then set to `status`."""
    real_now = clock.now()
    monkeypatch.setattr(clock, "now", lambda: real_now - timedelta(days=age_days))
    try:
        async with app.state.db.write():
            [note] = await notify([user_id], "want_matched", title, "", "/annonser")
    finally:
        monkeypatch.setattr(clock, "now", lambda: real_now)
    if status:
        await PushDelivery.update({PushDelivery.status: status}).where(PushDelivery.notification == note)
    return note
