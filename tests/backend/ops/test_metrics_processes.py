"""/metrics of a server with two processes on PostgreSQL, sharing PROMETHEUS_MULTIPROC_DIR."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from tests.databases import KIND, fresh_database

ROOT = Path(__file__).resolve().parents[3]
TOKEN = "two-process-token"
pytestmark = pytest.mark.skipif(KIND != "postgres", reason="several processes need PostgreSQL")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def two_processes(tmp_path: Path):
    shared = tmp_path / "prometheus"
    shared.mkdir()
    port = free_port()
    with fresh_database(tmp_path, "metrics_workers") as url:
        env = {**os.environ, "DATABASE_URL": url, "DELBAR_METRICS_TOKEN": TOKEN,
               "PROMETHEUS_MULTIPROC_DIR": str(shared), "DELBAR_PUSH_WORKER": "0",
               "DELBAR_MAIL_WORKER": "0", "DELBAR_LOG_LEVEL": "WARNING"}
        server = subprocess.Popen([sys.executable, "-m", "backend", "serve", "--workers", "2", "--port", str(port)],
                                  cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            base = f"http://127.0.0.1:{port}"
            deadline = time.monotonic() + 120  # two processes importing the app on a loaded machine
            while True:
                try:
                    if httpx.get(f"{base}/health/live", timeout=2).status_code == 200:
                        break
                except httpx.TransportError:
                    pass
                assert time.monotonic() < deadline and server.poll() is None, "the server did not start"
                time.sleep(0.2)
            yield base, shared
        finally:
            server.terminate()
            server.wait(timeout=30)


def version_requests(text: str) -> float:
    line = next((x for x in text.splitlines()
                 if x.startswith("delbar_http_requests_total{") and 'route="/api/version"' in x), None)
    return float(line.rsplit(" ", 1)[1]) if line else 0.0


class TestTwoProcesses:
    def test_every_scrape_sums_the_counters_of_both_processes(self, two_processes):
        base, shared = two_processes
        for _ in range(30):  # a new connection each: the kernel hands them to either process
            with httpx.Client() as http:
                assert http.get(f"{base}/api/version").status_code == 200
        for _ in range(6):
            with httpx.Client() as http:
                response = http.get(f"{base}/metrics", headers={"Authorization": f"Bearer {TOKEN}"})
            assert response.status_code == 200
            assert version_requests(response.text) == 30
        assert len(list(shared.glob("counter_*.db"))) == 2  # both processes answered and counted
