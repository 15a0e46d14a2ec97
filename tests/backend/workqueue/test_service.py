"""The work queue: what waits on the coordinator, per section, only from their own municipality."""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID, uuid4

import pytest

from backend import clock
from backend.catalog.tables import Item, Listing
from backend.tracking.tables import ScanEvent
from tests.backend.bookings.helpers import days, make_listing
from tests.factories import login, make_code, make_item, make_location, make_network, make_user

pytestmark = pytest.mark.anyio


async def _listing(tenant, title: str, status: str, age_days: int = 0, kind: str = "furniture"):
    at = clock.now() - timedelta(days=age_days)
    row_id = uuid4()
    await Listing.insert(Listing(id=row_id, municipality=tenant.id, owner_unit=tenant.admin_unit, kind=kind,
                                 deal="give", title=title, status=status, created_at=at, updated_at=at))
    return row_id


async def _queue(client, tenant, role="coordinator", **params):
    await make_user(tenant.id, tenant.ame_unit, f"{role}@{tenant.id.hex[:6]}.test", role)
    await login(client, f"{role}@{tenant.id.hex[:6]}.test")
    return await client.get("/api/workqueue", params=params)


def _section(body, key):
    return next(s for s in body if s["key"] == key)


class TestWorkQueue:
    async def test_a_draft_needs_checking_and_a_published_chair_needs_a_photo(self, client, ystad):
        draft = await _listing(ystad, "Skrivbord från skolan", "draft")
        bare = await _listing(ystad, "Kontorsstol", "published")
        rows = _section((await _queue(client, ystad)).json(), "listings")["rows"]
        assert {(r["id"], r["detail"], r["link"]) for r in rows} == {
            (str(draft), "draft", f"/annons/{draft}"), (str(bare), "no_photo", f"/annons/{bare}")}

    async def test_a_listing_untouched_for_longer_than_the_limit_is_stale(self, client, ystad):
        old = await _listing(ystad, "Soffa", "published", age_days=90)
        await _listing(ystad, "Bord", "published", age_days=10)
        stale = _section((await _queue(client, ystad, stale_days=30)).json(), "stale")
        assert [r["id"] for r in stale["rows"]] == [str(old)] and stale["count"] == 1

    async def test_items_in_storage_are_listed_oldest_first(self, client, ystad):
        first = await make_item(ystad.id, ystad.ame_unit, "Hurts", state="in_storage")
        second = await make_item(ystad.id, ystad.ame_unit, "Skåp", state="in_storage")
        await make_item(ystad.id, ystad.ame_unit, "Stol", state="delivered")
        rows = _section((await _queue(client, ystad)).json(), "storage")["rows"]
        assert [r["id"] for r in rows] == [str(first), str(second)]

    async def test_another_municipalitys_work_is_not_shown(self, client, ystad, skurup):
        await _listing(skurup, "Skurups stol", "draft")
        body = (await _queue(client, ystad)).json()
        assert all(s["count"] == 0 for s in body)

    @pytest.mark.parametrize("role", ["employee", "reporter", "driver"])
    async def test_only_coordinators_and_admins_see_the_queue(self, client, ystad, role):
        assert (await _queue(client, ystad, role)).status_code == 403

    async def test_every_section_is_present_even_when_empty(self, client, ystad):
        body = (await _queue(client, ystad)).json()
        assert [s["key"] for s in body] == ["pickups", "missing", "repairs", "bookings", "listings", "labels",
                                             "stale", "transport", "storage", "scans", "clocks"]


class TestRepairs:
    async def test_items_waiting_for_repair_are_grouped_by_what_they_need(self, client, ystad):
        items = [await make_item(ystad.id, ystad.ame_unit, "Kontorsstol") for _ in range(3)]
        await make_user(ystad.id, ystad.ame_unit, "lager@ystad.test", "warehouse")
        await login(client, "lager@ystad.test")
        for item, needs in zip(items, ["Ny klädsel", "Ny klädsel", "Trasig gasfjäder"], strict=True):
            sent = await client.post("/api/repairs", json={"id": str(uuid4()), "item_id": str(item), "needs": needs})
            assert sent.status_code == 201, sent.text
        rows = _section((await _queue(client, ystad)).json(), "repairs")["rows"]
        assert [(r["title"], r["detail"], r["quantity"], r["link"]) for r in rows] == [
            ("Kontorsstol", "Ny klädsel", 2, "/reparationer"), ("Kontorsstol", "Trasig gasfjäder", 1, "/reparationer")]


