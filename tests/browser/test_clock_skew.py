"""A phone whose clock is wrong: its offline scans are all applied, the driver is warned, the
coordinator sees the skew and the transport fee lands in the server's month. And a server killed
mid-sync is replayed to as soon as it answers again."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from playwright.sync_api import BrowserContext, Page, expect

from backend.vocabulary import month_of
from tests.browser.field import (
    DRIVER,
    WAREHOUSE,
    controlled_by_worker,
    first_healthy,
    outbox,
    sign_in,
    signed_in_http,
    type_code,
    until_true,
)
from tests.browser.seed import seed_rows
from tests.browser.test_accessibility import violations
from tests.browser.test_outbox import (  # noqa: F401
    BATCH,
    chaos,
    kill_during_first_batch,
    pump_until,
    queue_audits,
    stop_killing,
    wait_until_sent,
    waiting,
)

pytestmark = pytest.mark.browser

COORDINATOR = "samordnare@skurup.exempel.se"
TWO_HOURS_AHEAD = 2 * 3600
THREE_DAYS_BEHIND = -3 * 86400

# The phone's wall clock, off by SKEW seconds; timers and the worker keep real time, as on a
# phone whose owner set the clock by hand.
PHONE_CLOCK = """(() => {
  const skew = SKEW * 1000;
  const RealDate = Date;
  class PhoneDate extends RealDate {
    constructor(...args) { if (args.length === 0) super(RealDate.now() + skew); else super(...args); }
    static now() { return RealDate.now() + skew; }
  }
  globalThis.Date = PhoneDate;
})();"""


def phone(browser, base: str, skew_s: int) -> BrowserContext:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=base)
    context.add_init_script(PHONE_CLOCK.replace("SKEW", str(skew_s)))
    return context


def work_a_day_offline(page: Page, rows: dict) -> list[dict]:
    """Take the day, go offline, pick up and deliver every item: what the outbox holds."""
    page.goto("/dagen")
    page.get_by_role("button", name="Ta med dagen offline").click()
    expect(page.get_by_test_id("shift-fetched")).to_contain_text("Hämtad")
    page.context.set_offline(True)
    page.locator(f"a[href*='{rows['job']}']", has_text="Skanna för den här körningen").click()
    for action in ("Hämta", "Leverera"):
        for item in rows["items"]:
            type_code(page, item["code"])
            page.get_by_role("button", name=action).click()
            expect(page.get_by_test_id("scan-feedback")).to_contain_text(f"Sparat: {action}")
    return outbox(page)


@pytest.fixture
def driver_phone(request, browser, chaos) -> Iterator[tuple[Page, str, dict]]:
    """The driver's phone with its clock off by request.param seconds, and a charged job for today."""
    server, url = chaos
    if server.process is None or server.process.poll() is not None:
        server.start()
    rows = seed_rows(url, items=3, driver=DRIVER, charged=True)
    context = phone(browser, server.base, request.param)
    page = context.new_page()
    sign_in(page, DRIVER)
    controlled_by_worker(page)
    yield page, server.base, rows
    context.close()


class TestWrongPhoneClock:
    @pytest.mark.parametrize(("driver_phone", "warning", "shown"), [
        (TWO_HOURS_AHEAD, "Telefonens klocka går 2 timmar före.", "klockan går 2 timmar före"),
        (THREE_DAYS_BEHIND, "Telefonens klocka går 3 dagar efter.", "klockan går 3 dagar efter"),
    ], indirect=["driver_phone"], ids=["2h-ahead", "3d-behind"])
    def test_offline_scans_are_all_applied_and_the_skew_shown(self, driver_phone, browser, warning, shown):
        page, base, rows = driver_phone
        page.goto("/dagen")
        expect(page.get_by_test_id("clock-warning")).to_contain_text(warning)
        assert violations(page, "/dagen") == []
        queued = work_a_day_offline(page, rows)
        assert len(queued) == 6 and all(e["clock_skew_ms"] for e in queued), "each scan carries the skew"
        page.context.set_offline(False)
        wait_until_sent(page)

        received = datetime.now(UTC)
        with signed_in_http(base, COORDINATOR) as http:
            for item in rows["items"]:
                history = list(reversed(http.get(f"/api/items/{item['id']}/history").json()))
                assert [(h["action"], h["outcome"]) for h in history] == [("pickup", "applied"),
                                                                           ("deliver", "applied")]
                for entry in history:
                    at = datetime.fromisoformat(entry["event_time"])
                    assert abs(entry["clock_skew_s"] - (TWO_HOURS_AHEAD if "före" in warning
                                                        else THREE_DAYS_BEHIND)) < 60
                    assert abs(at - received) < timedelta(minutes=5), "the time taken is the real one"
            charges = http.get(f"/api/bookings/{rows['booking']}/charges").json()
            assert [c["kind"] for c in charges] == ["transport"]
            charged = datetime.fromisoformat(charges[0]["created_at"])
            assert abs(charged - received) < timedelta(minutes=5) and month_of(charged) == month_of(received)

        coordinator = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=base)
        try:
            desk = coordinator.new_page()
            sign_in(desk, COORDINATOR)
            desk.goto("/arbetsko")
            expect(desk.get_by_role("heading", name="Telefoner med fel klocka")).to_be_visible()
            expect(desk.locator("section[aria-labelledby=work-clocks] .work-queue__row")).to_contain_text(shown)
            assert violations(desk, "/arbetsko") == []
            desk.goto(f"/sak/{rows['items'][0]['id']}")
            expect(desk.locator(".scan-history__clock").first).to_contain_text(
                shown.replace("klockan går", "Telefonens klocka gick"))
        finally:
            coordinator.close()

    def test_a_clock_set_right_shows_no_warning(self, chaos, browser):
        server, _ = chaos
        if server.process is None or server.process.poll() is not None:
            server.start()
        context = phone(browser, server.base, 0)
        try:
            page = context.new_page()
            sign_in(page, DRIVER)
            page.goto("/dagen")
            page.get_by_role("button", name="Ta med dagen offline").click()
            expect(page.get_by_test_id("shift-fetched")).to_contain_text("Hämtad")
            until_true(page, "import('/js/outbox/skew.js').then(async (m) => (await m.currentSkew()) !== null)")
            expect(page.get_by_test_id("clock-warning").locator(".clock-warning")).to_be_hidden()
        finally:
            context.close()


