"""Two app processes on one PostgreSQL database, and the e-mail sender as a third: a booking race
across the two still has one winner, each background job's slot runs in one of them, and mail
queued by either is sent by the sender process alone."""

from __future__ import annotations

import subprocess
import sys
import threading
from collections import Counter
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date, datetime, timedelta
from uuid import uuid4

import httpx
import pytest
from aiosmtpd.controller import Controller

from backend.demo.data import DEMO_PASSWORD
from backend.vocabulary import STOCKHOLM
from tests.backend.mail.conftest import Inbox
from tests.browser.conftest import ROOT, ServerProcess, free_port, wait_until_healthy
from tests.conftest import TEST_SECRET_KEY
from tests.databases import KIND, demo_database

pytestmark = pytest.mark.skipif(KIND != "postgres", reason="several processes need PostgreSQL")
REQUESTERS = ("medarbetare@skurup.exempel.se", "medarbetare@trelleborg.exempel.se", "samordnare@skurup.exempel.se",
              "medarbetare@ystad.exempel.se")
REQUESTS = 40


@pytest.fixture(scope="module")
def smtp() -> Iterator[Inbox]:
    port = free_port()
    controller = Controller(Inbox(port=port), hostname="127.0.0.1", port=port)
    controller.start()
    yield controller.handler
    controller.stop()


@pytest.fixture(scope="module")
def processes(tmp_path_factory, smtp) -> Iterator[tuple[list[str], str]]:
    """Two `serve` processes started at the same moment (their timers wake together), sending no
    e-mail, and one `mail-worker`; their URLs and the database URL."""
    logs = tmp_path_factory.mktemp("two-processes")
    with demo_database(logs, "two_processes", DEMO_PASSWORD) as url:
        mail = {"DELBAR_SMTP_HOST": "127.0.0.1", "DELBAR_SMTP_PORT": str(smtp.port), "DELBAR_SMTP_SECURITY": "none",
                "DELBAR_MAIL_FROM": "Delbar <noreply@delbar.test>", "DELBAR_SECRET_KEY": TEST_SECRET_KEY}
        servers = [ServerProcess(url, logs / f"server-{n}.log") for n in (1, 2)]
        for server in servers:
            server.env |= mail | {"DELBAR_MAIL_WORKER": "0", "DELBAR_APP_URL": server.base}
        starting = [threading.Thread(target=server.start) for server in servers]
        for thread in starting:
            thread.start()
        for thread in starting:
            thread.join()
        sender_log = open(logs / "mail-worker.log", "w")  # noqa: SIM115 - closed below
        sender = subprocess.Popen([sys.executable, "-m", "backend", "mail-worker"], cwd=ROOT,
                                  env=servers[0].env | {"DELBAR_APP_URL": servers[0].base},
                                  stdout=sender_log, stderr=subprocess.STDOUT)
        try:
            for server in servers:
                wait_until_healthy(server.base, server.process)
            yield [server.base for server in servers], url
        finally:
            sender.terminate()
            sender.wait(timeout=30)
            sender_log.close()
            for server in servers:
                server.stop()


def signed_in(base: str, email: str) -> httpx.Client:
    client = httpx.Client(base_url=base, timeout=60, limits=httpx.Limits(keepalive_expiry=1))
    answer = client.post("/api/session", json={"email": email, "password": DEMO_PASSWORD})
    assert answer.status_code == 201, answer.text
    client.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
    return client


class TestTwoProcesses:
    def test_a_booking_race_across_both_processes_has_one_winner(self, processes):
        (first, second), _ = processes
        owner = signed_in(first, "samordnare@ystad.exempel.se")
        listing = owner.post("/api/listings", json={"kind": "furniture", "deal": "lend", "title": "Talarstol",
                                                    "quantity": 1, "visibility": "network", "publish": True})
        assert listing.status_code == 201, listing.text
        clients = [signed_in(base, email) for base in (first, second) for email in REQUESTERS]
        start = date.today() + timedelta(days=20)
        body = {"listing_id": listing.json()["id"], "start": start.isoformat(),
                "end": (start + timedelta(days=3)).isoformat()}
        try:
            with ThreadPoolExecutor(max_workers=16) as pool:
                answers = list(pool.map(lambda n: clients[n % len(clients)].post(
                    "/api/bookings", json={**body, "id": str(uuid4())}), range(REQUESTS)))
        finally:
            for client in [*clients, owner]:
                client.close()
        assert Counter(a.status_code for a in answers) == {201: 1, 409: REQUESTS - 1}, \
            [a.text for a in answers if a.status_code not in (201, 409)]

    def test_each_daily_job_ran_in_one_process_only(self, processes):
        """Both processes woke at start for today's clean-up and this minute's reminders look."""
        _, url = processes
        rows = psql(url, "SELECT job, slot, process FROM job_run WHERE job LIKE 'push-%' ORDER BY job")
        jobs = Counter((job, slot) for job, slot, _ in rows)
        # The daily slot is Stockholm's day: between 23:00 and midnight UTC that is already tomorrow.
        assert ("push-retention", datetime.now(STOCKHOLM).date().isoformat()) in jobs
        assert all(count == 1 for count in jobs.values()), jobs

    def test_mail_queued_by_either_process_is_sent_by_the_sender_process_once(self, processes, smtp):
        bases, _ = processes
        address = "medarbetare@trelleborg.exempel.se"
        before = len(smtp.to(address))
        for base in bases:
            with httpx.Client(base_url=base) as http:
                assert http.post("/api/password-links", json={"email": address}).status_code == 202
        assert len(smtp.wait_for(address, count=before + 2)) == before + 2


def psql(url: str, query: str) -> list[tuple[str, ...]]:
    out = subprocess.run(["psql", url, "-At", "-F", "\t", "-c", query], check=True, capture_output=True, text=True)
    return [tuple(line.split("\t")) for line in out.stdout.splitlines() if line]
