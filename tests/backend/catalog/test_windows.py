"""A service's bookable times: added, changed and removed with the listing, never a booked one lost."""

from __future__ import annotations

import pytest

from tests.backend.bookings.helpers import today
from tests.backend.catalog.helpers import create, publish
from tests.factories import login

pytestmark = pytest.mark.anyio


def slot(day: int, start: str = "08:00", end: str = "12:00", capacity: int = 2) -> dict:
    """Day `day` from today, Swedish winter time (+01:00) as the app sends it."""
    date = today().toordinal() + day
    iso = type(today()).fromordinal(date).isoformat()
    return {"starts_at": f"{iso}T{start}:00+01:00", "ends_at": f"{iso}T{end}:00+01:00", "capacity": capacity}


async def service(client, ystad, *slots: dict, **fields) -> dict:
    await login(client, ystad.employee_email)
    listing = await create(client, "Snickeritimmar", kind="service", deal="rent", price_ore=45000,
                           rent_period="hour", windows=list(slots), **fields)
    return await publish(client, listing)


class TestWindows:
    async def test_a_service_priced_per_hour_keeps_its_times(self, client, ystad):
        listing = await service(client, ystad, slot(7), slot(14))
        assert listing["rent_period"] == "hour" and len(listing["windows"]) == 2
        assert [w["capacity"] for w in listing["windows"]] == [2, 2]

    async def test_an_edit_keeps_unchanged_times_and_their_ids(self, client, ystad):
        listing = await service(client, ystad, slot(7), slot(14))
        first = listing["windows"][0]["id"]
        changed = await client.patch(f"/api/listings/{listing['id']}", json={
            "version": listing["version"], "windows": [slot(7, capacity=5), slot(21)]})
        assert changed.status_code == 200, changed.text
        windows = changed.json()["windows"]
        assert windows[0]["id"] == first and [w["capacity"] for w in windows] == [5, 2] and len(windows) == 2

    async def test_a_booked_time_cannot_be_removed(self, client, new_client, ystad):
        listing = await service(client, ystad, slot(7), slot(14))
        booker = await new_client()
        await login(booker, ystad.admin_email)
        booked = await booker.post("/api/bookings", json={"listing_id": listing["id"],
                                                          "window_id": listing["windows"][0]["id"]})
        assert booked.status_code == 201, booked.text
        refused = await client.patch(f"/api/listings/{listing['id']}", json={
            "version": listing["version"], "windows": [slot(14)]})
        assert refused.status_code == 409 and refused.json()["error"] == "window_booked"
        after = (await client.get(f"/api/listings/{listing['id']}")).json()
        assert len(after["windows"]) == 2 and after["version"] == listing["version"]
