"""The navigation that is always there (a tab bar on a phone, a sidebar at desk width) and the start
page that does something, as an employee and as warehouse staff see them, at 360 and 1280 px."""

from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest
from playwright.sync_api import Page, expect

from tests.browser.field import signed_in_http
from tests.browser.journeys import axe_clean, fits, new_person, open_as, shot, unique, ystad_listing
from tests.browser.test_bookings import local_day

pytestmark = pytest.mark.browser

EMPLOYEE, WAREHOUSE = "medarbetare@ystad.exempel.se", "lager@ystad.exempel.se"
# Each role's tabs, then the screens without a tab (on the start page on a phone, in the sidebar at desk).
PLACES = {
    EMPLOYEE: (["Hem", "Sök", "Lägg upp", "Bokningar", "Notiser"],
               ["Min enhets annonser", "Efterlysningar", "Att godkänna", "Inköpskontroll"]),
    WAREHOUSE: (["Hem", "Skanna", "Jobb", "Sök", "Notiser"],
                ["Lägg upp", "Min enhets annonser", "Efterlysningar", "Bokningar", "Att godkänna",
                 "Skriv ut etiketter", "Koppla etikett till sak", "Inventering", "Inköpskontroll"]),
}


def named(name: str) -> re.Pattern:
    """A link's name: the text, or the text and a count ("Notiser, 2 olästa notiser")."""
    return re.compile(rf"^{re.escape(name)}(,.*)?$")


def box(nav) -> dict:
    """Where the navigation is drawn, found and measured in one step in the page.

    The unread count's arrival redraws the navigation: a handle found in one step and measured in
    the next may be the one just taken out of the page, which measures as all zeros.
    """
    return nav.page.evaluate("""() => { const r = document.querySelector("nav.app-nav").getBoundingClientRect();
                                return {left: r.left, width: r.width, bottom: r.bottom}; }""")


def visit(page: Page, link) -> None:
    """Follow a navigation link; the screen it names comes up and the navigation marks it."""
    href = link.get_attribute("href")
    link.click()
    expect(page).to_have_url(re.compile(rf"{re.escape(href)}$"))
    expect(page.locator("main h1").first).to_be_visible()
    expect(page.locator("main h1").first).not_to_have_text("Sidan finns inte")
    nav = page.get_by_role("navigation", name="Huvudmeny")
    expect(nav.locator(f'a[href="{href}"]')).to_have_attribute("aria-current", "page")


class TestNavigation:
    @pytest.mark.parametrize("email", [EMPLOYEE, WAREHOUSE], ids=["employee", "warehouse"])
    def test_the_phone_s_tab_bar_and_start_page_reach_every_destination(self, browser, live_server, email):
        context, page = open_as(browser, live_server, "phone", email)
        try:
            tabs, more = PLACES[email]
            nav = page.get_by_role("navigation", name="Huvudmeny")
            expect(nav.get_by_role("link")).to_have_count(len(tabs))
            expect(nav.locator(".app-nav__text")).to_have_text(tabs)
            expect(nav.get_by_role("link", name="Hem", exact=True)).to_have_attribute("aria-current", "page")
            assert box(nav)["bottom"] == pytest.approx(740, abs=1), "the tab bar sits at the bottom"
            for name in tabs:
                visit(page, nav.get_by_role("link", name=named(name)))
                fits(page)
            for name in more:
                nav.get_by_role("link", name="Hem", exact=True).click()
                # The start page's cards fill in above the list and push it down: tap once they are in.
                page.wait_for_function("!document.querySelector('[aria-busy=true]')")
                visit(page, page.get_by_role("region", name="Mer i Delbar").get_by_role("link", name=name, exact=True))
        finally:
            context.close()

    @pytest.mark.parametrize("email", [EMPLOYEE, WAREHOUSE], ids=["employee", "warehouse"])
    def test_the_desk_sidebar_reaches_every_destination(self, browser, live_server, email):
        context, page = open_as(browser, live_server, "desk", email)
        try:
            tabs, more = PLACES[email]
            nav = page.get_by_role("navigation", name="Huvudmeny")
            where = box(nav)
            assert where["left"] == 0 and where["width"] < 300, "a sidebar on the left"
            expect(page.get_by_role("region", name="Mer i Delbar")).to_have_count(0)
            for name in tabs + more:
                visit(page, nav.get_by_role("link", name=named(name)))
            shot(page, f"nav-{email.split('@')[0]}")
        finally:
            context.close()

    def test_the_navigation_speaks_english(self, browser, live_server):
        # A person of its own: the language chosen is kept on the account, and the demo's
        # employee must stay Swedish for the tests that sign in as them later.
        context, page = open_as(browser, live_server, "phone", new_person(live_server, name="Nav English"))
        try:
            english = []
            context.on("request", lambda r: english.append(r.url) if "/messages/en" in r.url else None)
            expect(page.get_by_role("navigation", name="Huvudmeny")).to_be_visible()
            assert english == [], "a Swedish visit fetched the English texts"
            page.get_by_role("button", name="English").click()
            nav = page.get_by_role("navigation", name="Main menu")
            expect(nav.locator(".app-nav__text")).to_have_text(["Home", "Search", "Post", "Bookings", "Notifications"])
            assert english, "English was shown without its texts being fetched"
            # The next visit opens in English at once: the texts load before the first screen.
            page.reload()
            expect(nav.locator(".app-nav__text")).to_have_text(["Home", "Search", "Post", "Bookings", "Notifications"])
            expect(page.locator("html")).to_have_attribute("lang", "en")
        finally:
            context.close()

    def test_signed_out_there_is_no_navigation(self, page):
        page.goto("/login")
        expect(page.get_by_role("heading", level=1)).to_have_text("Logga in")
        expect(page.get_by_role("navigation", name="Huvudmeny")).to_have_count(0)