class TestOldOutboxEntries:
    def test_an_entry_stored_before_skews_were_measured_is_applied_with_the_servers_time(self, chaos, browser):
        """An outbox entry of the previous version: no clock_skew_ms, made on a phone 2 h ahead."""
        server, url = chaos
        if server.process is None or server.process.poll() is not None:
            server.start()
        item = seed_rows(url, items=1)["items"][0]
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=server.base)
        try:
            page = context.new_page()
            sign_in(page, WAREHOUSE)
            ahead = (datetime.now(UTC) + timedelta(hours=2)).isoformat()
            context.set_offline(True)
            page.evaluate("""async ([code, deviceTime]) => {
                const { addEntry } = await import("/js/outbox/store.js");
                const { currentOwner } = await import("/js/outbox/owner.js");
                const event = { id: crypto.randomUUID(), device_time: deviceTime, code, action: "audit" };
                await addEntry({ event, owner: await currentOwner() });
            }""", [item["code"], ahead])
            context.set_offline(False)
            page.evaluate("import('/js/outbox/sync.js').then((m) => m.syncNow())")
            wait_until_sent(page)
            (entry,) = page.request.get(f"/api/items/{item['id']}/history").json()
            assert (entry["outcome"], entry["time_source"]) == ("applied", "server")
            assert entry["event_time"] == entry["server_time"] and abs(entry["clock_skew_s"] - 7200) < 60
        finally:
            context.close()


def drained_at(page: Page, timeout: float = 40) -> float:
    deadline = time.monotonic() + timeout
    while waiting(page):
        assert time.monotonic() < deadline, f"{waiting(page)} scans still waiting"
        page.wait_for_timeout(50)
    return time.monotonic()


class TestRecovery:
    @pytest.fixture
    def warehouse_page(self, browser, chaos) -> Iterator[Page]:
        server, _ = chaos
        if server.process is None or server.process.poll() is not None:
            server.start()
        context = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=server.base)
        page = context.new_page()
        sign_in(page, WAREHOUSE)
        controlled_by_worker(page)
        page.goto("/skanna")
        yield page
        context.close()

    def test_a_server_killed_mid_sync_replays_within_a_probe_of_answering_again(self, chaos, warehouse_page):
        """The page asks /health every second while it waits on its backoff (by then 5 s or more):
        the first batch the restarted server takes must start within about a probe of it answering.
        How long the 800 scans then take to apply depends on the machine's load, not on the page."""
        server, url = chaos
        items = seed_rows(url, items=4)["items"]
        queue_audits(warehouse_page, items, per_item=200)
        killed = kill_during_first_batch(warehouse_page, server)
        warehouse_page.context.set_offline(False)
        assert pump_until(warehouse_page, killed)
        warehouse_page.wait_for_timeout(300)
        assert waiting(warehouse_page) > 0
        stop_killing(warehouse_page)
        taken: list[float] = []

        def note_taken_batch(request) -> None:
            response = request.response() if request.url.endswith(BATCH) else None
            if response is not None and response.ok:
                taken.append(request.timing["startTime"] / 1000)

        warehouse_page.context.on("requestfinished", note_taken_batch)
        restarted = threading.Thread(target=server.start)
        restarted.start()
        healthy = first_healthy(server.base)
        healthy_wall = time.time() - (time.monotonic() - healthy)
        drained_at(warehouse_page)
        restarted.join()
        assert taken, "the restarted server took no batch"
        assert min(taken) - healthy_wall < 2.5, \
            f"the first batch went {min(taken) - healthy_wall:.1f} s after the server answered again"

    def test_any_answer_from_the_server_replays_at_once_instead_of_waiting_out_the_backoff(
            self, chaos, warehouse_page):
        server, url = chaos
        items = seed_rows(url, items=2)["items"]
        # No health probes here: only the answer to the page's own request may start the replay.
        warehouse_page.route("**/health", lambda route: route.abort("connectionrefused"))
        server.kill()
        queue_audits(warehouse_page, items, per_item=5)
        warehouse_page.context.set_offline(False)
        # Down long enough for the backoff to reach 15 s (tries at 0, 1, 3, 8 s).
        warehouse_page.evaluate("import('/js/outbox/sync.js').then((m) => m.syncNow())")
        warehouse_page.wait_for_timeout(9000)
        assert waiting(warehouse_page) == 10
        server.start()
        started = time.monotonic()
        warehouse_page.evaluate("import('/js/api.js').then((m) => m.api('/api/session'))")
        drained = drained_at(warehouse_page, timeout=10)
        assert drained - started < 3, "the answer to another request started the replay"
