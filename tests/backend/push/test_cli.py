"""`python -m backend push-worker --once` empties the queue; `push-due` runs the daily job once."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from backend.__main__ import main
from backend.app import REMINDERS
from backend.piccolo_conf import use_engine
from backend.push.cli import run_daily, run_worker
from backend.push.outbox import notify
from tests.backend.push.conftest import ROOT, add_device, book, queued, reminders
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


class TestPushDueCommand:
    async def test_queues_tomorrows_reminders_once_and_cleans_up(self, app, sides, skurup, settings, capsys,
                                                               monkeypatch):
        requester, owner, listing = sides
        await book(requester, owner, listing, 1, 3, "approve")
        await queued(app, monkeypatch, skurup.employee, "Gammal", 200)
        try:
            assert await run_daily(settings, REMINDERS) == 0
            assert await run_daily(settings, REMINDERS) == 0
        finally:
            use_engine(app.state.db.engine)
        first, second = capsys.readouterr().out.splitlines()
        assert first == "notifications_deleted: 1, pickup_due: 1" and second == "nothing to do"
        assert [n["kind"] for n in await reminders()] == ["pickup_due"]

    async def test_python_m_backend_push_due_for_cron(self, sides, settings):
        requester, owner, listing = sides
        await book(requester, owner, listing, 1, 3, "approve")
        env = {**os.environ, "DATABASE_URL": settings.database_url, "DELBAR_PUSH_RETENTION_DAYS": "30"}
        done = subprocess.run([sys.executable, "-m", "backend", "push-due"], cwd=ROOT, env=env, capture_output=True,
                              text=True, timeout=60)
        assert (done.returncode, done.stdout.strip()) == (0, "pickup_due: 1"), done.stderr
        assert [n["kind"] for n in await reminders()] == ["pickup_due"]

    def test_a_retention_below_one_day_stops_the_command(self, settings, monkeypatch):
        monkeypatch.setenv("DATABASE_URL", settings.database_url)
        monkeypatch.setenv("DELBAR_PUSH_RETENTION_DAYS", "0")
        with pytest.raises(ValueError, match="at least 1"):
            main(["push-due"])
