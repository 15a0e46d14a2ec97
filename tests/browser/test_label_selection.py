"""Labels for a selection at 360 and 1280 px: the warehouse searches the register, chooses all of the
result, prints one document, and the items that had no label show the code they were given."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from backend.demo.data import AME_UNIT
from tests.browser.field import held_routes, signed_in_http
from tests.browser.journeys import axe_clean, fits, new_person, open_as, shot

pytestmark = pytest.mark.browser



def registered(base: str, email: str, title: str, quantity: int) -> None:
    with signed_in_http(base, email) as http:
        made = http.post("/api/listings", json={"kind": "furniture", "deal": "give", "title": title,
                                                "quantity": quantity})
        assert made.status_code == 201, made.text


@pytest.mark.parametrize("width", ["phone", "desk"])
def test_the_warehouse_prints_labels_for_a_search_result(browser, live_server, width):
    worker = new_person(live_server, "ystad", AME_UNIT, "Sam Lager", ("warehouse",))
    word = f"Etikettstol{uuid.uuid4().hex[:6]}"
    registered(live_server, worker, word, 3)
    context, page = open_as(browser, live_server, width, worker)
    try:
        page.goto("/skriv-ut")
        page.get_by_role("link", name="Skriv ut etiketter för valda saker").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Saker i registret")
        page.get_by_label("Sök saker (namn, inventarienummer eller plats)").fill(word)
        rows = page.locator(".item-register__row")
        expect(rows).to_have_count(3)
        expect(rows.first).to_contain_text("ingen etikett än")
        page.get_by_label("Välj alla i sökresultatet").check()
        expect(page.get_by_text("3 saker valda")).to_be_visible()
        rows.first.get_by_role("checkbox").uncheck()
        expect(page.get_by_text("2 saker valda")).to_be_visible()
        expect(page.get_by_label("Välj alla i sökresultatet")).not_to_be_checked()
        fits(page)
        assert axe_clean(page) == []
        shot(page, "label-selection")
        page.get_by_role("button", name="Skriv ut 2 etiketter").click()
        document = page.get_by_test_id("register-document")
        expect(document).to_have_text("Öppna PDF med 2 etiketter")
        head = page.evaluate("""(href) => fetch(href).then((r) => r.arrayBuffer())
            .then((b) => String.fromCharCode(...new Uint8Array(b).slice(0, 5)))""", document.get_attribute("href"))
        assert head == "%PDF-"
        # The two printed items show the codes they were given; the one left out has none yet.
        expect(rows.filter(has_text="ingen etikett än")).to_have_count(1)
        shot(page, "label-selection-printed")
    finally:
        context.close()


def test_an_older_answer_arriving_late_does_not_replace_the_search_result(browser, live_server):
    """The list opens with every item, and the person types before that answer is back: the search's
    answer is the one shown, whatever order the two arrive in."""
    worker = new_person(live_server, "ystad", AME_UNIT, "Sam Lager", ("warehouse",))
    word = f"Sentstol{uuid.uuid4().hex[:6]}"
    registered(live_server, worker, word, 2)
    context, page = open_as(browser, live_server, "phone", worker)
    held = []

    def hold_the_unfiltered_list(route):
        if "q=&" in route.request.url or route.request.url.endswith("q="):
            held.append(route)  # answered after the search's own answer is shown
        else:
            route.continue_()

    try:
        page.route("**/api/items?*", hold_the_unfiltered_list)
        page.goto("/sakregister")
        page.get_by_label("Sök saker (namn, inventarienummer eller plats)").fill(word)
        rows = page.locator(".item-register__row")
        expect(rows).to_have_count(2)
        assert len(held_routes(page, held)) == 1
        held[0].continue_()
        page.wait_for_function("!document.querySelector('#register-results').hasAttribute('aria-busy')")
        page.wait_for_timeout(500)  # time for the late answer to be drawn, had it been taken
        expect(rows).to_have_count(2)
        expect(rows.first).to_contain_text(word)
    finally:
        context.close()
