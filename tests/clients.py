"""HTTP clients on the real app."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
from litestar import Litestar


@asynccontextmanager
async def app_client(app: Litestar, base_url: str = "http://testserver.local") -> AsyncIterator[httpx.AsyncClient]:
    """An HTTP client on the app, with its database started in the test's own event loop.

    Litestar's AsyncTestClient runs the lifespan in a separate thread and loop, which would
    bind PostgreSQL's connection pool to a loop the test cannot use; the lifespan only starts
    the database, so the fixture does that here (browser tests exercise the real lifespan).
    """
    database = app.state.db
    await database.start()
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base_url) as http:
            yield http
    finally:
        await database.stop()
