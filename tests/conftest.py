"""Fixtures shared by every test: the database of the configured kind and the app over it."""

from __future__ import annotations

import asyncio
import os
import shutil
import tempfile
from collections.abc import AsyncIterator, Iterator
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest
from litestar import Litestar

from backend.app import create_app
from backend.piccolo_conf import use_engine
from backend.settings import Settings
from tests.clients import app_client
from tests.databases import KIND, empty_all_tables, forget_the_run, fresh_database, name_the_run
from tests.factories import Tenant, make_tenant

# Encrypts the identity providers' client secrets in the tests (DELBAR_SECRET_KEY in production).
TEST_SECRET_KEY = "delbar-test-secret-key-0123456789"


def pytest_configure(config: pytest.Config) -> None:
    """Photos of this run, and of the servers it starts, go to a directory of its own, not var/."""
    if os.environ.get("PYTEST_XDIST_WORKER") or "DELBAR_PHOTO_DIR" not in os.environ:  # one per worker
        os.environ["DELBAR_PHOTO_DIR"] = tempfile.mkdtemp(prefix="delbar-test-photos-")
    name_the_run()


def pytest_sessionfinish(session: pytest.Session) -> None:
    if not os.environ.get("PYTEST_XDIST_WORKER"):  # the run's first process, after all the others
        forget_the_run()


def pytest_report_header() -> str:
    return f"delbar test database: {KIND}"


@pytest.fixture(scope="session")
def anyio_backend() -> str:
    return "asyncio"


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with fresh_database(tmp_path_factory.mktemp("db"), "suite") as url:
        yield url


@pytest.fixture
def empty_database(database_url: str) -> str:
    asyncio.run(empty_all_tables(database_url))
    return database_url


@pytest.fixture
def settings(empty_database: str) -> Settings:
    return Settings(database_url=empty_database, log_format="text", photo_dir=Path(os.environ["DELBAR_PHOTO_DIR"]),
                    password_hashing="minimal", secret_key=TEST_SECRET_KEY)


@pytest.fixture(scope="session")
def photo_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("photos")


@pytest.fixture
def empty_photo_dir(photo_root: Path) -> Path:
    """A photo directory with nothing in it: the same path in every test, so the same app serves them all."""
    shutil.rmtree(photo_root)
    photo_root.mkdir()
    return photo_root


@pytest.fixture(scope="session")
def built_apps() -> dict[str, Litestar]:
    return {}


@pytest.fixture
def app(settings: Settings, built_apps: dict[str, Litestar]) -> Litestar:
    """The app for these settings, built once per session and reused.

    Building one costs more than most tests (every route's signature is parsed), and an app
    keeps nothing of a test's between requests: sessions, rate-limit counts and every other
    state are rows, emptied before each test; the database is started in each test's loop.
    """
    key = repr(settings)
    if key not in built_apps:
        built_apps[key] = create_app(settings)
    app = built_apps[key]
    use_engine(app.state.db.engine)  # a test may have built another app and bound the tables to it
    return app


@pytest.fixture
async def client(app: Litestar) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(app) as http:
        yield http


@pytest.fixture
async def ystad(client: httpx.AsyncClient) -> Tenant:
    return await make_tenant("Ystad")


@pytest.fixture
async def skurup(client: httpx.AsyncClient) -> Tenant:
    return await make_tenant("Skurup")


@pytest.fixture
async def new_client(client: httpx.AsyncClient, app: Litestar) -> AsyncIterator:
    """Open further browsers on the same running app (its lifespan belongs to `client`)."""
    async with AsyncExitStack() as stack:

        async def open_client() -> httpx.AsyncClient:
            transport = httpx.ASGITransport(app=app)
            return await stack.enter_async_context(httpx.AsyncClient(transport=transport, base_url="http://testserver.local"))

        yield open_client
