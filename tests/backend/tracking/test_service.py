"""The scan log over HTTP: one event, batches, idempotency, refusals, tenancy, history."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import pytest

from backend.catalog.tables import Item
from backend.tracking.device_clock import MAX_SKEW_MS
from labels import new_code
from tests.backend.codes.test_service import mistyped, warehouse
from tests.factories import login, make_code, make_item, make_location

pytestmark = pytest.mark.anyio


@dataclass
class Yard:
    item: UUID
    code: str
    shelf: UUID
    shelf_code: str
    van: UUID
    van_code: str


async def make_yard(tenant, state: str = "registered") -> Yard:
    item = await make_item(tenant.id, tenant.ame_unit, "Kontorsstol", state=state)
    shelf = await make_location(tenant.id, "Hylla A1", kind="site")
    van = await make_location(tenant.id, "Bil 1", kind="vehicle")
    return Yard(item, await make_code(tenant.id, item=item), shelf, await make_code(tenant.id, location=shelf), van,
                await make_code(tenant.id, location=van))


def event(code: str, action: str, **extra) -> dict:
    return {"id": str(uuid4()), "code": code, "action": action,
            "device_time": datetime.now(UTC).isoformat(), **extra}


async def item_row(item_id: UUID) -> dict:
    return await Item.select(Item.state, Item.location, Item.version).where(Item.id == item_id).first()


@pytest.fixture
async def yard(client, ystad) -> Yard:
    await warehouse(client, ystad)
    return await make_yard(ystad)


class TestSingleScan:
    async def test_applied_scan_is_201_and_moves_the_item(self, client, yard):
        response = await client.post("/api/scans", json=event(yard.code, "intake", location_code=yard.shelf_code))
        body = response.json()
        assert response.status_code == 201 and body["status"] == "applied" and body["reason"] is None
        assert body["item"] == {"id": str(yard.item), "title": "Kontorsstol", "state": "in_storage",
                                "location_id": str(yard.shelf), "location_name": "Hylla A1"}
        assert (await item_row(yard.item))["state"] == "in_storage"

    async def test_same_event_again_is_200_duplicate_with_one_effect(self, client, yard):
        scan = event(yard.code, "intake")
        await client.post("/api/scans", json=scan)
        again = await client.post("/api/scans", json=scan)
        assert again.status_code == 200 and again.json()["status"] == "duplicate"
        assert (await item_row(yard.item))["version"] == 2

    async def test_invalid_transition_is_422_stored_and_changes_nothing(self, client, yard):
        response = await client.post("/api/scans", json=event(yard.code, "deliver"))
        assert response.status_code == 422 and response.json()["reason"] == "invalid_transition"
        assert response.json()["message"] and response.json()["item"]["state"] == "registered"
        assert (await item_row(yard.item))["version"] == 1
        history = (await client.get(f"/api/items/{yard.item}/history")).json()
        assert [(h["action"], h["outcome"], h["reason"]) for h in history] == [
            ("deliver", "rejected", "invalid_transition")]

    async def test_full_payload_is_accepted_as_the_code(self, client, yard):
        response = await client.post("/api/scans", json=event(f"https://delbar.se/q/{yard.code}", "intake"))
        assert response.json()["status"] == "applied"

    async def test_employee_cannot_scan(self, client, ystad, yard):
        await login(client, ystad.employee_email)
        assert (await client.post("/api/scans", json=event(yard.code, "intake"))).status_code == 403

    async def test_naive_device_time_is_a_400(self, client, yard):
        scan = event(yard.code, "intake", device_time="2026-11-25T10:00:00")
        assert (await client.post("/api/scans", json=scan)).status_code == 400


class TestRefusals:
    @pytest.mark.parametrize(("text", "reason"), [
        ("ABC", "code_malformed"), ("https://example.com/x", "code_not_ours"), (None, "code_mistyped"),
        ("UNKNOWN", "code_unknown"),
    ])
    async def test_bad_code_text_is_rejected_per_event(self, client, yard, text, reason):
        text = {None: mistyped(yard.code), "UNKNOWN": new_code()}.get(text, text)
        response = await client.post("/api/scans", json=event(text, "intake"))
        assert response.status_code == 422 and response.json()["reason"] == reason

    async def test_another_municipalitys_code_is_unknown(self, client, skurup, yard):
        theirs = await make_yard(skurup)
        response = await client.post("/api/scans", json=event(theirs.code, "intake"))
        assert response.json()["reason"] == "code_unknown" and (await item_row(theirs.item))["version"] == 1

    async def test_unlinked_code_must_be_linked_first(self, client, ystad, yard):
        response = await client.post("/api/scans", json=event(await make_code(ystad.id), "intake"))
        assert response.json()["reason"] == "code_unlinked"

    async def test_location_code_as_the_item_is_refused(self, client, yard):
        response = await client.post("/api/scans", json=event(yard.shelf_code, "audit"))
        assert response.json()["reason"] == "code_not_item"

    async def test_an_item_code_as_the_place_is_refused(self, client, ystad, yard):
        other = await make_code(ystad.id, item=await make_item(ystad.id, ystad.ame_unit))
        response = await client.post("/api/scans", json=event(yard.code, "store", location_code=other))
        assert response.json()["reason"] == "location_unknown"

    async def test_unknown_action_is_rejected_per_event(self, client, yard):
        assert (await client.post("/api/scans", json=event(yard.code, "teleport"))).json()["reason"] == "unknown_action"

    async def test_event_id_of_another_municipality_is_not_reused(self, client, new_client, skurup, yard):
        other = await new_client()
        await warehouse(other, skurup)
        theirs = await make_yard(skurup)
        scan = event(theirs.code, "intake")
        await other.post("/api/scans", json=scan)
        response = await client.post("/api/scans", json={**scan, "code": yard.code})
        assert response.json()["reason"] == "id_in_use" and (await item_row(yard.item))["version"] == 1


class TestItemPosition:
    async def test_item_page_head_shows_state_place_and_code(self, client, yard):
        await client.post("/api/scans", json=event(yard.code, "intake", location_code=yard.shelf_code))
        body = (await client.get(f"/api/items/{yard.item}/tracking")).json()
        assert body == {"id": str(yard.item), "title": "Kontorsstol", "state": "in_storage",
                        "location_id": str(yard.shelf), "location_name": "Hylla A1", "code": yard.code,
                        "listing_id": None}

    async def test_another_municipalitys_item_is_not_found(self, client, skurup, yard):
        theirs = await make_yard(skurup)
        assert (await client.get(f"/api/items/{theirs.item}/tracking")).status_code == 404

    async def test_unlabelled_items_are_those_without_a_label_in_use(self, client, ystad, skurup, yard):
        bare = await make_item(ystad.id, ystad.ame_unit, "Soffa")
        await make_item(skurup.id, skurup.ame_unit, "Deras soffa")
        assert [i["id"] for i in (await client.get("/api/items/unlabelled")).json()] == [str(bare)]



async def unlabelled(client, **params) -> list[str]:
    return [i["title"] for i in (await client.get("/api/items/unlabelled", params=params)).json()]


class TestUnlabelledItemSearch:
    """The warehouse finds the item a fresh label is stuck on by words, not by scrolling every item."""

    async def test_words_match_title_or_place_in_any_case(self, client, ystad, yard):
        store = await make_location(ystad.id, "Lager Östra", kind="site")
        shelf = await make_location(ystad.id, "Hylla B2", parent=store)
        await make_item(ystad.id, ystad.ame_unit, "Skrivbord", location=shelf)
        await make_item(ystad.id, ystad.ame_unit, "Skrivbord")
        await make_item(ystad.id, ystad.ame_unit, "Soffa")
        assert await unlabelled(client, q="SKRIV östra") == ["Skrivbord"]
        assert sorted(await unlabelled(client, q="skrivbord")) == ["Skrivbord", "Skrivbord"]
        assert await unlabelled(client, q="hylla b2") == ["Skrivbord"]

    async def test_swedish_letters_match_either_case(self, client, ystad, yard):
        await make_item(ystad.id, ystad.ame_unit, "KÖKSBÄNK ÅTTA")
        await make_item(ystad.id, ystad.ame_unit, "Fåtölj")
        assert await unlabelled(client, q="köksbänk åtta") == ["KÖKSBÄNK ÅTTA"]
        assert await unlabelled(client, q="FÅTÖLJ") == ["Fåtölj"]

    async def test_each_row_names_its_place(self, client, ystad, yard):
        store = await make_location(ystad.id, "Lager Norra", kind="site")
        shelf = await make_location(ystad.id, "Hylla A3", parent=store)
        item = await make_item(ystad.id, ystad.ame_unit, "Pall", location=shelf)
        (row,) = (await client.get("/api/items/unlabelled", params={"q": "pall"})).json()
        assert row["id"] == str(item) and row["location_id"] == str(shelf)
        assert (row["location_name"], row["location_parent_name"]) == ("Hylla A3", "Lager Norra")

    async def test_like_wildcards_are_plain_letters(self, client, ystad, yard):
        await make_item(ystad.id, ystad.ame_unit, "Bord 100%")
        await make_item(ystad.id, ystad.ame_unit, "Bord 1000")
        assert await unlabelled(client, q="100%") == ["Bord 100%"]
        assert await unlabelled(client, q="_") == []

    async def test_results_come_in_pages(self, client, ystad, yard):
        for n in range(5):
            await make_item(ystad.id, ystad.ame_unit, f"Stol {n}")
        first = await unlabelled(client, q="stol", limit=3)
        second = await unlabelled(client, q="stol", limit=3, offset=3)
        assert len(first) == 3 and len(second) == 2 and not set(first) & set(second)

    async def test_another_municipalitys_items_are_never_found(self, client, ystad, skurup, yard):
        their_shelf = await make_location(skurup.id, "Hylla Skurup")
        await make_item(skurup.id, skurup.ame_unit, "Deras soffa", location=their_shelf)
        assert await unlabelled(client, q="soffa") == []
        assert await unlabelled(client, q="skurup") == []

    async def test_an_oversized_search_is_refused_with_a_reason(self, client, yard):
        response = await client.get("/api/items/unlabelled", params={"q": "x" * 81})
        assert response.status_code == 400 and "q" in response.json()["detail"]

    async def test_a_page_beyond_the_bound_is_refused(self, client, yard):
        assert (await client.get("/api/items/unlabelled", params={"limit": 51})).status_code == 400


class TestLinkingBesideAKnownItem:
    """Identical new chairs on a shelf: scanning the label of something already known beside them (or
    the shelf's own label) narrows the list to that place."""

    async def test_a_known_items_label_shows_what_stands_at_its_place(self, client, ystad, yard):
        shelf = await make_location(ystad.id, "Hylla C4")
        known = await make_item(ystad.id, ystad.ame_unit, "Kontorsstol", location=shelf)
        beside = await make_item(ystad.id, ystad.ame_unit, "Kontorsstol", location=shelf)
        await make_item(ystad.id, ystad.ame_unit, "Kontorsstol")  # the same chair elsewhere
        label = await make_code(ystad.id, item=known)
        rows = (await client.get("/api/items/unlabelled", params={"near": label.lower()})).json()
        assert [r["id"] for r in rows] == [str(beside)]
        shelf_label = await make_code(ystad.id, location=shelf)
        rows = (await client.get("/api/items/unlabelled", params={"near": shelf_label, "q": "stol"})).json()
        assert [r["id"] for r in rows] == [str(beside)]

    async def test_an_item_with_no_place_says_to_scan_a_shelf(self, client, ystad, yard):
        response = await client.get("/api/items/unlabelled", params={"near": yard.code})
        assert response.status_code == 400 and response.json()["error"] == "near_no_place"

    async def test_unknown_unlinked_and_foreign_labels_are_not_found(self, client, ystad, skurup, yard):
        theirs = await make_yard(skurup)
        for label in (theirs.code, theirs.shelf_code, await make_code(ystad.id)):
            response = await client.get("/api/items/unlabelled", params={"near": label})
            assert response.status_code == 404, label

    async def test_a_mistyped_label_is_refused_with_its_reason(self, client, yard):
        wrong = yard.code[:-1] + ("1" if yard.code[-1] == "0" else "0")  # the check character is off
        response = await client.get("/api/items/unlabelled", params={"near": wrong})
        assert response.status_code == 400 and response.json()["error"] == "code_mistyped", response.text
        assert (await client.get("/api/items/unlabelled", params={"near": "x" * 65})).status_code == 400

def ago(**delta) -> str:
    return (datetime.now(UTC) - timedelta(**delta)).isoformat()


class TestDeviceClock:
    """The phone's clock orders its own events; it never refuses one (DESIGN.md, server time orders everything)."""

    async def history_times(self, client, item) -> list[tuple]:
        history = (await client.get(f"/api/items/{item}/history")).json()
        return [(h["action"], h["outcome"], h["time_source"], h["clock_skew_s"],
                 datetime.fromisoformat(h["event_time"]), datetime.fromisoformat(h["server_time"]))
                for h in reversed(history)]

    async def test_clock_hours_ahead_is_applied_with_the_servers_time(self, client, yard):
        scans = [event(yard.code, "intake", location_code=yard.shelf_code, device_time=ago(hours=-2)),
                 event(yard.code, "pickup", location_code=yard.van_code, device_time=ago(hours=-2, seconds=-5))]
        results = (await client.post("/api/scans/batch", json={"events": scans})).json()["results"]
        assert [r["status"] for r in results] == ["applied", "applied"]
        times = await self.history_times(client, yard.item)
        assert [t[:3] for t in times] == [("intake", "applied", "server"), ("pickup", "applied", "server")]
        assert all(abs(t[3] - 7200) <= 10 and t[4] == t[5] for t in times), "skew recorded, server time taken"

    async def test_reported_skew_corrects_the_device_time(self, client, yard):
        skew = -3 * 24 * 3600 * 1000  # three days behind
        made = datetime.now(UTC) - timedelta(minutes=20)
        scan = event(yard.code, "intake", device_time=(made + timedelta(milliseconds=skew)).isoformat(),
                     clock_skew_ms=skew)
        assert (await client.post("/api/scans", json=scan)).status_code == 201
        ((_, _, source, skew_s, at, _),) = await self.history_times(client, yard.item)
        assert source == "corrected" and skew_s == -3 * 24 * 3600 and abs(at - made) < timedelta(seconds=1)

    async def test_far_behind_without_a_reported_skew_takes_the_servers_time(self, client, yard):
        response = await client.post("/api/scans", json=event(yard.code, "intake", device_time=ago(days=3)))
        assert response.status_code == 201
        ((_, _, source, skew_s, at, received),) = await self.history_times(client, yard.item)
        assert source == "server" and at == received and abs(skew_s + 3 * 24 * 3600) <= 10

    async def test_device_time_a_few_minutes_off_is_kept(self, client, yard):
        sent = datetime.now(UTC) + timedelta(minutes=5)
        response = await client.post("/api/scans", json=event(yard.code, "intake", device_time=sent.isoformat()))
        assert response.status_code == 201
        ((_, _, source, skew_s, at, _),) = await self.history_times(client, yard.item)
        assert (source, skew_s, at) == ("device", None, sent)

    async def test_a_reported_skew_that_still_leaves_the_time_ahead_takes_the_servers_time(self, client, yard):
        scan = event(yard.code, "intake", device_time=ago(hours=-5), clock_skew_ms=3600_000)
        assert (await client.post("/api/scans", json=scan)).status_code == 201
        ((_, _, source, skew_s, at, received),) = await self.history_times(client, yard.item)
        assert source == "server" and at == received and abs(skew_s - 5 * 3600) <= 10

    @pytest.mark.parametrize("device_time", ["0001-01-01T00:00:00+00:00", "9999-12-31T23:59:59+00:00"])
    @pytest.mark.parametrize("skew_ms", [None, -MAX_SKEW_MS, MAX_SKEW_MS])
    async def test_a_device_time_at_the_ends_of_the_calendar_is_applied_with_the_servers_time(
            self, client, yard, device_time, skew_ms):
        scan = event(yard.code, "intake", device_time=device_time, clock_skew_ms=skew_ms)
        assert (await client.post("/api/scans", json=scan)).status_code == 201
        ((_, _, source, skew_s, at, received),) = await self.history_times(client, yard.item)
        assert source == "server" and at == received and abs(skew_s) == MAX_SKEW_MS // 1000

    async def test_skew_beyond_its_bound_is_a_400(self, client, yard):
        scan = event(yard.code, "intake", clock_skew_ms=11 * 366 * 24 * 3600 * 1000)
        assert (await client.post("/api/scans", json=scan)).status_code == 400
