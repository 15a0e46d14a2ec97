"""Taking the shift offline: the day and the warehouse's places are kept on the phone, and the
app starts, lists them and opens the scan screen with the network off. The day comes to a driver's
phone without a tap, and a job the coordinator gives or takes shows on the open page when the
network returns or a push tells of it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.field import (
    DRIVER,
    controlled_by_worker,
    deliver_push,
    sign_in,
    signed_in_http,
    type_code,
    until_true,
)
from tests.browser.journeys import fits, shot
from tests.browser.test_accessibility import axe_findings

pytestmark = pytest.mark.browser


def take_day_offline(page) -> None:
    """Open the day (it comes by itself), then fetch it again with the button."""
    page.goto("/dagen")
    expect(page.get_by_test_id("shift-fetched")).to_contain_text("Hämtad")
    page.get_by_role("button", name="Ta med dagen offline").click()
    expect(page.get_by_role("button", name="Ta med dagen offline")).not_to_have_attribute("aria-disabled", "true")
    expect(page.get_by_test_id("shift-fetched")).to_contain_text("Hämtad")


def day_fetched_by_this_page(page) -> None:
    """Wait until the day this page fetched by itself on start is stored and no fetch runs, so a
    day a test stores is not overwritten behind its back."""
    until_true(page, """import("/js/offline/shift.js").then((m) => m.loadShift())
        .then((s) => Boolean(s) && Date.parse(s.fetchedAt) > performance.timeOrigin)""")
    until_true(page, """import("/js/offline/day-fetch.js").then((m) => m.dayFetchSettled()).then(() => true)""")


class TestOfflineShift:
    def test_day_taken_offline_shows_when_it_was_fetched_after_an_offline_reload(self, page):
        sign_in(page, DRIVER)
        controlled_by_worker(page)
        take_day_offline(page)
        fetched = page.get_by_test_id("shift-fetched").text_content()
        places = page.get_by_text(re.compile(r"\d+ lagerplatser sparade")).text_content()
        page.context.set_offline(True)
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_have_text("Dagens körningar")
        expect(page.get_by_test_id("shift-fetched")).to_have_text(fetched)
        expect(page.get_by_text(places)).to_be_visible()
        page.context.set_offline(False)

    def test_warehouse_places_are_the_ones_the_server_lists(self, page):
        sign_in(page, DRIVER)
        take_day_offline(page)
        count = len(page.request.get("/api/locations").json())
        assert count > 0
        expect(page.get_by_text(f"{count} lagerplatser sparade")).to_be_visible()

    def test_scan_screen_opens_offline_from_a_cold_start(self, page):
        sign_in(page, DRIVER)
        controlled_by_worker(page)
        take_day_offline(page)
        page.context.set_offline(True)
        page.goto("/skanna")
        expect(page.get_by_role("heading", level=1)).to_have_text("Skanna")
        # No camera in this browser: the screen says so and typing the code still works.
        expect(page.locator(".scan-view")).to_have_attribute("data-ready", "none")
        expect(page.get_by_label("Skriv koden")).to_be_editable()
        page.context.set_offline(False)

    def test_taking_the_day_without_a_network_says_so_and_keeps_nothing(self, page):
        sign_in(page, DRIVER)
        controlled_by_worker(page)
        page.goto("/dagen")
        expect(page.get_by_test_id("shift-fetched")).to_contain_text("Hämtad")
        day_fetched_by_this_page(page)
        page.context.set_offline(True)
        # A phone that never had the day: the one fetched on opening is forgotten.
        page.evaluate("""import("/js/offline/shift.js").then((m) => m.clearShift())""")
        page.reload()
        expect(page.get_by_text("Dagen är inte hämtad")).to_be_visible()
        page.get_by_role("button", name="Ta med dagen offline").click()
        expect(page.get_by_role("status").filter(has_text="gick inte att hämta")).to_be_visible()
        expect(page.get_by_test_id("shift-fetched")).to_have_count(0)
        page.context.set_offline(False)


def store_day(page, jobs: list[dict]) -> None:
    """Put a day in the phone's store in the shape GET /api/transport-jobs answers."""
    page.evaluate(
        """async (jobs) => {
            const { run, SHIFT_STORE } = await import("/js/db.js");
            const shift = { day: "2026-11-25", fetchedAt: new Date().toISOString(), jobs, jobsAvailable: true,
                            locations: [], states: {} };
            await run(SHIFT_STORE, "readwrite", (s) => s.put(shift, "current"));
        }""",
        jobs,
    )


