"""The first visit: the shell preloads exactly the modules its first screen needs, one stylesheet."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from backend.demo.data import DEMO_PASSWORD
from backend.settings import PWA_DIR
from backend.web.assets import Assets
from tests.browser.test_accessibility import axe_findings

pytestmark = pytest.mark.browser
PRELOAD = re.compile(r'^\s*<link rel="modulepreload" href="([^"]+)">\n', re.M)

# When the screen's h1 is first in the document, and every resource fetched up to then.
WATCH = """
performance.setResourceTimingBufferSize(5000);
new MutationObserver((_, observer) => {
  if (document.querySelector('main h1')) {
    window.__screenAt = performance.now();
    observer.disconnect();
  }
}).observe(document, { childList: true, subtree: true });
"""
MODULES_BEFORE_SCREEN = """() => performance.getEntriesByType('resource')
  .filter((e) => e.startTime < window.__screenAt && e.name.endsWith('.js'))
  .map((e) => new URL(e.name).pathname)"""


def open_without_preloads(page, path: str) -> list[str]:
    """Open path with the shell's modulepreload links taken out; returns the links that were there."""
    found: list[str] = []

    def strip(route) -> None:
        response = route.fetch()
        html = response.text()
        found.extend(PRELOAD.findall(html))
        route.fulfill(response=response, body=PRELOAD.sub("", html))

    page.route(re.compile(r"^[^?]*" + re.escape(path) + "$"), strip)
    page.add_init_script(WATCH)
    page.goto(path)
    page.wait_for_function("window.__screenAt !== undefined")
    return found


class TestModulePreload:
    @pytest.mark.parametrize(("path", "signed_in", "screen"), [
        ("/annonser", True, "/js/components/listing-search.js"),
        ("/login", False, "/js/components/login-view.js"),
    ])
    def test_the_preloads_are_the_modules_the_browser_fetches_for_the_first_screen(self, page, path, signed_in,
                                                                                     screen):
        if signed_in:
            answer = page.context.request.post("/api/session", data={"email": "medarbetare@ystad.exempel.se",
                                                                     "password": DEMO_PASSWORD})
            assert answer.ok
        preloads = open_without_preloads(page, path)
        fetched = set(page.evaluate(MODULES_BEFORE_SCREEN))
        assert screen in preloads and "/js/router.js" in preloads
        # Every preload was needed, and whatever else came before the screen is the outbox's sync,
        # which main.js imports beside the first screen without waiting for it.
        assert {*preloads, "/js/main.js"} <= fetched
        beside = set(Assets.scan(PWA_DIR).closure(["/js/outbox/sync.js"]))
        assert fetched - {*preloads, "/js/main.js"} <= beside

    def test_a_screen_of_another_route_is_fetched_when_it_is_opened(self, page):
        page.add_init_script(WATCH)
        page.goto("/login")
        page.wait_for_function("window.__screenAt !== undefined")
        before = page.evaluate("performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)")
        assert "/js/components/accessibility-view.js" not in before
        page.get_by_role("link", name="Tillgänglighetsredogörelse").click()
        page.get_by_role("heading", level=1, name=re.compile("Tillgänglighet")).wait_for()
        after = page.evaluate("performance.getEntriesByType('resource').map((e) => new URL(e.name).pathname)")
        assert "/js/components/accessibility-view.js" in after

    @pytest.mark.parametrize("width", [360, 1280])
    def test_a_screen_that_cannot_be_fetched_says_so_and_offers_a_retry(self, page, width):
        page.set_viewport_size({"width": width, "height": 800})
        screen = "**/js/components/accessibility-view.js"
        page.route(screen, lambda route: route.abort())
        page.goto("/tillganglighet")
        expect(page.get_by_role("heading", level=1)).to_have_text("Sidan kunde inte hämtas")
        assert page.evaluate("document.querySelector('main').getAttribute('aria-busy')") is None
        assert axe_findings(page) == []
        page.unroute(screen)
        page.get_by_role("button", name="Försök igen").click()
        expect(page.get_by_role("heading", level=1)).to_contain_text("Tillgänglighet")


class TestStylesheet:
    def test_the_page_loads_one_stylesheet_and_is_styled_by_it(self, page):
        page.goto("/login")
        page.get_by_role("heading", level=1).wait_for()
        sheets = page.evaluate("[...document.styleSheets].map((s) => new URL(s.href).pathname)")
        assert len(sheets) == 1 and re.fullmatch(r"/css/app\.[0-9a-f]{12}\.css", sheets[0])
        # base.css's skip link is off screen until focused: the bundle's rules apply.
        assert page.evaluate("document.querySelector('.skip-link').getBoundingClientRect().bottom") <= 0
