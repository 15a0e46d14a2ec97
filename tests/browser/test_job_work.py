"""A driver records their own work time on a job card of their day: themselves or a team the AME
keeps, and the minutes; a wrong number is said next to its field, and with no network the form says
the time is not saved offline. The minutes reach the impact report."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.field import signed_in_http
from tests.browser.journeys import axe_clean, fits, open_as, shot
from tests.browser.seed import seed_rows
from tests.browser.test_offline_shift import new_driver

pytestmark = pytest.mark.browser

COORDINATOR = "samordnare@ystad.exempel.se"


def test_a_driver_records_their_own_time_on_a_job(browser, live_server, live_database):
    # A driver of their own: the demo driver's day holds other tests' jobs to the same address.
    driver, _ = new_driver(live_server)
    seed_rows(live_database, "Ystad", 1, driver=driver)
    team = f"Lag Öst {uuid.uuid4().hex[:4]}"
    with signed_in_http(live_server, COORDINATOR) as coordinator:
        made = coordinator.post("/api/ame-participants", json={"name": team, "kind": "team"})
        assert made.status_code == 201, made.text
        before = coordinator.get("/api/impact/report").json()["work"]["total_minutes"]

    context, page = open_as(browser, live_server, "phone", driver)
    page.goto("/dagen")
    card = page.get_by_test_id("shift-job").filter(has_text="Bryggaregatan 6")
    expect(card).to_have_count(1)
    card.get_by_text("Arbetstid", exact=True).click()
    who = card.get_by_label("Vem gjorde jobbet?")
    expect(who.locator("option")).to_contain_text(["Jag själv", team])

    # Too many minutes: the reason stands under the field, which gets the focus.
    card.get_by_label("Minuter (1–1440)").fill("2000")
    card.get_by_role("button", name="Spara arbetstiden").click()
    expect(card.locator(".job-work__error")).to_have_text("Skriv hur många minuter jobbet tog, 1 till 1440.")
    expect(card.get_by_label("Minuter (1–1440)")).to_be_focused()

    card.get_by_label("Minuter (1–1440)").fill("45")
    card.get_by_role("button", name="Spara arbetstiden").click()
    expect(card.get_by_role("status")).to_have_text("45 minuter sparade för Jag själv.")
    assert axe_clean(page) == []
    fits(page)
    shot(page, "job-work")

    who.select_option(label=team)
    card.get_by_label("Minuter (1–1440)").fill("30")
    card.get_by_role("button", name="Spara arbetstiden").click()
    expect(card.get_by_role("status")).to_have_text(f"30 minuter sparade för {team}.")

    # No network: nothing is sent, and the driver is told to save again later.
    context.set_offline(True)
    card.get_by_label("Minuter (1–1440)").fill("20")
    card.get_by_role("button", name="Spara arbetstiden").click()
    expect(card.locator(".job-work__error")).to_contain_text("Arbetstiden sparas inte offline")
    context.set_offline(False)

    page.set_viewport_size({"width": 1280, "height": 900})
    fits(page)
    shot(page, "job-work")
    context.close()

    with signed_in_http(live_server, COORDINATOR) as coordinator:
        work = coordinator.get("/api/impact/report").json()["work"]
        assert work["total_minutes"] - before == 75
        names = [p["name"] for p in coordinator.get("/api/ame-participants").json()]
        assert "Kim Dagsfärsk" in names and team in names  # the driver, kept under their own name
