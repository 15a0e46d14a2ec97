"""No double booking by construction: 100 conflicting requests over real HTTP, one winner."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator
from datetime import timedelta
from uuid import uuid4

import httpx
import pytest
import uvicorn
from asyncpg.exceptions import ExclusionViolationError

from backend.bookings.tables import Booking, BookingItem
from tests.backend.bookings.helpers import days, today
from tests.browser.conftest import free_port
from tests.databases import KIND
from tests.factories import PASSWORD, make_user

pytestmark = pytest.mark.anyio
REQUESTS, PEOPLE = 100, 10


@pytest.fixture
async def live_url(client, app) -> AsyncIterator[str]:
    """A real uvicorn server on the test's app and database, in the test's own event loop."""
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, lifespan="off", log_level="warning"))
    task = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.02)
    yield f"http://127.0.0.1:{port}"
    server.should_exit = True
    await task


async def signed_in(url: str, email: str) -> httpx.AsyncClient:
    http = httpx.AsyncClient(base_url=url, timeout=60)
    response = await http.post("/api/session", json={"email": email, "password": PASSWORD})
    assert response.status_code == 201, response.text
    http.headers["X-CSRF-Token"] = response.json()["csrf_token"]
    return http


class TestRace:
    async def test_hundred_concurrent_conflicting_requests_have_one_winner(self, live_url, world, skurup):
        emails = [f"person{n}@skurup.test" for n in range(PEOPLE)]
        for email in emails:
            await make_user(skurup.id, skurup.ame_unit, email, "employee")
        clients = [await signed_in(live_url, e) for e in emails]
        body = {"listing_id": str(world.listing), "start": days(3), "end": days(10)}
        try:
            responses = await asyncio.gather(*[
                clients[n % PEOPLE].post("/api/bookings", json={**body, "id": str(uuid4())}) for n in range(REQUESTS)])
        finally:
            for http in clients:
                await http.aclose()
        assert Counter(r.status_code for r in responses) == {201: 1, 409: REQUESTS - 1}
        refusals = [r.json() for r in responses if r.status_code == 409]
        # Other people hear the item is taken; the winner's own further clicks hear they already have it.
        assert {r["error"] for r in refusals} <= {"not_available", "own_overlap"}
        assert all("overlapping period" in r["detail"] for r in refusals)
        assert await Booking.count() == 1 and await BookingItem.count() == 1


class TestDatabaseConstraint:
    @pytest.mark.skipif(KIND != "postgres", reason="the exclusion constraint is PostgreSQL's; SQLite serialises writes")
    async def test_overlapping_holds_are_refused_by_the_database_itself(self, as_requester, world):
        booking = (await as_requester.post("/api/bookings", json={
            "listing_id": str(world.listing), "start": days(3), "end": days(6)})).json()
        with pytest.raises(ExclusionViolationError):
            await BookingItem.insert(BookingItem(booking=booking["id"], item=world.items[0],
                                                 period_start=today() + timedelta(days=5),
                                                 period_end=today() + timedelta(days=9)))
