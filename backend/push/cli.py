"""`python -m backend push-worker`: senders as their own processes, for PostgreSQL deployments."""

from __future__ import annotations

import asyncio
import signal

from backend.db import Database
from backend.piccolo_conf import use_engine
from backend.push.worker import PushWorker
from backend.settings import Settings


async def run_worker(settings: Settings, *, once: bool) -> int:
    """Send until SIGTERM/SIGINT (or, with once, until nothing is due); leased rows survive a kill."""
    database = Database.from_url(settings.database_url)
    use_engine(database.engine)
    await database.start()
    try:
        worker = PushWorker(database, settings.push_contact)
        if once:
            counts = await worker.run_until_idle()
            print(", ".join(f"{k}: {v}" for k, v in sorted(counts.items())) or "nothing due")
            return 0
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(signum, stop.set)
        worker.start()
        await stop.wait()
        await worker.stop()
        return 0
    finally:
        await database.stop()