SHELF = {"location_id": "7c1d2e3f-4a5b-4c6d-8e7f-8091a2b3c4d5", "name": "Hylla B3",
         "address": "Norregatan 4, 274 33 Skurup", "path": ["Lager Norregatan", "Rum 2", "Hylla B3"]}
JOB = {
    "id": "0b6f1f0e-6a53-4d43-9a3c-4a3f0f7d9e11",
    "status": "planned",
    "wanted_date": "2026-11-25",
    "pickup": SHELF,
    "delivery": {"location_id": None, "name": "", "address": "Bryggaregatan 6, 274 30 Skurup", "path": []},
    "items": [{"id": "5f2b7a8c-1d2e-4f3a-9b4c-5d6e7f8a9b0c", "title": "Skrivbord höj och sänkbart",
               "code": "", "state": "in_transit", "thumbnail_url": None, "place": SHELF}],
    "time_window": "08-12",
    "recipient_name": "Robin Lånar",
    "recipient_phone": "0411-55 50 00",
    "room": "Skurups bibliotek, plan 2",
    "note": "Ring på vid lastkajen",
}


class TestStoredDay:
    def test_jobs_of_the_stored_day_are_listed_offline(self, page):
        sign_in(page, DRIVER)
        controlled_by_worker(page)
        day_fetched_by_this_page(page)
        store_day(page, [JOB])
        page.context.set_offline(True)
        page.goto("/dagen")
        assert page.viewport_size["width"] == 360
        job = page.get_by_test_id("shift-job")
        expect(job).to_contain_text("Skurups bibliotek")
        expect(job).to_contain_text("Skrivbord höj och sänkbart")
        expect(job).to_contain_text("Under transport")
        # Down to the shelf, when, who takes it, a number to tap and the way there: all from the phone.
        expect(job.get_by_test_id("job-item-place")).to_have_text("Plats: Hylla B3, Rum 2, Lager Norregatan")
        expect(job).to_contain_text("Kl. 08–12")
        expect(job).to_contain_text("Tas emot av Robin Lånar")
        expect(job).to_contain_text("Ring på vid lastkajen")
        call = job.get_by_role("link", name="Ring 0411-55 50 00")
        expect(call).to_have_attribute("href", "tel:0411555000")
        way = job.get_by_role("link", name="Visa vägen till Bryggaregatan 6, 274 30 Skurup")
        expect(way).to_have_attribute(
            "href", "https://www.google.com/maps/search/?api=1&query=Bryggaregatan%206%2C%20274%2030%20Skurup")
        for target in (call, way):
            box = target.bounding_box()
            assert box and box["height"] >= 44 and box["width"] >= 44
        fits(page)
        assert axe_findings(page) == []
        shot(page, "driver-day")
        page.set_viewport_size({"width": 1280, "height": 800})
        fits(page)
        shot(page, "driver-day")
        job.get_by_role("link", name="Skanna för den här körningen").click()
        expect(page).to_have_url(re.compile(r"/skanna\?uppgift=jobb&jobb=0b6f1f0e"))
        page.context.set_offline(False)

    def test_offline_scan_offers_only_what_the_stored_state_allows_and_remembers_the_result(self, page):
        from labels import new_codes

        code = new_codes(1)[0]
        job = {**JOB, "items": [{**JOB["items"][0], "code": code}]}
        sign_in(page, DRIVER)
        controlled_by_worker(page)
        day_fetched_by_this_page(page)
        store_day(page, [job])
        page.context.set_offline(True)
        page.goto(f"/skanna?uppgift=jobb&jobb={job['id']}")
        type_code(page, code)
        actions = page.get_by_test_id("scan-result").locator("[data-action]")
        expect(actions).to_have_count(1)
        expect(actions).to_have_text("Leverera")  # in transit: deliver, nothing else
        actions.click()
        expect(page.get_by_test_id("scan-feedback")).to_contain_text("Sparat: Leverera – Skrivbord")
        type_code(page, code)
        expect(page.get_by_test_id("scan-result")).to_contain_text("Levererad")
        expect(actions).to_have_text(["Hämta", "Ta tillbaka"])
        page.context.set_offline(False)


