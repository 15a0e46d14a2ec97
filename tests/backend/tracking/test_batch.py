"""The batch endpoint the offline outbox syncs through: order, independence, bounds, idempotency."""

from __future__ import annotations

import asyncio
import sqlite3
from uuid import uuid4

import pytest

from backend.app import create_app
from backend.codes.tables import Code
from tests.backend.codes.test_service import warehouse
from tests.backend.tracking.test_service import event, item_row, make_yard
from tests.clients import app_client
from tests.databases import KIND
from tests.factories import login, make_code, make_item, make_user

pytestmark = pytest.mark.anyio


async def send(client, *events):
    response = await client.post("/api/scans/batch", json={"events": list(events)})
    assert response.status_code == 200, response.text
    return response.json()["results"]


@pytest.fixture
async def yard(client, ystad):
    await warehouse(client, ystad)
    return await make_yard(ystad)


class TestBatch:
    async def test_events_apply_in_order_through_a_whole_trip(self, client, yard):
        results = await send(client, event(yard.code, "intake", location_code=yard.shelf_code),
                             event(yard.code, "pickup", location_code=yard.van_code),
                             event(yard.code, "deliver"), event(yard.code, "return"),
                             event(yard.code, "pickup", location_code=yard.van_code),
                             event(yard.code, "store", location_code=yard.shelf_code))
        assert [r["status"] for r in results] == ["applied"] * 6
        assert [r["item"]["state"] for r in results] == ["in_storage", "in_transit", "delivered", "returned",
                                                          "in_transit", "in_storage"]
        assert results[1]["item"]["location_name"] == "Bil 1"
        row = await item_row(yard.item)
        assert (row["state"], row["location"], row["version"]) == ("in_storage", yard.shelf, 2)

    async def test_one_bad_event_does_not_block_the_others(self, client, yard):
        results = await send(client, event(yard.code, "intake"), event("NOPE", "store"),
                             event(yard.code, "deliver"), event(yard.code, "pickup", location_code=yard.van_code))
        assert [(r["status"], r["reason"]) for r in results] == [
            ("applied", None), ("rejected", "code_malformed"), ("rejected", "invalid_transition"), ("applied", None)]
        assert (await item_row(yard.item))["state"] == "in_transit"

    async def test_same_batch_twice_is_all_duplicates_with_the_original_outcomes(self, client, yard):
        batch = [event(yard.code, "intake"), event(yard.code, "deliver")]
        await send(client, *batch)
        again = await send(client, *batch)
        assert [(r["status"], r["reason"]) for r in again] == [("duplicate", None), ("duplicate", "invalid_transition")]
        assert (await item_row(yard.item))["version"] == 2

    async def test_same_id_twice_in_one_batch_is_one_effect(self, client, yard):
        scan = event(yard.code, "intake")
        results = await send(client, scan, scan)
        assert [r["status"] for r in results] == ["applied", "duplicate"]
        assert len((await client.get(f"/api/items/{yard.item}/history")).json()) == 1

    async def test_results_come_back_in_the_order_sent(self, client, yard):
        events = [event(yard.code, "audit") for _ in range(20)]
        assert [r["id"] for r in await send(client, *events)] == [e["id"] for e in events]

    async def test_more_than_500_events_refuse_the_whole_batch(self, client, yard):
        response = await client.post("/api/scans/batch", json={"events": [event(yard.code, "audit")] * 501})
        assert response.status_code in (400, 413) and response.json()["detail"]
        assert (await client.get(f"/api/items/{yard.item}/history")).json() == []

    async def test_ten_thousand_events_are_refused_with_a_reason(self, client, yard):
        response = await client.post("/api/scans/batch", json={"events": [event(yard.code, "audit")] * 10_000})
        assert response.status_code in (400, 413) and response.json()["detail"]

    async def test_events_that_are_not_a_list_are_a_400(self, client, yard):
        assert (await client.post("/api/scans/batch", json={"events": {"id": "x"}})).status_code == 400
        assert (await client.post("/api/scans/batch", json=[event(yard.code, "audit")])).status_code == 400

    async def test_concurrent_batches_on_one_item_serialise(self, client, new_client, ystad, yard):
        other = await new_client()  # the same user's second phone
        other.cookies, other.headers = client.cookies, client.headers
        await send(client, event(yard.code, "intake", location_code=yard.shelf_code))
        trips = [[event(yard.code, "pickup", location_code=yard.van_code),
                  event(yard.code, "store", location_code=yard.shelf_code)] for _ in range(6)]
        answers = await asyncio.gather(*(send(c, *trip) for c, trip in zip([client, other] * 3, trips, strict=True)))
        applied = sum(r["status"] == "applied" for results in answers for r in results)
        row = await item_row(yard.item)
        # One version per write that changed the item: intake, then the six round trips, which may share
        # writes on SQLite (requests waiting for the write lock go in together) but never lose one.
        assert applied == 12 and row["state"] == "in_storage"
        assert 1 + 1 + 1 <= row["version"] <= 1 + 1 + 6
        history = (await client.get(f"/api/items/{yard.item}/history")).json()
        assert [e["action"] for e in history].count("pickup") == 6 and len(history) == 13

    async def test_scans_sent_at_once_by_several_people_are_each_their_own(self, client, new_client, ystad, yard):
        """Single scans waiting for SQLite's write lock are applied together: each keeps its sender and answer."""
        await send(client, event(yard.code, "intake", location_code=yard.shelf_code))
        phones = {}
        for n in range(4):
            email = f"skanner{n}@{ystad.id}.test"
            await make_user(ystad.id, ystad.ame_unit, email, "warehouse" if n % 2 else "driver")
            phones[f"Skanner{n}"] = phone = await new_client()
            await login(phone, email)
        sent = [(name, event(yard.code, "audit")) for name in phones for _ in range(4)]
        answers = await asyncio.gather(*(phones[name].post("/api/scans", json=scan) for name, scan in sent))
        assert [(a.status_code, a.json()["id"], a.json()["status"]) for a in answers] == [
            (201, scan["id"], "applied") for _, scan in sent]
        history = {e["id"]: e["actor_name"] for e in (await client.get(f"/api/items/{yard.item}/history")).json()}
        assert [history[scan["id"]] for _, scan in sent] == [name for name, _ in sent]

    @pytest.mark.skipif(KIND != "sqlite", reason="a write lock held by another process is SQLite's")
    async def test_a_lock_held_by_another_process_delays_a_scan_and_loses_nothing(self, client, settings, yard):
        """The scan writer's own connection gives up at once on a lock it cannot get; the scan waits its turn."""
        other = sqlite3.connect(settings.database_url.removeprefix("sqlite:///"), isolation_level=None)
        other.execute("BEGIN IMMEDIATE")  # e.g. a command run beside the server
        try:
            pending = asyncio.create_task(client.post("/api/scans", json=event(yard.code, "intake")))
            await asyncio.sleep(0.5)
            assert not pending.done()
        finally:
            other.execute("COMMIT")
            other.close()
        response = await pending
        assert (response.status_code, response.json()["status"]) == (201, "applied")
        assert (await item_row(yard.item))["state"] == "in_storage"


