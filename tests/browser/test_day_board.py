"""The coordinator's day board: a job moves from one driver to another with the keyboard (the
"Flytta" form), the card then says who drives it, and the new driver's day list shows it on its next
load; at desk width the card is dragged onto another driver's day, and a move from a board gone
stale is refused with its reason and the board reloads. A job is taken off its driver with the
keyboard ("Ta bort från chauffören") or by dragging it back among the waiting jobs, and leaves the
driver's day."""

from __future__ import annotations

import re
import uuid

import pytest
from playwright.sync_api import expect

from backend.demo.data import DEMO_PASSWORD
from tests.browser.field import signed_in_http
from tests.browser.journeys import axe_clean, fits, open_as, shot
from tests.browser.seed import seed_rows
from tests.browser.test_catalog_editing import api_headers

pytestmark = pytest.mark.browser

COORDINATOR, DRIVER = "samordnare@ystad.exempel.se", "chauffor@ystad.exempel.se"


def second_driver(base: str) -> tuple[str, str]:
    """A new driver at Ystad's AME: (e-mail, name)."""
    tag = uuid.uuid4().hex[:4]
    email, name = f"kor-{tag}@ystad.exempel.se", f"Robin Kör {tag}"
    with signed_in_http(base, "admin@ystad.exempel.se") as admin:
        unit = next(u["id"] for u in admin.get("/api/units").json() if u["name"] == "Arbetsmarknadsenheten")
        made = admin.post("/api/users", json={"email": email, "name": name, "unit_id": unit, "roles": ["driver"],
                                              "password": DEMO_PASSWORD})
        assert made.status_code == 201, made.text
    return email, name


def test_coordinator_moves_a_job_to_another_driver(browser, live_server, live_database):
    job = seed_rows(live_database, "Ystad", 1, driver=DRIVER)["job"]
    email, name = second_driver(live_server)
    driver_context, driver = open_as(browser, live_server, "phone", email)
    driver.goto("/dagen")
    driver.get_by_role("button", name="Ta med dagen offline").click()
    expect(driver.locator(".shift-view__empty")).to_be_visible()

    context, page = open_as(browser, live_server, "phone", COORDINATOR)
    page.goto("/dagplanering")
    card = page.locator(f'[data-job="{job}"]')
    expect(card).to_contain_text("Körs av Peter Sjöberg")
    assert axe_clean(page) == []
    fits(page)
    shot(page, "day-board")

    # The keyboard's way: open "Flytta", pick the driver, Tab to "Flytta hit" and press Enter.
    card.get_by_text("Flytta", exact=True).focus()
    page.keyboard.press("Enter")
    card.get_by_label("Chaufför").select_option(label=name)
    assert axe_clean(page) == []
    shot(page, "day-board-move")
    card.get_by_label("Dag").focus()
    page.keyboard.press("Tab")
    expect(card.get_by_role("button", name="Flytta hit")).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator(".day-board__status")).to_contain_text(f"flyttat till {name}")
    card = page.locator(f'[data-job="{job}"]')
    expect(card).to_contain_text(f"Körs av {name}")
    expect(card).to_be_focused()
    expect(page.get_by_role("group", name=name).locator(f'[data-job="{job}"]')).to_have_count(1)

    # The new driver's day list shows the job the next time it opens.
    driver.goto("/dagen")
    # This job's own card (the demo driver's day also holds other tests' jobs to the same address).
    expect(driver.locator(f"a[href*='{job}']")).to_be_visible()
    driver_context.close()

    # At desk width every day is a column: drag the card onto the first driver's next day.
    page.set_viewport_size({"width": 1280, "height": 800})
    days = page.locator(".day-board__day")
    expect(days).to_have_count(5)
    target = days.nth(1).get_by_role("group", name="Peter Sjöberg")
    # The whole board on the screen: a drag that has to scroll between picking the card up and
    # dropping it picks up whatever card then lies under the pointer (another test's, on this server).
    page.set_viewport_size({"width": 1280, "height": page.evaluate("document.documentElement.scrollHeight") + 100})
    page.locator(f'[data-job="{job}"]').drag_to(target)
    expect(target.locator(f'[data-job="{job}"]')).to_contain_text(re.compile("Körs av Peter Sjöberg"))
    assert axe_clean(page) == []
    fits(page)
    shot(page, "day-board")

    # A colleague moves it meanwhile: this board's move is refused with the reason, and the board reloads.
    seen = page.request.get(f"/api/transport-jobs/{job}").json()
    robin = next(d["id"] for d in page.request.get("/api/transport-jobs/drivers").json() if d["name"] == name)
    other = page.request.post(f"/api/transport-jobs/{job}/assign", headers=api_headers(page), data={
        "driver_id": robin, "day": seen["day"], "version": seen["version"]})
    assert other.status == 200, other.text()
    card = page.locator(f'[data-job="{job}"]')
    card.get_by_text("Flytta", exact=True).click()
    card.get_by_label("Dag").select_option(index=4)
    card.get_by_role("button", name="Flytta hit").click()
    expect(page.locator(".day-board__status")).to_have_text(re.compile("Någon annan har ändrat.*Tavlan har laddats om"))
    expect(page.locator(f'[data-job="{job}"]')).to_contain_text(f"Körs av {name}")
    context.close()


