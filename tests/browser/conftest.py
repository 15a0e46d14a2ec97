"""A real Delbar server (uvicorn, demo data) and Debian's Chromium driven by Playwright."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from aiosmtpd.controller import Controller

from backend.demo.data import DEMO_PASSWORD
from tests.backend.mail.conftest import Inbox
from tests.conftest import TEST_SECRET_KEY
from tests.databases import demo_database

ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("DELBAR_CHROMIUM", "/usr/bin/chromium")
PHONE_TIME_ZONE = "Europe/Stockholm"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-quic", "--no-first-run"]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_until_healthy(url: str, process: subprocess.Popen, timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"server exited with {process.returncode}")
        try:
            if httpx.get(url + "/health", timeout=1).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"server at {url} did not become healthy in {timeout} s")


@pytest.fixture(scope="session")
def live_database(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The URL of the live server's database, loaded with the demo data (with cheap password hashes)."""
    with demo_database(tmp_path_factory.mktemp("browser"), "browser", DEMO_PASSWORD) as url:
        yield url


class ServerProcess:
    """`python -m backend serve` on one port and database; can be killed and started again."""

    def __init__(self, database_url: str, log_path: Path, port: int | None = None) -> None:
        self.env = {**os.environ, "DATABASE_URL": database_url, "DELBAR_LOG_FORMAT": "text"}
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.log = open(log_path, "a")  # noqa: SIM115 - closed in stop()
        self.process: subprocess.Popen | None = None

    def start(self) -> str:
        self.process = subprocess.Popen([sys.executable, "-m", "backend", "serve", "--port", str(self.port)], cwd=ROOT,
                                        env=self.env, stdout=self.log, stderr=subprocess.STDOUT)
        wait_until_healthy(self.base, self.process)
        return self.base

    def kill(self) -> None:
        """SIGKILL, as a crash or a pulled plug: no graceful shutdown, no flushed answers."""
        if self.process and self.process.poll() is None:
            self.process.kill()
            self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        self.log.close()


@pytest.fixture(scope="session")
def smtp_inbox() -> Iterator[Inbox]:
    """A real SMTP server (aiosmtpd) the live server sends its e-mail to; what it received."""
    port = free_port()
    controller = Controller(Inbox(port=port), hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield controller.handler
    finally:
        controller.stop()


@pytest.fixture(scope="session")
def live_server(live_database: str, smtp_inbox: Inbox, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """http://127.0.0.1:<port> of a server started the way the README starts it, sending e-mail to smtp_inbox."""
    server = ServerProcess(live_database, tmp_path_factory.mktemp("logs") / "server.log")
    server.env |= {"DELBAR_SMTP_HOST": "127.0.0.1", "DELBAR_SMTP_PORT": str(smtp_inbox.port),
                   "DELBAR_SMTP_SECURITY": "none", "DELBAR_APP_URL": server.base,
                   "DELBAR_MAIL_FROM": "Delbar <noreply@delbar.test>", "DELBAR_SECRET_KEY": TEST_SECRET_KEY}
    try:
        yield server.start()
    finally:
        server.stop()


@pytest.fixture(scope="session")
def playwright(live_server: str):
    """One Playwright for the session; tests that need a browser with other flags launch it here."""
    # Depends on live_server so the server (and its asyncio set-up) starts before Playwright's loop.
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}; `make test` installs Debian's chromium package")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        yield playwright


def launch_chromium(playwright, args: list[str] = CHROMIUM_ARGS):
    """Debian's Chromium, with a Swedish phone's time zone whatever the machine's.

    The field app's "today" is the phone's calendar day: on a machine in UTC, the hour after
    23:00 would be the day before the one a Swedish driver's phone shows.
    """
    return playwright.chromium.launch(executable_path=CHROMIUM, args=args, env={**os.environ, "TZ": PHONE_TIME_ZONE})


@pytest.fixture(scope="session")
def browser(playwright):
    chromium = launch_chromium(playwright)
    yield chromium
    chromium.close()


@pytest.fixture
def page(live_server, browser):
    """A fresh phone-sized browser context (360 × 740) with Swedish preferred."""
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=live_server)
    page = context.new_page()
    yield page
    context.close()

