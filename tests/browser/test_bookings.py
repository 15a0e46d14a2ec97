"""A booking across municipalities, end to end: request, approval, transport job, plan, driver's day."""

from __future__ import annotations

import re
from datetime import timedelta
from zoneinfo import ZoneInfo

from playwright.sync_api import expect

from tests.browser.field import sign_in, signed_in_http

# Its own street: other files' tests deliver to Skolgatan on the same server, and the coordinator must find this job.
ADDRESS = "Köpmansgatan 7, 274 30 Skurup"


def local_day(offset: int) -> str:
    from datetime import datetime

    return (datetime.now(ZoneInfo("Europe/Stockholm")).date() + timedelta(days=offset)).isoformat()


def ystad_chair(base: str) -> str:
    """An Ystad AME chair, published to the network, made through the catalogue's API."""
    with signed_in_http(base, "samordnare@ystad.exempel.se") as http:
        listing = http.post("/api/listings", json={"kind": "furniture", "deal": "lend", "title": "Kontorsstol Ystad",
                                                   "quantity": 1, "visibility": "network", "publish": True})
        assert listing.status_code == 201, listing.text
        return listing.json()["id"]


def as_user(browser, live_server, email):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=live_server)
    page = context.new_page()
    sign_in(page, email)
    return context, page


class TestBookingAcrossMunicipalities:
    def test_skurup_books_an_ystad_chair_and_the_driver_sees_the_delivery(self, page, browser, live_server):
        listing = ystad_chair(live_server)
        sign_in(page, "medarbetare@skurup.exempel.se")
        page.goto(f"/boka/{listing}")
        expect(page.get_by_role("heading", name="Lediga dagar")).to_be_visible()
        page.get_by_label("Från och med").fill(local_day(3))
        page.get_by_label("Återlämnas").fill(local_day(6))
        address = page.get_by_label("Leveransadress (valfri)")
        # Ystad's AME charges 450 kr per delivery; the requester is told before asking.
        expect(address).to_have_accessible_description(
            re.compile(r"Transporten kostar 450\s*kr och debiteras din enhet"))
        address.fill(ADDRESS)
        page.get_by_role("button", name="Skicka förfrågan").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Mina bokningar")
        # Other tests' bookings may be listed too: look at this chair's card only.
        mine = page.get_by_role("article", name="Kontorsstol Ystad")
        expect(mine.get_by_text("Förfrågan skickad")).to_be_visible()

        context, owner = as_user(browser, live_server, "lager@ystad.exempel.se")
        owner.goto("/att-godkanna")
        card = owner.get_by_role("article").filter(has_text="Kontorsstol Ystad")
        card.get_by_role("button", name="Godkänn").click()
        expect(owner.get_by_role("status").filter(has_text="Bokningen är godkänd.")).to_be_visible()
        context.close()

        context, coordinator = as_user(browser, live_server, "samordnare@ystad.exempel.se")
        coordinator.goto("/transporter")
        # The delivery (a loan's return trip is planned beside it, named after where it comes back from).
        job = coordinator.get_by_role("article", name=ADDRESS, exact=True)
        expect(job).to_contain_text("Ej tilldelat")
        job.get_by_label("Chaufför").select_option(label="Peter Sjöberg")
        job.get_by_label("Dag").fill(local_day(0))
        job.get_by_role("button", name="Tilldela").click()
        expect(coordinator.get_by_role("status").filter(has_text="Uppdraget är tilldelat.")).to_be_visible()
        context.close()

        context, driver = as_user(browser, live_server, "chauffor@ystad.exempel.se")
        driver.goto("/dagen")
        driver.get_by_role("button", name="Ta med dagen offline").click()
        expect(driver.get_by_test_id("shift-job").filter(has_text=ADDRESS)).to_be_visible()
        context.close()

        page.reload()
        expect(mine.get_by_text("Godkänd", exact=True)).to_be_visible()
        expect(mine.get_by_text(re.compile("arbetsmarknadsenheten kör ut"))).to_be_visible()

        # The booking's own page says when it comes: the day the coordinator planned.
        mine.get_by_role("link", name="Kontorsstol Ystad").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Bokning")
        expect(page.get_by_text(f"Levereras till {ADDRESS}")).to_be_visible()
        expect(page.get_by_text(re.compile(r"^Transport: en chaufför kör den \d+ \w+\.? \d{4}\.$"))).to_be_visible()

    def test_overlapping_your_own_booking_is_refused_in_words_next_to_the_button(self, page, live_server):
        listing = ystad_chair(live_server)
        sign_in(page, "medarbetare@skurup.exempel.se")
        for start, end in ((3, 6), (4, 8)):
            page.goto(f"/boka/{listing}")
            page.get_by_label("Från och med").fill(local_day(start))
            page.get_by_label("Återlämnas").fill(local_day(end))
            page.get_by_role("button", name="Skicka förfrågan").click()
            if start == 3:  # the first request is sent before the second one is tried
                expect(page).to_have_url(re.compile("/bokningar$"))
        expect(page.get_by_role("status").filter(has_text="Du har redan en bokning av det här")).to_be_visible()
        expect(page.get_by_role("heading", level=1)).to_have_text("Boka")