class TestLink:
    async def test_a_pre_printed_label_is_linked_to_a_new_item(self, client, ystad, yard):
        label = await make_code(ystad.id)
        item = await make_item(ystad.id, ystad.ame_unit, "Soffa")
        (result,) = await send(client, event(label, "link", item_id=str(item)))
        assert result["status"] == "applied" and result["item"]["title"] == "Soffa"
        assert (await client.get(f"/api/codes/{label}")).json()["target"]["id"] == str(item)
        (scan,) = await send(client, event(label, "intake"))
        assert scan["status"] == "applied"

    async def test_relabelling_keeps_the_old_code_resolving(self, client, ystad, yard):
        label = await make_code(ystad.id)
        (result,) = await send(client, event(label, "link", item_id=str(yard.item)))
        old = (await client.get(f"/api/codes/{yard.code}")).json()
        assert result["status"] == "applied" and old["status"] == "retired" and old["replaced_by"] == label
        assert old["target"]["id"] == str(yard.item)
        (scan,) = await send(client, event(yard.code, "intake"))
        assert scan["status"] == "applied" and scan["item"]["id"] == str(yard.item)

    async def test_a_label_in_use_cannot_be_linked_again(self, client, ystad, yard):
        item = await make_item(ystad.id, ystad.ame_unit)
        (result,) = await send(client, event(yard.code, "link", item_id=str(item)))
        assert result["reason"] == "code_already_linked"

    async def test_link_needs_an_item_of_this_municipality(self, client, ystad, skurup, yard):
        label = await make_code(ystad.id)
        theirs = await make_item(skurup.id, skurup.ame_unit)
        results = await send(client, event(label, "link"), event(label, "link", item_id=str(theirs)))
        assert [r["reason"] for r in results] == ["item_required", "item_unknown"]
        assert (await Code.select(Code.status).where(Code.text == label).first())["status"] == "unlinked"

    async def test_two_labels_linked_in_one_batch_leave_the_last_in_use(self, client, ystad, yard):
        first, second = await make_code(ystad.id), await make_code(ystad.id)
        item = await make_item(ystad.id, ystad.ame_unit)
        await send(client, event(first, "link", item_id=str(item)), event(second, "link", item_id=str(item)))
        rows = {r["text"]: r["status"] for r in await Code.select(Code.text, Code.status).where(Code.item == item)}
        assert rows == {first: "retired", second: "linked"}


