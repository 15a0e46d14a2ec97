"""Replaying the outbox against the real /api/scans/batch: in order, exactly once, through a
killed server, a lost answer, a dropped network, two tabs and a closed browser."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from backend.demo.data import DEMO_PASSWORD
from tests.browser.conftest import ServerProcess
from tests.browser.field import DRIVER, WAREHOUSE, controlled_by_worker, outbox, sign_in, type_code
from tests.browser.seed import seed_rows
from tests.databases import demo_database

pytestmark = pytest.mark.browser

BATCH = "/api/scans/batch"


def in_thread(function):
    """Run function in a thread of its own: it may start an event loop, Playwright owns this one."""
    result = []
    thread = threading.Thread(target=lambda: result.append(function()))
    thread.start()
    thread.join()
    return result[0] if result else None


@pytest.fixture(scope="module")
def chaos(tmp_path_factory) -> Iterator[tuple[ServerProcess, str]]:
    """A server of its own, on its own database, that the tests may kill and restart."""
    database = demo_database(tmp_path_factory.mktemp("chaos"), "chaos", DEMO_PASSWORD)
    url = in_thread(database.__enter__)
    try:
        server = ServerProcess(url, tmp_path_factory.mktemp("chaos-logs") / "server.log")
        server.start()
        try:
            yield server, url
        finally:
            server.stop()
    finally:
        in_thread(lambda: database.__exit__(None, None, None))


@pytest.fixture
def chaos_page(browser, chaos) -> Iterator[Page]:
    server, _ = chaos
    if server.process is None or server.process.poll() is not None:
        server.start()
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=server.base)
    page = context.new_page()
    sign_in(page, WAREHOUSE)
    controlled_by_worker(page)
    yield page
    context.close()


def queue_audits(page: Page, items: list[dict], per_item: int) -> list[dict]:
    """Store audit scans offline (round robin over the items), as the scan screen would."""
    page.context.set_offline(True)
    page.evaluate(
        """async ([items, perItem]) => {
            const { enqueue } = await import("/js/outbox/queue.js");
            for (let i = 0; i < perItem; i++) {
                for (const item of items) await enqueue({ code: item.code, action: "audit" });
            }
        }""",
        [items, per_item],
    )
    return outbox(page)


def kill_during_first_batch(page: Page, server: ServerProcess) -> threading.Event:
    """Kill the server 50 ms into the first batch it is sent. Later batches are held until it is
    dead, so however slow the machine, the kill lands with scans still waiting. Returns the flag
    set once the first batch went out; undo with stop_killing(page)."""
    sent, dead = threading.Event(), threading.Event()

    def kill() -> None:
        server.kill()
        dead.set()

    def hold(route) -> None:
        if not sent.is_set():
            sent.set()
            threading.Timer(0.05, kill).start()
        else:
            dead.wait(10)
        route.continue_()

    page.context.route(f"**{BATCH}", hold)
    return sent


def stop_killing(page: Page) -> None:
    page.context.unroute(f"**{BATCH}")


def pump_until(page: Page, flag: threading.Event, timeout: float = 60) -> bool:
    """Wait for a flag set by a Playwright event handler (handlers only run while Playwright works).

    The deadline only says how long a failure takes to show: a batch of 500 scans on a loaded
    machine takes well over 10 s to be answered before the next is sent."""
    deadline = time.monotonic() + timeout
    while not flag.is_set() and time.monotonic() < deadline:
        page.wait_for_timeout(50)
    return flag.is_set()


def waiting(page: Page) -> int:
    return page.evaluate("import('/js/outbox/queue.js').then(async (m) => (await m.counts()).waiting)")


def wait_until_sent(page: Page, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while waiting(page):
        assert time.monotonic() < deadline, f"{waiting(page)} scans still waiting"
        time.sleep(0.1)


def server_ids(page: Page, items: list[dict]) -> list[str]:
    """Every scan event the server holds for these items, oldest first."""
    ids = []
    for item in items:
        history = page.request.get(f"/api/items/{item['id']}/history").json()
        assert all(entry["outcome"] == "applied" for entry in history)
        ids += [entry["id"] for entry in reversed(history)]
    return ids


def assert_applied_once(page: Page, items: list[dict], events: list[dict]) -> None:
    held = server_ids(page, items)
    assert len(held) == len(set(held)), "an event was applied twice"
    assert sorted(held) == sorted(e["id"] for e in events), "an event was lost"
    for item in items:
        mine = [e["id"] for e in events if e["code"] == item["code"]]
        assert [i for i in held if i in set(mine)] == mine, "events of one item were applied out of order"


class TestReplay:
    def test_a_server_killed_in_the_middle_of_a_batch_loses_and_doubles_nothing(self, chaos, chaos_page):
        server, url = chaos
        items = seed_rows(url, items=6)["items"]
        events = queue_audits(chaos_page, items, per_item=100)
        killed = kill_during_first_batch(chaos_page, server)
        chaos_page.context.set_offline(False)
        assert pump_until(chaos_page, killed)
        chaos_page.wait_for_timeout(1000)
        assert waiting(chaos_page) > 0, "nothing may be dropped while the server is down"
        stop_killing(chaos_page)
        server.start()
        chaos_page.reload()  # the app replays on start
        wait_until_sent(chaos_page)
        assert_applied_once(chaos_page, items, events)

    def test_a_batch_whose_answer_is_lost_is_sent_again_and_applied_once(self, chaos, chaos_page):
        _, url = chaos
        items = seed_rows(url, items=2)["items"]
        events = queue_audits(chaos_page, items, per_item=5)
        delivered = []

        def lose_answer(route) -> None:
            delivered.append(route.fetch().status)  # the server applies the batch …
            route.abort("connectionreset")  # … and the phone never hears back

        chaos_page.route(f"**{BATCH}", lose_answer)
        chaos_page.context.set_offline(False)
        chaos_page.evaluate("import('/js/outbox/sync.js').then((m) => m.syncNow())")
        assert delivered and set(delivered) == {200}, "the server took the batch (perhaps more than once)"
        assert len(outbox(chaos_page)) == len(events)
        chaos_page.unroute(f"**{BATCH}")
        chaos_page.evaluate("import('/js/outbox/sync.js').then((m) => m.syncNow())")
        wait_until_sent(chaos_page)
        assert_applied_once(chaos_page, items, events)

    def test_the_network_dropping_between_batches_keeps_the_rest_queued(self, chaos, chaos_page):
        _, url = chaos
        items = seed_rows(url, items=6)["items"]
        events = queue_audits(chaos_page, items, per_item=100)
        batches = []
        second_sent = threading.Event()

        def drop_after_first(route) -> None:
            batches.append(len(route.request.post_data_json["events"]))
            if len(batches) == 1:
                route.continue_()
            else:
                second_sent.set()
                route.abort("internetdisconnected")

        chaos_page.route(f"**{BATCH}", drop_after_first)
        chaos_page.context.set_offline(False)
        assert pump_until(chaos_page, second_sent)
        chaos_page.wait_for_timeout(300)
        assert batches[:2] == [500, 100]
        assert waiting(chaos_page) == 100, "the answered batch is settled, the dropped one kept"
        chaos_page.unroute(f"**{BATCH}")
        chaos_page.context.set_offline(True)
        chaos_page.context.set_offline(False)  # `online` replays the rest
        wait_until_sent(chaos_page)
        assert_applied_once(chaos_page, items, events)

    def test_two_tabs_replaying_at_once_send_each_event_once(self, chaos, chaos_page):
        _, url = chaos
        items = seed_rows(url, items=2)["items"]
        events = queue_audits(chaos_page, items, per_item=50)
        second = chaos_page.context.new_page()
        second.goto("/skanna")
        in_flight, most = set(), [0]

        def sent(request) -> None:
            if request.url.endswith(BATCH):
                in_flight.add(request)
                most[0] = max(most[0], len(in_flight))

        context = chaos_page.context
        context.on("request", sent)
        context.on("requestfinished", lambda request: in_flight.discard(request))
        context.on("requestfailed", lambda request: in_flight.discard(request))
        context.set_offline(False)
        for tab in (chaos_page, second):
            tab.evaluate("import('/js/outbox/sync.js').then((m) => { m.syncNow(); })")
        wait_until_sent(chaos_page)
        assert most[0] == 1, "the lock lets one tab replay at a time"
        assert_applied_once(chaos_page, items, events)


class TestNeedsAttention:
    def test_an_item_delivered_by_someone_else_shows_with_its_reason(self, chaos, chaos_page):
        _, url = chaos
        rows = seed_rows(url, items=1)
        item = rows["items"][0]
        page = chaos_page
        page.goto("/skanna?uppgift=lastning")
        type_code(page, rows["van"]["code"])
        expect(page.get_by_test_id("scan-feedback")).to_contain_text("Skåpbil ABC 123 vald")
        type_code(page, item["code"])
        page.locator("[data-action=pickup]").click()
        wait_until_sent(page)
        # Someone else delivers it while this phone is offline and still thinks it is in the van.
        page.goto("/skanna")
        type_code(page, item["code"])
        expect(page.locator("[data-action=deliver]")).to_be_visible()
        page.context.set_offline(True)
        page.request.post(BATCH, data={"events": [{"id": "8d0f8a5e-0b7e-4b7a-9f55-0d3c3b6f6f01", "code": item["code"],
                          "action": "deliver", "device_time": "2026-11-25T10:00:00+01:00"}]},
                          headers={"X-CSRF-Token": page.evaluate(
                              "import('/js/csrf.js').then((m) => m.getCsrfToken())")})
        page.locator("[data-action=deliver]").click()
        expect(page.get_by_test_id("scan-feedback")).to_contain_text("Sparat: Leverera")
        page.context.set_offline(False)
        wait_until_sent(page)
        page.goto("/behover-atgard")
        entry = page.get_by_test_id("attention-item")
        expect(entry).to_contain_text("Kontorsstol")
        expect(entry).to_contain_text("redan levererad")
        entry.get_by_role("button", name="Ta bort").click()
        expect(page.get_by_text("Inget behöver åtgärdas.")).to_be_visible()


class TestOfflineShiftSynced:
    def test_pickup_and_delivery_scanned_offline_reach_the_server_in_order(self, chaos, chaos_page):
        _, url = chaos
        rows = seed_rows(url, items=1)
        item = rows["items"][0]
        page = chaos_page
        page.goto("/dagen")
        page.get_by_role("button", name="Ta med dagen offline").click()
        expect(page.get_by_test_id("shift-fetched")).to_contain_text("Hämtad")
        page.context.set_offline(True)
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_have_text("Dagens körningar")
        page.goto("/skanna?uppgift=lastning")
        type_code(page, rows["van"]["code"])
        expect(page.get_by_test_id("scan-feedback")).to_contain_text("vald")
        type_code(page, item["code"])
        page.locator("[data-action=pickup]").click()
        expect(page.get_by_test_id("scan-feedback")).to_contain_text("Sparat")
        page.goto("/skanna")
        type_code(page, item["code"])
        page.locator("[data-action=deliver]").click()
        expect(page.get_by_test_id("scan-feedback")).to_contain_text("Sparat: Leverera")
        queued = outbox(page)
        assert [e["action"] for e in queued] == ["pickup", "deliver"]
        page.context.set_offline(False)
        wait_until_sent(page)
        history = page.request.get(f"/api/items/{item['id']}/history").json()
        assert [(h["id"], h["action"], h["outcome"]) for h in reversed(history)] == [
            (queued[0]["id"], "pickup", "applied"), (queued[1]["id"], "deliver", "applied")]
        assert page.request.get(f"/api/codes/{item['code']}").json()["target"]["state"] == "delivered"


class TestDriversDay:
    def test_the_day_taken_offline_is_picked_up_and_delivered_offline_and_synced_in_order(self, chaos, browser):
        server, url = chaos
        rows = seed_rows(url, items=2, driver=DRIVER)
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=server.base)
        page = context.new_page()
        try:
            sign_in(page, DRIVER)
            controlled_by_worker(page)
            page.goto("/dagen")
            page.get_by_role("button", name="Ta med dagen offline").click()
            expect(page.get_by_test_id("shift-job")).to_contain_text("Kontorsstol 2")
            context.set_offline(True)
            page.reload()
            page.get_by_role("link", name="Skanna för den här körningen").click()
            for item in rows["items"]:
                type_code(page, item["code"])
                page.get_by_role("button", name="Hämta").click()
                expect(page.get_by_test_id("scan-feedback")).to_contain_text("Sparat: Hämta")
            for item in rows["items"]:
                type_code(page, item["code"])
                expect(page.get_by_test_id("scan-result").locator("[data-action]")).to_have_text(["Leverera"])
                page.get_by_role("button", name="Leverera").click()
                expect(page.get_by_test_id("scan-feedback")).to_contain_text("Sparat: Leverera")
            queued = outbox(page)
            context.set_offline(False)
            wait_until_sent(page)
            for item in rows["items"]:
                history = page.request.get(f"/api/items/{item['id']}/history").json()
                mine = [e["id"] for e in queued if e["code"] == item["code"]]
                assert [(h["id"], h["action"], h["outcome"]) for h in reversed(history)] == [
                    (mine[0], "pickup", "applied"), (mine[1], "deliver", "applied")]
                assert page.request.get(f"/api/codes/{item['code']}").json()["target"]["state"] == "delivered"
        finally:
            context.close()


class TestClosedBrowser:
    def test_scans_queued_when_the_browser_was_closed_wait_for_the_server_and_go_once(self, chaos, playwright,
                                                                                        tmp_path):
        from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS

        server, url = chaos
        items = seed_rows(url, items=2)["items"]

        def open_profile():
            return playwright.chromium.launch_persistent_context(
                str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
                viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=server.base)

        context = open_profile()
        page = context.pages[0]
        sign_in(page, WAREHOUSE)
        controlled_by_worker(page)
        events = queue_audits(page, items, per_item=3)
        # The signed-in answer must be on disk, or the reopened app starts at the login screen.
        deadline = time.monotonic() + 5
        while not page.evaluate("caches.match('/api/session').then((r) => r !== undefined)"):
            assert time.monotonic() < deadline, "the worker never kept the signed-in answer"
            page.wait_for_timeout(100)
        # The server goes down too: nobody (page or Background Sync) can send them meanwhile.
        server.kill()
        context.close()

        context = open_profile()
        try:
            page = context.pages[0]
            page.goto("/skanna")
            expect(page.get_by_test_id("outbox-waiting")).to_contain_text("6 skanningar väntar")
            assert outbox(page) == events
            server.start()
            page.reload()  # the app replays on start
            wait_until_sent(page)
            assert_applied_once(page, items, events)
        finally:
            context.close()
