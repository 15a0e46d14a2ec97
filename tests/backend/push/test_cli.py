"""`python -m backend push-worker --once`: a separate sender process empties the queue."""

from __future__ import annotations

import pytest

from backend.piccolo_conf import use_engine
from backend.push.cli import run_worker
from backend.push.outbox import notify
from tests.backend.push.conftest import add_device
from tests.factories import login

pytestmark = pytest.mark.anyio


class TestPushWorkerCommand:
    async def test_once_sends_what_is_due_and_exits(self, app, client, settings, ystad, emulator, capsys):
        await login(client, ystad.employee_email)
        device = await add_device(client, emulator)
        async with app.state.db.write():
            await notify([ystad.employee], "job_assigned", "Nytt uppdrag", "Hämta 4 stolar", "/uppdrag/1")
        try:
            assert await run_worker(settings, once=True) == 0
        finally:
            use_engine(app.state.db.engine)  # the command bound the tables to its own engine
        assert "sent: 1" in capsys.readouterr().out
        assert device.payloads()[0]["url"] == "/uppdrag/1"
