"""Proof of delivery at 360 px: a driver with no network delivers, the recipient signs on the phone and
their name is typed; back online the receipt follows the deliver scan, and the requester sees it on the
booking."""

from __future__ import annotations

import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.field import controlled_by_worker, signed_in_http, type_code
from tests.browser.journeys import fits, open_as, shot
from tests.browser.seed import seed_rows
from tests.browser.test_accessibility import axe_findings
from tests.browser.test_offline_shift import day_fetched_by_this_page, new_driver

pytestmark = pytest.mark.browser
REQUESTER = "medarbetare@ystad.exempel.se"


def picked_up(base: str, driver: str, rows: dict) -> None:
    """The driver loaded the item into the van this morning, with a network."""
    with signed_in_http(base, driver) as http:
        event = {"id": str(uuid.uuid4()), "code": rows["items"][0]["code"], "action": "pickup",
                 "device_time": "2026-01-01T08:00:00+01:00", "location_code": rows["van"]["code"]}
        answer = http.post("/api/scans/batch", json={"events": [event]}).json()
        assert [r["status"] for r in answer["results"]] == ["applied"], answer


def sign(page, pad) -> None:
    """A signature drawn with the pointer, as a finger would."""
    pad.scroll_into_view_if_needed()
    box = pad.bounding_box()
    assert box and box["height"] >= 100
    page.mouse.move(box["x"] + 20, box["y"] + box["height"] * 0.7)
    page.mouse.down()
    for step in range(1, 12):
        page.mouse.move(box["x"] + 20 + step * 22, box["y"] + box["height"] * (0.3 if step % 2 else 0.75), steps=3)
    page.mouse.up()


def test_a_driver_offline_takes_a_signature_and_the_requester_sees_it_on_the_booking(browser, live_server,
                                                                                     live_database):
    driver, _ = new_driver(live_server)
    rows = seed_rows(live_database, "Ystad", 1, driver=driver, charged=True, requester=REQUESTER)
    picked_up(live_server, driver, rows)
    context, page = open_as(browser, live_server, "phone", driver)
    try:
        controlled_by_worker(page)
        page.goto("/dagen")
        job = page.get_by_test_id("shift-job")
        expect(job).to_contain_text("Kontorsstol 1")
        day_fetched_by_this_page(page)
        expect(job.get_by_role("button", name="Kvittera leveransen")).to_have_count(0)  # not delivered yet

        page.context.set_offline(True)
        page.goto(f"/skanna?uppgift=jobb&jobb={rows['job']}")
        type_code(page, rows["items"][0]["code"])
        page.get_by_test_id("scan-result").get_by_role("button", name="Leverera").click()
        expect(page.get_by_test_id("scan-feedback")).to_contain_text("Sparat: Leverera")

        page.goto("/dagen")
        proof = page.get_by_test_id("job-proof")
        proof.get_by_role("button", name="Kvittera leveransen").click()
        # Saving too early says what is missing and keeps the form.
        proof.get_by_role("button", name="Spara kvittens").click()
        expect(proof.get_by_role("alert")).to_have_text("Skriv mottagarens namn.")
        expect(proof.get_by_label("Mottagarens namn")).to_be_focused()
        proof.get_by_label("Mottagarens namn").fill("Robin Lånar")
        proof.get_by_role("button", name="Spara kvittens").click()
        expect(proof.get_by_role("alert")).to_have_text("Mottagaren har inte signerat än.")
        sign(page, proof.get_by_test_id("signature-pad"))
        fits(page)
        assert axe_findings(page) == []
        shot(page, "delivery-proof-form")
        proof.get_by_role("button", name="Spara kvittens").click()
        expect(proof.get_by_role("status")).to_have_text(
            "Kvittensen från Robin Lånar är sparad och skickas när telefonen har nät.")
        expect(proof.get_by_role("button", name="Kvittera leveransen")).to_be_hidden()

        page.context.set_offline(False)
        # The deliver scan goes first, then the receipt signed for it.
        # Signed for: said from the outbox's result, then from the day fetched again, with the signature.
        expect(proof).to_contain_text("Kvitterad av Robin Lånar", timeout=20_000)
        shot(page, "delivery-proof-sent")
    finally:
        context.close()

    for width in ("phone", "desk"):
        context, page = open_as(browser, live_server, width, REQUESTER)
        try:
            page.goto(f"/bokningar/{rows['booking']}")
            receipt = page.get_by_test_id("booking-receipt")
            expect(receipt).to_contain_text("Kvitterad av Robin Lånar")
            image = receipt.get_by_role("img", name="Signatur av Robin Lånar")
            expect(image).to_be_visible()
            assert image.evaluate("(img) => img.decode().then(() => img.naturalWidth)") > 0  # the picture loads
            fits(page)
            assert axe_findings(page) == []
            shot(page, "booking-receipt")
        finally:
            context.close()
