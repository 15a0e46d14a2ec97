"""The outbox in a real browser profile: scans made offline survive the browser being closed
and are still waiting, in the order they were made, when it is opened again."""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import expect

from labels import new_codes
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS
from tests.browser.field import WAREHOUSE, controlled_by_worker, outbox, sign_in, type_code

pytestmark = pytest.mark.browser


@pytest.fixture
def profile(playwright, live_server, tmp_path):
    """Open the same browser profile (IndexedDB, service worker) as often as a test likes."""
    opened = []

    def open_profile():
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=CHROMIUM, args=CHROMIUM_ARGS,
            viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=live_server,
        )
        opened.append(context)
        return context

    yield open_profile
    for context in opened:
        context.close()


def scan_offline(page, codes: list[str]) -> None:
    page.goto("/skanna")
    for code in codes:
        type_code(page, code)
        page.get_by_role("button", name="Inventera").click()
        expect(page.get_by_test_id("scan-feedback")).to_contain_text("Sparat")


class TestOutboxSurvives:
    def test_scans_made_offline_wait_in_order_after_the_browser_is_closed(self, profile):
        codes = new_codes(3, random.Random(21))
        context = profile()
        page = context.pages[0] if context.pages else context.new_page()
        sign_in(page, WAREHOUSE)
        controlled_by_worker(page)
        context.set_offline(True)
        scan_offline(page, codes)
        before = outbox(page)
        context.close()

        context = profile()
        context.set_offline(True)
        page = context.pages[0] if context.pages else context.new_page()
        page.goto("/skanna")
        expect(page.get_by_test_id("outbox-waiting")).to_contain_text("3 skanningar väntar")
        after = outbox(page)
        assert after == before
        assert [e["code"] for e in after] == codes
        assert len({e["id"] for e in after}) == 3
