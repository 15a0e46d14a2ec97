"""The scan screen in Chromium: a rendered label read through a fake camera, typed codes,
a refused camera, and a scan confirmed only once the outbox holds it."""

from __future__ import annotations

import random

import pytest
from playwright.sync_api import expect

from labels import new_codes
from tests.browser.camera import label_video
from tests.browser.conftest import CHROMIUM_ARGS, launch_chromium
from tests.browser.field import WAREHOUSE, controlled_by_worker, outbox, sign_in, type_code

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def label(tmp_path_factory) -> tuple[str, str]:
    path, code = label_video(tmp_path_factory.mktemp("camera") / "label.y4m")
    return str(path), code


@pytest.fixture(scope="module")
def camera_browser(playwright, label):
    """A second Chromium whose camera films a rendered label (the session one has no camera)."""
    args = [*CHROMIUM_ARGS, "--use-fake-device-for-media-stream", f"--use-file-for-fake-video-capture={label[0]}"]
    chromium = launch_chromium(playwright, args)
    yield chromium
    chromium.close()


@pytest.fixture
def camera_page(camera_browser, live_server):
    context = camera_browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=live_server)
    yield context
    context.close()


class TestCameraScan:
    def test_rendered_label_is_read_from_the_camera_by_the_vendored_decoder(self, camera_page, label):
        camera_page.grant_permissions(["camera"])
        page = camera_page.new_page()
        sign_in(page, WAREHOUSE)
        page.goto("/skanna")
        expect(page.locator(".scan-view")).to_have_attribute("data-ready", "fallback")
        # A random code is unknown to the server; the message names the code the camera read.
        expect(page.get_by_test_id("scan-feedback")).to_contain_text(label[1], timeout=10_000)

    def test_label_is_read_offline_by_the_precached_decoder(self, camera_page, label):
        camera_page.grant_permissions(["camera"])
        page = camera_page.new_page()
        sign_in(page, WAREHOUSE)
        controlled_by_worker(page)
        camera_page.set_offline(True)
        page.goto("/skanna")
        expect(page.locator(".scan-view")).to_have_attribute("data-ready", "fallback")
        expect(page.get_by_test_id("scan-result")).to_contain_text(label[1], timeout=10_000)
        expect(page.get_by_role("button", name="Inventera")).to_be_visible()
        camera_page.set_offline(False)

    def test_refused_camera_is_explained_in_plain_swedish(self, camera_page):
        page = camera_page.new_page()
        sign_in(page, WAREHOUSE)
        page.goto("/skanna")
        expect(page.get_by_role("alert")).to_contain_text("Delbar får inte använda kameran")
        expect(page.get_by_role("button", name="Starta kameran")).to_be_visible()
        expect(page.get_by_label("Skriv koden")).to_be_visible()


class TestTypedCode:
    def test_mistyped_code_is_told_apart_from_an_unknown_one(self, page):
        code = new_codes(1, random.Random(11))[0]
        sign_in(page, WAREHOUSE)
        page.goto("/skanna")
        type_code(page, code[:7] + ("0" if code[7] != "0" else "1"))
        expect(page.get_by_label("Skriv koden")).to_have_attribute("aria-invalid", "true")
        expect(page.locator("#manual-code-error")).to_contain_text("felskrivet")
        type_code(page, code)
        expect(page.locator("#manual-code-error")).to_contain_text("finns inte i Delbar")

    def test_offline_scan_is_confirmed_only_once_it_is_in_the_outbox(self, page):
        code = new_codes(1, random.Random(12))[0]
        sign_in(page, WAREHOUSE)
        controlled_by_worker(page)
        page.context.set_offline(True)
        page.goto("/skanna")
        type_code(page, code)
        page.get_by_role("button", name="Inventera").click()
        expect(page.get_by_test_id("scan-feedback")).to_contain_text("Sparat: Inventera")
        events = outbox(page)
        assert [(e["code"], e["action"]) for e in events] == [(code, "audit")]
        assert events[0]["device_time"][-6] in "+-", "device time carries the phone's UTC offset"
        expect(page.get_by_test_id("outbox-waiting").last).to_contain_text("1 skanning väntar")
        page.context.set_offline(False)
