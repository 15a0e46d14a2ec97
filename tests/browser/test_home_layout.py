"""The start page keeps still while its cards load: each card holds its place from the first
paint, so "Mer i Delbar" (on a phone) and the account card below them do not move when the answers
come, at 360 and at 1280 px."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.field import sign_in
from tests.browser.journeys import new_person, shot

pytestmark = pytest.mark.browser

# What the start page's cards ask for; held back until the empty cards have been measured.
CARD_DATA = re.compile(r"/api/(bookings|wants|notifications|listings)(\?|/|$)")


def positions(page) -> dict[str, float]:
    """Where "Mer i Delbar" and the account card start, and each card's height."""
    return page.evaluate("""() => Object.fromEntries(
        ['home-more', 'account-title'].map((id) => [id, document.getElementById(id)]).filter(([, e]) => e)
          .map(([id, e]) => [id, e.getBoundingClientRect().top + window.scrollY])
          .concat([...document.querySelectorAll('.home-section')].map((e) => [e.getAttribute('aria-labelledby'),
                   e.getBoundingClientRect().height])))""")


@pytest.mark.parametrize("width", [360, 1280])
def test_nothing_moves_while_the_start_page_loads(browser, live_server, width):
    context = browser.new_context(viewport={"width": width, "height": 800}, locale="sv-SE", base_url=live_server,
                                  service_workers="block")
    page = context.new_page()
    # A person of their own: the demo employee's cards grow with what other tests book and watch.
    sign_in(page, new_person(live_server))
    held = []

    def hold(route) -> None:
        held.append(route)

    page.route(CARD_DATA, hold)
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_function("document.querySelectorAll('.home-section[aria-busy=true]').length === 4")
    expect(page.get_by_role("heading", name="Ditt konto")).to_be_visible()
    loading = positions(page)
    shot(page, "home-loading")
    for route in held:
        route.continue_()
    page.unroute(CARD_DATA, hold)
    page.wait_for_function("!document.querySelector('.home-section[aria-busy=true]')")
    loaded = positions(page)
    shot(page, "home-loaded")
    assert loaded == pytest.approx(loading, abs=1)
    context.close()
