"""Inventering on a phone: a warehouse worker counts a shelf of their own, sees one missing and one
unexpected item and applies the result; scans counted with no network arrive once."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from backend.demo.data import AME_UNIT
from tests.browser.field import controlled_by_worker, outbox, sign_in, signed_in_http, type_code, until_true
from tests.browser.journeys import WIDTHS, axe_clean, fits, new_person, shot
from tests.browser.seed_stocktake import seed_stocktake

pytestmark = pytest.mark.browser



def start_by_scanning_the_shelf(page, shelf: dict) -> None:
    page.goto("/inventering")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inventering")
    expect(page.get_by_label("Plats", exact=True)).to_contain_text(shelf["name"])
    shot(page, "stocktake-start")
    type_code(page, shelf["code"])
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Inventering: {shelf['name']}")
    expect(page.get_by_test_id("stocktake-counts")).to_contain_text("0 av 2")


def count(page, code: str, said: str) -> None:
    type_code(page, code)
    expect(page.get_by_test_id("stocktake-feedback")).to_contain_text(said)


class TestStocktake:
    def test_a_shelf_counted_shows_one_missing_and_one_unexpected_and_applies(self, page, live_server,
                                                                             live_database):
        rows = seed_stocktake(live_database, uuid.uuid4().hex[:4].upper())
        email = new_person(live_server, "skurup", AME_UNIT, "Kim Lager", ("warehouse",))
        sign_in(page, email)
        start_by_scanning_the_shelf(page, rows["shelf"])
        count(page, rows["kontorsstol"]["code"], f"Räknad: {rows['kontorsstol']['title']}")
        count(page, rows["whiteboard"]["code"], f"hör inte hit: {rows['whiteboard']['title']}")
        counts = page.get_by_test_id("stocktake-counts")
        expect(counts).to_contain_text("1 av 2")
        expect(counts).to_contain_text("Oväntade1")
        fits(page)
        shot(page, "stocktake-counting")
        assert axe_clean(page) == []

        page.get_by_role("button", name="Avsluta och visa resultatet").click()
        missing, unexpected = page.get_by_test_id("stocktake-missing"), page.get_by_test_id("stocktake-unexpected")
        expect(missing.get_by_role("heading")).to_have_text("Saknas (1)")
        expect(missing).to_contain_text(rows["skrivbord"]["title"])
        expect(unexpected.get_by_role("heading")).to_have_text("Oväntade (1)")
        expect(unexpected).to_contain_text(rows["whiteboard"]["title"])
        expect(page.get_by_test_id("stocktake-found")).to_contain_text(rows["kontorsstol"]["title"])
        fits(page)
        shot(page, "stocktake-result")
        assert axe_clean(page) == []

        page.get_by_role("button", name="Tillämpa").click()
        expect(page.get_by_text("Flytta 1 oväntade saker hit och markera 1 som saknade?")).to_be_visible()
        page.get_by_role("button", name="Ja, tillämpa").click()
        expect(page.get_by_test_id("stocktake-status")).to_contain_text("Tillämpad av Kim Lager")
        expect(unexpected).to_contain_text("Flyttad hit")
        expect(missing).to_contain_text("Markerad som saknad")
        with signed_in_http(live_server, email) as http:
            assert http.get(f"/api/items/{rows['skrivbord']['id']}/tracking").json()["state"] == "missing"
            assert http.get(f"/api/items/{rows['whiteboard']['id']}/tracking").json()["location_id"] == \
                rows["shelf"]["id"]
        shot(page, "stocktake-applied")
        for width in ("desk",):
            page.set_viewport_size(dict(zip(("width", "height"), WIDTHS[width], strict=True)))
            page.reload()
            expect(page.get_by_test_id("stocktake-status")).to_contain_text("Tillämpad")
            fits(page)
            shot(page, "stocktake-applied")

    def test_scans_counted_offline_arrive_once(self, page, live_server, live_database):
        rows = seed_stocktake(live_database, uuid.uuid4().hex[:4].upper())
        email = new_person(live_server, "skurup", AME_UNIT, "Kim Lager", ("warehouse",))
        sign_in(page, email)
        controlled_by_worker(page)
        start_by_scanning_the_shelf(page, rows["shelf"])
        stocktake_id = page.url.rsplit("/", 1)[1]
        page.context.set_offline(True)
        count(page, rows["kontorsstol"]["code"], f"Räknad: {rows['kontorsstol']['title']}")
        count(page, rows["whiteboard"]["code"], "hör inte hit")
        assert [(e["action"], e["stocktake_id"]) for e in outbox(page)] == [("stocktake", stocktake_id)] * 2
        page.get_by_role("button", name="Avsluta och visa resultatet").click()
        expect(page.get_by_role("alert").filter(has_text="2 skanningar väntar på nätet")).to_be_visible()

        page.context.set_offline(False)
        until_true(page, "import('/js/outbox/sync.js').then((m) => m.syncNow()).then(() => true)")
        until_true(page, "import('/js/outbox/queue.js').then((m) => m.counts()).then((c) => c.waiting === 0)")
        page.get_by_role("button", name="Avsluta och visa resultatet").click()
        expect(page.get_by_test_id("stocktake-missing").get_by_role("heading")).to_have_text("Saknas (1)")
        expect(page.get_by_test_id("stocktake-unexpected")).to_contain_text(rows["whiteboard"]["title"])
        with signed_in_http(live_server, email) as http:
            assert http.get(f"/api/stocktakes/{stocktake_id}").json()["counted"] == 2
            history = http.get(f"/api/items/{rows['kontorsstol']['id']}/history").json()
            assert [h["action"] for h in history] == ["stocktake"]

    def test_a_stocktake_chosen_offline_starts_when_its_scans_arrive(self, page, live_server, live_database):
        rows = seed_stocktake(live_database, uuid.uuid4().hex[:4].upper())
        sign_in(page, new_person(live_server, "skurup", AME_UNIT, "Kim Lager", ("warehouse",)))
        controlled_by_worker(page)
        page.goto("/inventering")
        expect(page.get_by_label("Plats", exact=True)).to_contain_text(rows["shelf"]["name"])
        page.context.set_offline(True)
        page.reload()
        page.get_by_label("Plats", exact=True).select_option(label=rows["shelf"]["name"])
        page.get_by_role("button", name="Starta inventeringen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text(f"Inventering: {rows['shelf']['name']}")
        expect(page.get_by_text("Startad utan nät")).to_be_visible()
        count(page, rows["kontorsstol"]["code"], "Räknad")
        count(page, rows["whiteboard"]["code"], "Räknad")
        expect(page.get_by_test_id("stocktake-counts")).to_contain_text("Räknade2")
        shot(page, "stocktake-offline")
        page.set_viewport_size(dict(zip(("width", "height"), WIDTHS["desk"], strict=True)))
        fits(page)
        shot(page, "stocktake-offline")

        page.context.set_offline(False)
        until_true(page, "import('/js/outbox/sync.js').then((m) => m.syncNow()).then(() => true)")
        until_true(page, "import('/js/outbox/queue.js').then((m) => m.counts()).then((c) => c.waiting === 0)")
        page.get_by_role("button", name="Avsluta och visa resultatet").click()
        expect(page.get_by_test_id("stocktake-missing")).to_contain_text(rows["skrivbord"]["title"])
        expect(page.get_by_test_id("stocktake-unexpected")).to_contain_text(rows["whiteboard"]["title"])
        expect(page.get_by_test_id("stocktake-found")).to_contain_text(rows["kontorsstol"]["title"])