class TestRejectedScans:
    async def test_a_rejected_scan_from_the_field_is_listed_with_its_reason(self, client, ystad):
        await ScanEvent.insert(ScanEvent(id=uuid4(), municipality=ystad.id, code_text="AB12CD3X", action="deliver",
                                         device_time=clock.now(), server_time=clock.now(), outcome="rejected",
                                         reason="not_in_transit"))
        rows = _section((await _queue(client, ystad)).json(), "scans")["rows"]
        assert [(r["title"], r["detail"]) for r in rows] == [("AB12CD3X", "not_in_transit")]


class TestStorageAfterScans:
    async def test_an_item_scanned_into_storage_is_listed_by_its_scan_time(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit, "Hurts", state="registered")
        code, shelf = await make_code(ystad.id, item=item), await make_location(ystad.id, "Hylla A1", kind="site")
        shelf_code = await make_code(ystad.id, location=shelf)
        waiting = await make_item(ystad.id, ystad.ame_unit, "Skåp", state="in_storage")
        await make_user(ystad.id, ystad.ame_unit, "lager@ystad.test", "warehouse", "coordinator")
        await login(client, "lager@ystad.test")
        scan = {"id": str(uuid4()), "code": code, "action": "intake", "location_code": shelf_code,
                "device_time": clock.now().isoformat()}
        assert (await client.post("/api/scans", json=scan)).json()["status"] == "applied"
        response = await client.get("/api/workqueue")
        assert response.status_code == 200, response.text
        rows = _section(response.json(), "storage")["rows"]
        assert [r["id"] for r in rows] == [str(waiting), str(item)]


class TestWrongClocks:
    async def test_a_phone_hours_ahead_is_listed_once_per_person_with_its_latest_skew(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit, "Hurts", state="registered")
        code = await make_code(ystad.id, item=item)
        driver = await make_user(ystad.id, ystad.ame_unit, "forare@ystad.test", "driver", "coordinator")
        await login(client, "forare@ystad.test")
        ahead = (clock.now() + timedelta(hours=2)).isoformat()
        scans = [{"id": str(uuid4()), "code": code, "action": "audit", "device_time": ahead} for _ in range(3)]
        assert (await client.post("/api/scans/batch", json={"events": scans})).status_code == 200
        rows = _section((await client.get("/api/workqueue")).json(), "clocks")["rows"]
        assert [(r["id"], r["title"], r["link"]) for r in rows] == [(str(driver), "Forare", f"/sak/{item}")]
        assert abs(rows[0]["clock_skew_s"] - 7200) <= 10

    async def test_a_clock_a_minute_off_is_not_listed(self, client, ystad):
        item = await make_item(ystad.id, ystad.ame_unit, "Hurts", state="registered")
        code = await make_code(ystad.id, item=item)
        await make_user(ystad.id, ystad.ame_unit, "forare@ystad.test", "driver", "coordinator")
        await login(client, "forare@ystad.test")
        scan = {"id": str(uuid4()), "code": code, "action": "audit", "device_time": clock.now().isoformat(),
                "clock_skew_ms": 60_000}
        assert (await client.post("/api/scans", json=scan)).status_code == 201
        assert _section((await client.get("/api/workqueue")).json(), "clocks")["rows"] == []


class TestGrouping:
    async def test_identical_rows_show_once_with_their_count_and_every_id(self, client, ystad):
        bikes = [await _listing(ystad, "Cyklar till lägerskola, röd", "published", age_days=90 - n) for n in range(6)]
        other = await _listing(ystad, "Soffa", "published", age_days=80)
        rows = _section((await _queue(client, ystad, stale_days=30)).json(), "stale")["rows"]
        assert [(r["title"], r["quantity"]) for r in rows] == [("Cyklar till lägerskola, röd", 6), ("Soffa", 1)]
        assert rows[0]["ids"] == [str(b) for b in bikes] and rows[1]["ids"] == [str(other)]