def test_coordinator_takes_a_job_off_its_driver(browser, live_server, live_database):
    job = seed_rows(live_database, "Ystad", 1, driver=DRIVER)["job"]
    driver_context, driver = open_as(browser, live_server, "phone", DRIVER)
    driver.goto("/dagen")
    # This job's own card (the demo driver's day also holds other tests' jobs to the same address).
    expect(driver.locator(f"a[href*='{job}']")).to_be_visible()

    context, page = open_as(browser, live_server, "phone", COORDINATOR)
    page.goto("/dagplanering")
    card = page.locator(f'[data-job="{job}"]')
    expect(card).to_contain_text("Körs av Peter Sjöberg")

    # The keyboard's way: open "Flytta", Tab past the buttons to "Ta bort från chauffören" and press Enter.
    card.get_by_text("Flytta", exact=True).focus()
    page.keyboard.press("Enter")
    card.get_by_role("button", name="Avbryt").focus()
    page.keyboard.press("Tab")
    expect(card.get_by_role("button", name="Ta bort från chauffören")).to_be_focused()
    assert axe_clean(page) == []
    shot(page, "day-board-unassign")
    page.keyboard.press("Enter")
    expect(page.locator(".day-board__status")).to_contain_text("tillbaka bland dem som väntar på planering")
    waiting = page.locator(".day-board__waiting")
    expect(waiting.locator(f'[data-job="{job}"]')).to_contain_text("Ingen chaufför än")
    expect(page.locator(f'[data-job="{job}"]')).to_be_focused()

    # The driver's day no longer has it.
    driver.goto("/dagen")
    expect(driver.locator(".shift-view__jobs, .shift-view__empty").first).to_be_visible()
    expect(driver.locator(f"a[href*='{job}']")).to_have_count(0)
    driver_context.close()

    # At desk width: planned again, then dragged back among the waiting jobs.
    seen = page.request.get(f"/api/transport-jobs/{job}").json()
    drivers = page.request.get("/api/transport-jobs/drivers").json()
    peter = next(d["id"] for d in drivers if d["name"] == "Peter Sjöberg")
    board = page.request.get("/api/transport-jobs/board").json()
    planned = page.request.post(f"/api/transport-jobs/{job}/assign", headers=api_headers(page), data={
        "driver_id": peter, "day": board["days"][0], "version": seen["version"]})
    assert planned.status == 200, planned.text()
    page.set_viewport_size({"width": 1280, "height": 800})
    page.reload()
    expect(page.locator(f'[data-job="{job}"]')).to_contain_text("Körs av Peter Sjöberg")
    page.set_viewport_size({"width": 1280, "height": page.evaluate("document.documentElement.scrollHeight") + 100})
    page.locator(f'[data-job="{job}"]').drag_to(waiting)
    expect(waiting.locator(f'[data-job="{job}"]')).to_contain_text("Ingen chaufför än")
    assert axe_clean(page) == []
    fits(page)
    shot(page, "day-board-unassigned")

    # A job with no driver cannot be taken off one: the API says why.
    again = page.request.get(f"/api/transport-jobs/{job}").json()
    refused = page.request.post(f"/api/transport-jobs/{job}/unassign", headers=api_headers(page),
                                data={"version": again["version"]})
    assert refused.status == 409 and refused.json()["error"] == "not_assigned"
    context.close()