class TestRestart:
    async def test_same_batch_after_a_server_restart_is_duplicate(self, settings, ystad):
        item = await make_item(ystad.id, ystad.ame_unit)
        code = await make_code(ystad.id, item=item)
        batch = [event(code, "intake"), event(code, "pickup"), event(code, "deliver")]
        async with app_client(create_app(settings)) as first:
            await warehouse(first, ystad)
            assert [r["status"] for r in await send(first, *batch)] == ["applied"] * 3
            cookies, headers = dict(first.cookies), dict(first.headers)
        async with app_client(create_app(settings)) as second:
            second.cookies.update(cookies)
            second.headers.update(headers)
            assert [r["status"] for r in await send(second, *batch)] == ["duplicate"] * 3
        assert (await item_row(item))["version"] == 2  # one batch applied, once


class TestHistory:
    async def test_item_history_says_who_where_and_when(self, client, yard):
        await send(client, event(yard.code, "intake", location_code=yard.shelf_code, note="Ny"),
                   event(yard.code, "dispose", location_code=yard.van_code))
        history = (await client.get(f"/api/items/{yard.item}/history")).json()
        newest, oldest = history
        assert oldest["action"] == "intake" and oldest["location_after_name"] == "Hylla A1" and oldest["note"] == "Ny"
        assert oldest["actor_name"] and oldest["code"] == yard.code and oldest["state_after"] == "in_storage"
        assert newest["outcome"] == "rejected" and newest["reason"] == "location_is_vehicle"

    async def test_location_history_lists_what_was_scanned_there(self, client, yard):
        await send(client, event(yard.code, "intake", location_code=yard.shelf_code))
        history = (await client.get(f"/api/locations/{yard.shelf}/history")).json()
        assert [(h["item_title"], h["action"]) for h in history] == [("Kontorsstol", "intake")]

    async def test_another_municipalitys_history_is_not_found(self, client, skurup, yard):
        theirs = await make_yard(skurup)
        assert (await client.get(f"/api/items/{theirs.item}/history")).status_code == 404
        assert (await client.get(f"/api/locations/{theirs.shelf}/history")).status_code == 404

    async def test_unknown_item_history_is_not_found(self, client, yard):
        assert (await client.get(f"/api/items/{uuid4()}/history")).status_code == 404


class TestQueuedBy:
    """A shared phone's outbox names who queued a batch (X-Delbar-User); nobody else's session sends it."""

    async def test_a_batch_queued_by_the_signed_in_user_is_applied(self, client, yard):
        me = (await client.get("/api/session")).json()["user"]["id"]
        response = await client.post("/api/scans/batch", json={"events": [event(yard.code, "intake")]},
                                     headers={"X-Delbar-User": me})
        assert response.status_code == 200 and response.json()["results"][0]["status"] == "applied"

    async def test_a_batch_queued_by_someone_else_is_refused_whole(self, client, ystad, yard):
        batch = [event(yard.code, "intake"), event(yard.code, "audit")]
        response = await client.post("/api/scans/batch", json={"events": batch},
                                     headers={"X-Delbar-User": str(ystad.employee)})
        assert response.status_code == 409 and response.json()["error"] == "other_user"
        assert (await item_row(yard.item))["state"] == "registered"
        assert (await client.get(f"/api/items/{yard.item}/history")).json() == []

    async def test_a_malformed_maker_is_a_400(self, client, yard):
        response = await client.post("/api/scans/batch", json={"events": [event(yard.code, "intake")]},
                                     headers={"X-Delbar-User": "driver-a"})
        assert response.status_code == 400
        assert (await item_row(yard.item))["state"] == "registered"


class TestConcurrentSingles:
    async def test_sixteen_phones_at_once_each_get_their_own_answer(self, client, new_client, ystad, yard):
        items = [await make_item(ystad.id, ystad.ame_unit, f"Stol {i}") for i in range(16)]
        codes = [await make_code(ystad.id, item=item) for item in items]
        phones = [client] + [await new_client() for _ in range(15)]
        for phone in phones[1:]:
            phone.cookies, phone.headers = client.cookies, client.headers
        responses = await asyncio.gather(*(phone.post("/api/scans", json=event(code, "intake"))
                                           for phone, code in zip(phones, codes, strict=True)))
        assert [r.status_code for r in responses] == [201] * 16
        assert [r.json()["item"]["id"] for r in responses] == [str(item) for item in items]
