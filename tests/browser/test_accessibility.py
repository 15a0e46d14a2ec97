"""Every screen, as the person who uses it on a 360 px phone, checked by axe-core (the npm package
the accessibility audits of public-sector sites use) against WCAG 2.1 A and AA."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from tests.browser.field import sign_in, signed_in_http
from tests.browser.test_booking_view import requested_rental

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
EMPLOYEE, COORDINATOR = "medarbetare@skurup.exempel.se", "samordnare@ystad.exempel.se"
ADMIN = "admin@ystad.exempel.se"
WAREHOUSE, DRIVER = "lager@ystad.exempel.se", "chauffor@ystad.exempel.se"


def violations(page: Page, route: str) -> list[str]:
    """axe-core's WCAG 2.1 AA findings on route once it has loaded, one readable line each."""
    page.goto(route)
    # Not "network idle": screens that sync in the background never are on a busy machine. The
    # router has drawn the screen when its heading is there; it has its data when nothing is busy.
    expect(page.locator("main h1").first).to_be_visible()
    page.wait_for_function("!document.querySelector('[aria-busy=true]')")
    return [f"{route}: {finding}" for finding in axe_findings(page)]


def axe_findings(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 AA violations on the page as it is now, one readable line each (the
    rules' passes are not collected: only what fails is read)."""
    if not page.evaluate("typeof axe !== 'undefined'"):  # once per document: it is half a megabyte to parse
        page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "(tags) => axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']})", WCAG_21_AA)
    return [f"{v['id']} ({v['impact']}) at {node['target']}: {node['failureSummary']}"
            for v in result["violations"] for node in v["nodes"]]


def audit(browser: Browser, live_server: str, email: str | None, routes: list[str]) -> list[str]:
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=live_server)
    try:
        page = context.new_page()
        if email:
            sign_in(page, email)
        return [line for route in routes for line in violations(page, route)]
    finally:
        context.close()


@pytest.fixture(scope="module")
def booked(live_server) -> dict:
    """A Skurup employee's request for an Ystad projector: a listing, its item and a booking to look at."""
    return requested_rental(live_server)


def test_axe_is_installed():
    assert AXE.exists(), "node_modules/axe-core is missing; `make test` installs the Node packages"


def test_signed_out_screens(browser, live_server):
    assert audit(browser, live_server, None, ["/login", "/tillganglighet", "/Q/0000000Z"]) == []


def test_an_employee_s_screens(browser, live_server, booked):
    routes = ["/", "/annonser", "/annonser/ny", "/annonser/mina", "/efterlysningar", "/bokningar", "/notiser",
              "/notiser/installningar", "/inkopskontroll", f"/annons/{booked['listing']['id']}",
              f"/boka/{booked['listing']['id']}", f"/bokningar/{booked['id']}", "/finns-inte"]
    assert audit(browser, live_server, EMPLOYEE, routes) == []


@pytest.fixture(scope="module")
def move_project(live_server) -> str:
    """A move project of Ystad's with one thing registered, listed to the network from its share day; its id."""
    with signed_in_http(live_server, COORDINATOR) as http:
        day = (date.today() + timedelta(days=10)).isoformat()
        project = http.post("/api/projects", json={"name": "Flytt av biblioteket", "address": "Surbrunnsvägen 12",
                                                   "day": day}).json()
        project = http.post(f"/api/projects/{project['id']}/items", json={"title": "Bokhylla"}).json()
        share = (date.today() + timedelta(days=3)).isoformat()
        listed = http.post(f"/api/projects/{project['id']}/list-all",
                           json={"share_day": share, "version": project["version"]})
        assert listed.status_code == 200, listed.text
    return project["id"]


def test_the_coordinator_s_screens(browser, live_server, booked, move_project):
    routes = ["/arbetsko", "/att-godkanna", "/transporter", "/fakturaunderlag", "/rapport", "/miljofaktorer",
              f"/annons/{booked['listing']['id']}/andra", "/flyttprojekt", f"/flyttprojekt/{move_project}"]
    assert audit(browser, live_server, COORDINATOR, routes) == []


def test_the_warehouse_and_driver_screens(browser, live_server, booked):
    item = booked["item_ids"][0]
    with signed_in_http(live_server, WAREHOUSE) as http:
        shelf = next(place for place in http.get("/api/locations").json() if place["kind"] == "shelf")
    routes = ["/skriv-ut", "/koppla", "/behover-atgard", "/inventering", "/reparationer",
              f"/sak/{item}", f"/plats/{shelf['id']}"]
    assert audit(browser, live_server, WAREHOUSE, routes) == []
    assert audit(browser, live_server, DRIVER, ["/dagen", "/skanna"]) == []


def test_the_admin_s_screens(browser, live_server):
    routes = ["/admin", "/admin/anvandare", "/admin/enheter", "/admin/samverkan", "/admin/meddelanden",
              "/admin/faltlista", "/miljofaktorer"]
    assert audit(browser, live_server, ADMIN, routes) == []
