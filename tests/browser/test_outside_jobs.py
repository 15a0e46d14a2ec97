"""A pickup outside the driver's jobs at 360 px: the phone asks (online and offline), a refusal records
nothing, a confirmed pickup is queued flagged and held by the server, and the coordinator sees who took
what into which vehicle and when, and decides."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from backend.demo.data import AME_UNIT
from tests.browser.field import controlled_by_worker, outbox, signed_in_http, type_code, until_true
from tests.browser.journeys import axe_clean, fits, new_person, open_as, shot
from tests.browser.seed import seed_rows
from tests.browser.test_offline_shift import day_fetched_by_this_page, new_driver

pytestmark = pytest.mark.browser
QUESTION = "Det här föremålet finns inte i dina uppdrag. Hämta ändå?"



def held_states(base: str, coordinator: str, item: str) -> list[tuple[str, str]]:
    with signed_in_http(base, coordinator) as http:
        return [(h["action"], h["outcome"]) for h in http.get(f"/api/items/{item}/history").json()]


def load(page, van: str, code: str) -> None:
    """Loading mode: the van, then the item, then the load button."""
    page.goto("/skanna?uppgift=lastning")
    type_code(page, van)
    expect(page.get_by_test_id("scan-feedback")).to_contain_text("vald")
    type_code(page, code)
    page.get_by_test_id("scan-result").locator("[data-action=pickup]").click()


def test_the_driver_is_asked_and_the_coordinator_decides(browser, live_server, live_database):
    driver, _ = new_driver(live_server)
    mine = seed_rows(live_database, "Ystad", 1, driver=driver)  # the driver's job, with its van
    others = seed_rows(live_database, "Ystad", 2)  # items on none of the driver's jobs
    online, offline = others["items"]
    coordinator = new_person(live_server, "ystad", AME_UNIT, "Alex Samordnare", ("coordinator",))
    context, page = open_as(browser, live_server, "phone", driver)
    try:
        controlled_by_worker(page)
        page.goto("/dagen")
        expect(page.get_by_test_id("shift-job")).to_contain_text("Kontorsstol 1")
        day_fetched_by_this_page(page)

        load(page, mine["van"]["code"], online["code"])
        question = page.get_by_test_id("outside-jobs")
        expect(question).to_contain_text(QUESTION)
        fits(page)
        assert axe_clean(page) == []
        shot(page, "outside-jobs-question")
        question.get_by_role("button", name="Låt bli").click()
        expect(page.get_by_text("Ingen hämtning sparad för")).to_be_visible()
        assert outbox(page) == []

        load(page, mine["van"]["code"], online["code"])
        page.get_by_test_id("outside-jobs").get_by_role("button", name="Hämta ändå").click()
        expect(page.get_by_text("Samordnaren avgör om hämtningen står sig")).to_be_visible()

        # Offline the kept day tells the phone the same.
        page.context.set_offline(True)
        load(page, mine["van"]["code"], offline["code"])
        page.get_by_test_id("outside-jobs").get_by_role("button", name="Hämta ändå").click()
        expect(page.get_by_text("Samordnaren avgör om hämtningen står sig")).to_be_visible()
        queued = outbox(page)
        assert [(e["code"], e.get("outside_jobs")) for e in queued][-1] == (offline["code"], True)
        page.context.set_offline(False)
        page.evaluate("""import("/js/outbox/sync.js").then((m) => m.afterEnqueue())""")
        until_true(page, """import("/js/db.js").then(async ({ openDb, OUTBOX_STORE }) => {
            const db = await openDb();
            return new Promise((resolve) => {
                const request = db.transaction(OUTBOX_STORE).objectStore(OUTBOX_STORE).count();
                request.onsuccess = () => resolve(request.result === 0);
            });
        })""", timeout=30)
        page.goto("/behover-atgard")
        expect(page.get_by_text("Inget behöver åtgärdas.")).to_be_visible()  # held, not refused
    finally:
        context.close()

    assert held_states(live_server, coordinator, online["id"]) == [("pickup", "held")]
    for width in ("phone", "desk"):
        desk_context, desk = open_as(browser, live_server, width, coordinator)
        try:
            desk.goto("/arbetsko")
            rows = desk.get_by_test_id("held-pickup")
            expect(rows).to_have_count(2)
            expect(rows.first).to_contain_text("Kontorsstol 1")
            expect(rows.first).to_contain_text("Hämtad av Kim Dagsfärsk till Skåpbil ABC 123")
            expect(rows.first).to_contain_text("föraren bekräftade")
            fits(desk)
            assert axe_clean(desk) == []
            shot(desk, "outside-jobs-work-queue")
            if width == "desk":
                rows.first.get_by_role("button", name="Godkänn hämtningen").click()
                expect(desk.get_by_test_id("held-pickup")).to_have_count(1)
                desk.get_by_test_id("held-pickup").get_by_role("button", name="Ska tillbaka").click()
                expect(desk.get_by_test_id("held-pickup")).to_have_count(0)
        finally:
            desk_context.close()
    assert held_states(live_server, coordinator, online["id"]) == [("pickup", "applied"), ("pickup", "held")]
    assert held_states(live_server, coordinator, offline["id"]) == [("pickup", "held")]