@pytest.fixture(scope="module")
def busy_employee(live_server) -> dict:
    """A new Skurup employee with a want that matches an Ystad listing and a request for another."""
    email = new_person(live_server, name="Hemma Sidan")
    wanted = unique("Ståbord")
    ystad_listing(live_server, wanted)
    lent = unique("Rullbord")
    lent_id = ystad_listing(live_server, lent)
    with signed_in_http(live_server, email) as http:
        want = http.post("/api/wants", json={"text": wanted, "kind": "furniture"})
        assert want.status_code == 201, want.text
        booking = http.post("/api/bookings", json={"listing_id": lent_id, "start": local_day(3), "end": local_day(5)})
        assert booking.status_code == 201, booking.text
    return {"email": email, "wanted": wanted, "lent": lent}


class TestHome:
    @pytest.mark.parametrize("width", ["phone", "desk"])
    def test_the_start_page_shows_what_waits_what_is_near_and_what_is_mine(self, browser, live_server,
                                                                         busy_employee, width):
        context, page = open_as(browser, live_server, width, busy_employee["email"])
        try:
            page.wait_for_function("!document.querySelector('[aria-busy=true]')")
            waiting = page.get_by_role("region", name="Väntar på dig")
            expect(waiting.get_by_role("link", name=re.compile(r"^1 träff på dina efterlysningar$"))).to_be_visible()

            near = page.get_by_role("region", name="Nytt nära dig")
            expect(near.get_by_role("region", name="I Skurup").locator(".listing-card").first).to_be_visible()
            network = near.get_by_role("region", name="I samverkan med andra kommuner")
            expect(network.locator(".listing-card").first).to_contain_text("Ystad")
            unit = near.get_by_role("region", name="Från Kultur och fritid")
            expect(unit.locator(".listing-card").first).to_be_visible()

            bookings = page.get_by_role("region", name="Dina förfrågningar och bokningar")
            expect(bookings.get_by_role("link", name=busy_employee["lent"])).to_be_visible()
            expect(bookings).to_contain_text("Förfrågan skickad")
            expect(bookings).to_contain_text("Nästa steg: ägaren svarar på förfrågan.")

            wants = page.get_by_role("region", name="Dina efterlysningar")
            expect(wants.get_by_role("listitem").filter(has_text=busy_employee["wanted"])).to_contain_text("1 träff")

            fits(page)
            shot(page, "home")
            assert axe_clean(page) == []
        finally:
            context.close()

    def test_the_search_field_opens_the_catalogue_with_the_query(self, browser, live_server, busy_employee):
        context, page = open_as(browser, live_server, "phone", busy_employee["email"])
        try:
            page.get_by_label("Vad behöver du?").fill("ståbord")
            page.get_by_role("search").get_by_role("button", name="Sök").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Sök annonser")
            assert urlparse(page.url).path == "/annonser" and "q=st%C3%A5bord" in page.url
            expect(page.get_by_label("Sökord")).to_have_value("ståbord")
            expect(page.get_by_role("link", name=busy_employee["wanted"])).to_be_visible()
        finally:
            context.close()

    def test_another_screen_with_the_navigation_passes_axe_at_desk_width(self, browser, live_server, busy_employee):
        context, page = open_as(browser, live_server, "desk", busy_employee["email"])
        try:
            page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Bokningar").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Mina bokningar")
            shot(page, "bookings-with-nav")
            assert axe_clean(page) == []
        finally:
            context.close()