class TestBulkRefresh:
    async def test_a_coordinator_refreshes_stale_listings_and_they_leave_the_list(self, client, ystad):
        ids = [str(await _listing(ystad, "Soffa", "published", age_days=90)) for _ in range(2)]
        await _queue(client, ystad)
        response = await client.post("/api/listings/refresh", json={"ids": ids})
        assert response.status_code == 200 and response.json() == {"done": 2, "ids": ids}
        assert _section((await client.get("/api/workqueue", params={"stale_days": 30})).json(), "stale")["rows"] == []

    async def test_a_draft_among_them_stops_them_all(self, client, ystad):
        stale = await _listing(ystad, "Soffa", "published", age_days=90)
        draft = await _listing(ystad, "Bord", "draft", age_days=90)
        await _queue(client, ystad)
        response = await client.post("/api/listings/refresh", json={"ids": [str(stale), str(draft)]})
        assert response.status_code == 409 and str(draft) in response.json()["detail"]
        assert _section((await client.get("/api/workqueue", params={"stale_days": 30})).json(), "stale")["count"] == 1

    async def test_another_municipalitys_listing_is_a_404_and_nothing_changes(self, client, ystad, skurup):
        mine = await _listing(ystad, "Soffa", "published", age_days=90)
        theirs = await _listing(skurup, "Skurups soffa", "published", age_days=90)
        await _queue(client, ystad)
        response = await client.post("/api/listings/refresh", json={"ids": [str(mine), str(theirs)]})
        assert response.status_code == 404 and str(theirs) in response.json()["detail"]
        assert _section((await client.get("/api/workqueue", params={"stale_days": 30})).json(), "stale")["count"] == 1

    async def test_an_employee_cannot_refresh_in_bulk(self, client, ystad):
        stale = await _listing(ystad, "Soffa", "published", age_days=90)
        await _queue(client, ystad, role="employee")
        assert (await client.post("/api/listings/refresh", json={"ids": [str(stale)]})).status_code == 403


class TestReservedButMissing:
    """A stocktake finds an item missing that a borrower has an approved booking for: the coordinator
    is the one who can find it, swap it or tell the borrower, so the work queue lists the booking."""

    async def _approved(self, new_client, ystad, skurup, title: str) -> tuple[dict, UUID]:
        await make_network("Sydkust", ystad.id, skurup.id)
        shelf = await make_location(ystad.id, "Hylla A-1", "shelf")
        listing, (item,) = await make_listing(ystad, title=title)
        await Item.update({Item.location: shelf}).where(Item.id == item)
        requester, owner = await new_client(), await new_client()
        await login(requester, skurup.employee_email)
        booking = await requester.post("/api/bookings", json={"listing_id": str(listing), "start": days(3),
                                                              "end": days(6)})
        assert booking.status_code == 201, booking.text
        await login(owner, ystad.employee_email)
        approved = await owner.post(f"/api/bookings/{booking.json()['id']}/approve", json={})
        assert approved.status_code == 200, approved.text
        return approved.json(), shelf

    async def _count_nothing(self, new_client, ystad, shelf: UUID) -> None:
        """A stocktake of the shelf, applied with nothing counted: the item is flagged missing."""
        counter = await new_client()
        await make_user(ystad.id, ystad.ame_unit, "lager@ystad.test", "warehouse")
        await login(counter, "lager@ystad.test")
        stocktake = await counter.post("/api/stocktakes", json={"id": str(uuid4()), "location_id": str(shelf)})
        assert stocktake.status_code == 201, stocktake.text
        applied = await counter.post(f"/api/stocktakes/{stocktake.json()['id']}/apply", json={})
        assert applied.status_code == 200 and applied.json()["missing_count"] == 1, applied.text

    async def test_an_approved_booking_of_an_item_found_missing_is_listed_with_its_first_day(
            self, client, new_client, ystad, skurup):
        booking, shelf = await self._approved(new_client, ystad, skurup, "Projektor Epson")
        assert _section((await _queue(client, ystad)).json(), "missing")["count"] == 0
        await self._count_nothing(new_client, ystad, shelf)
        section = _section((await client.get("/api/workqueue")).json(), "missing")
        assert [(r["id"], r["title"], r["link"]) for r in section["rows"]] == [
            (booking["id"], "Projektor Epson", f"/bokningar/{booking['id']}")]
        assert section["rows"][0]["since"].startswith(days(3)) and section["rows"][0]["detail"]

    async def test_the_booking_leaves_the_list_once_the_item_is_found(self, client, new_client, ystad, skurup):
        booking, shelf = await self._approved(new_client, ystad, skurup, "Projektor Epson")
        await self._count_nothing(new_client, ystad, shelf)
        await Item.update({Item.state: "in_storage"}).where(Item.listing == UUID(booking["listing"]["id"]))
        assert _section((await _queue(client, ystad)).json(), "missing")["count"] == 0

    async def test_the_other_municipality_does_not_see_it(self, client, new_client, ystad, skurup):
        _, shelf = await self._approved(new_client, ystad, skurup, "Projektor Epson")
        await self._count_nothing(new_client, ystad, shelf)
        assert _section((await _queue(client, skurup)).json(), "missing")["count"] == 0
