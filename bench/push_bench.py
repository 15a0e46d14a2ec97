"""Push fan-out: one new listing matching 10,000 wants, delivered to a real push service emulator.

Run: .venv/bin/python bench/push_bench.py [--wants 10000] [--skip-postgres]
Target: ≥ 300 notifications per second from the publish to the last message accepted by the
emulator (npm web-push-testing, which decrypts every message), with peak memory printed.
The path is the real one: ListingService publishes, the catalogue records the want matches and
calls push's notify() in the same transaction, then the push worker sends.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time
from datetime import datetime
from pathlib import Path
from uuid import UUID, uuid4

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import httpx

from backend.db import Database
from backend.migrations import migrate
from backend.piccolo_conf import use_engine
from backend.push.delivery_repository import DeliveryRepository
from backend.push.keys import load_or_create_key
from backend.push.tables import PushSubscription
from backend.push.worker import PushWorker, WorkerConfig
from bench import fan_out

ROOT = Path(__file__).resolve().parent.parent
SERVER_JS = ROOT / "node_modules" / "web-push-testing" / "src" / "bin" / "server.js"
TARGET_RATE = 300
# The emulator is one Node process that burns CPU per message; more requests in flight than this
# only make it thrash on a small machine. Real push services are remote and want more (default 32).
CONCURRENCY = int(os.environ.get("PUSH_BENCH_CONCURRENCY", "4"))


def start_emulator() -> tuple[subprocess.Popen, str]:
    port = fan_out.free_port()
    process = subprocess.Popen(["node", str(SERVER_JS), str(port)], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}"
    for _ in range(200):
        try:
            if httpx.post(url + "/status", timeout=1).status_code == 200:
                return process, url
        except httpx.HTTPError:
            time.sleep(0.1)
    process.kill()
    raise RuntimeError("the push emulator did not start (run npm ci)")


async def subscribe_all(emulator: str, server_key: str, count: int) -> list[dict]:
    """`count` browser subscriptions made at the emulator, as phones would."""
    limit = asyncio.Semaphore(50)
    async with httpx.AsyncClient(timeout=30) as http:
        async def one() -> dict:
            async with limit:
                answer = await http.post(emulator + "/subscribe",
                                         json={"applicationServerKey": server_key, "userVisibleOnly": "true"})
                return answer.json()["data"]

        return await asyncio.gather(*(one() for _ in range(count)))


def phones(subscriptions: list[dict]):
    """Each person's phone, subscribed at the emulator."""
    async def add(users: list[UUID], now: datetime) -> None:
        pairs = list(zip(users, subscriptions, strict=True))
        for chunk in fan_out.chunks(pairs):
            await PushSubscription.insert(*[
                PushSubscription(id=uuid4(), user=u, endpoint=s["endpoint"].replace("localhost", "127.0.0.1"),
                                 p256dh=s["keys"]["p256dh"], auth=s["keys"]["auth"], created_at=now)
                for u, s in chunk])
    return add


async def run(url: str, wants: int, emulator: str, emulator_pid: int) -> dict:
    database = Database.from_url(url)
    use_engine(database.engine)
    await database.start()
    try:
        await migrate(database, quiet=True)
        worker = PushWorker(database, "mailto:bench@delbar.test", WorkerConfig(batch=500, concurrency=CONCURRENCY))
        key = await load_or_create_key(database)
        subscriptions = await subscribe_all(emulator, key.application_server_key, wants)
        actor = await fan_out.fill(database, wants, phones(subscriptions))
        return await fan_out.publish_and_send(database, actor, worker.run_until_idle, emulator_pid,
                                              DeliveryRepository().count_by_status)
    finally:
        await database.stop()


WORDS = fan_out.Words(queue="publish + match + notify()", send="worker: encrypt, POST, record", sent="delivered",
                      rows="deliveries", one="message", peer="emulator",
                      peer_note=" (it verifies VAPID and decrypts each one)")


def report(label: str, figures: dict, wants: int) -> None:
    fan_out.report(f"{label}: one listing matching {wants:,} wants", figures, WORDS, TARGET_RATE)


def main() -> None:
    args = fan_out.arguments()
    if fan_out.once_per_database(__file__, args):
        return
    process, emulator = start_emulator()
    try:
        fan_out.on_database(args, "push", lambda url: run(url, args.wants, emulator, process.pid),
                            lambda label, figures: report(label, figures, args.wants))
    finally:
        process.terminate()
        process.wait(timeout=10)


if __name__ == "__main__":
    main()