COORDINATOR, YSTAD_DRIVER = "samordnare@ystad.exempel.se", "chauffor@ystad.exempel.se"


def new_driver(base: str) -> tuple[str, str]:
    """A new driver at Ystad's AME, so the day holds only this test's jobs: (e-mail, id)."""
    import uuid

    from backend.demo.data import DEMO_PASSWORD

    email = f"dag-{uuid.uuid4().hex[:6]}@ystad.exempel.se"
    with signed_in_http(base, "admin@ystad.exempel.se") as admin:
        unit = next(u["id"] for u in admin.get("/api/units").json() if u["name"] == "Arbetsmarknadsenheten")
        made = admin.post("/api/users", json={"email": email, "name": "Kim Dagsfärsk", "unit_id": unit,
                                              "roles": ["driver"], "password": DEMO_PASSWORD})
        assert made.status_code == 201, made.text
        return email, made.json()["id"]


def assign(base: str, job: str, driver_id: str) -> None:
    """The coordinator plans the job onto the driver for today, the way the day board does."""
    from tests.browser.seed import phone_today

    with signed_in_http(base, COORDINATOR) as coordinator:
        version = coordinator.get(f"/api/transport-jobs/{job}").json()["version"]
        done = coordinator.post(f"/api/transport-jobs/{job}/assign",
                                json={"driver_id": driver_id, "day": phone_today().isoformat(), "version": version})
        assert done.status_code == 200, done.text


class TestDayWithoutATap:
    def test_the_day_comes_by_itself_stays_offline_and_follows_the_coordinator(self, page, live_server,
                                                                                 live_database):
        from tests.browser.seed import seed_rows

        email, driver_id = new_driver(live_server)
        first = seed_rows(live_database, "Ystad", 1, driver=email)["job"]
        sign_in(page, email)
        controlled_by_worker(page)
        page.goto("/dagen")
        expect(page.locator(f"a[href*='{first}']")).to_be_visible()  # no tap on the button
        expect(page.get_by_test_id("shift-fetched")).to_contain_text("Hämtad")

        page.context.set_offline(True)
        page.reload()
        expect(page.get_by_role("heading", level=1)).to_have_text("Dagens körningar")
        expect(page.locator(f"a[href*='{first}']")).to_be_visible()

        # While the phone is offline the coordinator gives it a second job; it shows when the network returns.
        second = seed_rows(live_database, "Ystad", 1, driver=YSTAD_DRIVER)["job"]
        assign(live_server, second, driver_id)
        expect(page.locator(f"a[href*='{second}']")).to_have_count(0)
        page.context.set_offline(False)
        # A first try on a network just back may fail; the page tries again within 2 s (RETRY_MS).
        expect(page.locator(f"a[href*='{second}']")).to_be_visible(timeout=15_000)
        expect(page.locator(f"a[href*='{first}']")).to_be_visible()

        # The first job goes to another driver: the push the server sends about it updates the open list.
        assign(live_server, first, ystad_driver_id(live_server))
        deliver_push(page, live_server, {"id": "x", "kind": "job_changed", "title": "Ändrat uppdrag",
                                           "body": "Flyttat", "url": "/dagen", "tag": f"job-{first}"})
        expect(page.locator(f"a[href*='{first}']")).to_have_count(0)
        expect(page.locator(f"a[href*='{second}']")).to_be_visible()


def ystad_driver_id(base: str) -> str:
    with signed_in_http(base, YSTAD_DRIVER) as driver:
        return driver.get("/api/session").json()["user"]["id"]
