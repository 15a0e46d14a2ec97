"""Repair before reuse in the PWA: send an item to repair from its page, record the work and finish it in
the repair queue, and list the repaired item in one step; at 360 px, with a look at 1280 px."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from backend.demo.data import AME_UNIT
from tests.browser.journeys import axe_clean, fits, new_person, open_as, shot, unique
from tests.browser.test_labels import bare_item

pytestmark = pytest.mark.browser



def send_to_repair(page: Page, item: str, needs: str) -> None:
    page.goto(f"/sak/{item}")
    page.locator("summary", has_text="Skicka till reparation").click()
    page.get_by_label("Vad behöver göras?").fill(needs)
    page.get_by_role("button", name="Skicka till reparation").click()
    expect(page.get_by_role("status").filter(has_text="Skickad till reparation")).to_be_visible()


class TestRepair:
    def test_an_item_is_sent_to_repair_mended_and_listed_in_one_step(self, browser, live_server, live_database):
        title = unique("Kontorsstol Kinnarps")
        item = bare_item(live_database, title, "Lager Reparation", "Hylla R1")
        coordinator = new_person(live_server, "ystad", AME_UNIT, "Kim Lagare", ("coordinator",))
        context, page = open_as(browser, live_server, "phone", coordinator)
        try:
            send_to_repair(page, item, "Ny klädsel på sitsen")
            page.reload()
            expect(page.get_by_text("Väntar på reparation: Ny klädsel på sitsen")).to_be_visible()
            expect(page.locator(".scan-history")).to_contain_text("Skickad till reparation")
            assert axe_clean(page) == []
            shot(page, "repair-item")

            page.goto("/reparationer")
            card = page.get_by_role("article", name=title)
            expect(card).to_contain_text("Ny klädsel på sitsen")
            expect(card).to_contain_text("Hylla R1")
            card.locator("summary", has_text="Registrera arbete").click()
            card.get_by_label("Minuter (1–1440)").fill("0")
            card.get_by_role("button", name="Spara arbetet").click()
            expect(card.get_by_text("Skriv minuterna, 1 till 1440.")).to_be_visible()  # next to its field
            card.get_by_label("Minuter (1–1440)").fill("90")
            card.get_by_label("Vad gjordes?").fill("Bytte tyg och stoppning")
            card.get_by_label("Delar som användes (frivilligt)").fill("2 m ulltyg")
            fits(page)
            assert axe_clean(page) == []
            shot(page, "repair-work")
            card.get_by_label("Reparationen är klar").check()
            card.get_by_role("button", name="Spara arbetet").click()
            expect(page.get_by_role("status").filter(has_text="är lagad")).to_have_text(f"{title} är lagad.")

            done = page.get_by_role("article", name=title)
            expect(done).to_contain_text("Kim Lagare: 90 min – Bytte tyg och stoppning")
            expect(done).to_contain_text("Delar: 2 m ulltyg")
            assert axe_clean(page) == []
            shot(page, "repair-done")
            # Listed from the queue as from the item's page: here sold, at its price.
            done.locator("summary", has_text="Lägg ut i katalogen").click()
            done.get_by_label("Sälja").check()
            done.get_by_label("Pris i kronor").fill("450")
            expect(done.get_by_label("Pris per")).to_be_hidden()
            fits(page)
            assert axe_clean(page) == []
            shot(page, "repair-list-it")
            done.get_by_role("button", name=f"Lägg ut {title}").click()
            listed = page.get_by_role("status").filter(has_text="är utlagd")
            expect(listed).to_contain_text(f"{title} är utlagd.")
            expect(page.get_by_role("article", name=title)).to_have_count(0)
            listed.get_by_role("link", name="Visa annonsen").click()
            expect(page.get_by_role("heading", level=1)).to_have_text(title)
            expect(page.locator(".listing-view__deal")).to_contain_text("Försäljning")

            page.goto(f"/sak/{item}")
            expect(page.locator(".scan-history")).to_contain_text("Lagad")
        finally:
            context.close()

    def test_the_queue_at_desk_width(self, browser, live_server, live_database):
        title = unique("Höj- och sänkbart skrivbord")
        item = bare_item(live_database, title, "Lager Reparation", "Hylla R2")
        coordinator = new_person(live_server, "ystad", AME_UNIT, "Kim Lagare", ("coordinator",))
        context, page = open_as(browser, live_server, "desk", coordinator)
        try:
            send_to_repair(page, item, "Veven är trasig: byt vev och växel")
            page.goto("/arbetsko")  # the coordinator's work queue has it too
            repairs = page.get_by_role("region", name="Saker att laga")
            repairs.get_by_role("link", name=title).click()
            page.wait_for_url("**/reparationer")
            card = page.get_by_role("article", name=title)
            expect(card).to_contain_text("Veven är trasig")
            card.locator("summary", has_text="Registrera arbete").click()
            fits(page)
            assert axe_clean(page) == []
            shot(page, "repair-queue")
        finally:
            context.close()
