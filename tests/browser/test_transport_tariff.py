"""The transport fee on the coordinator's planning screen: read, refused when mistyped, changed
with a Swedish decimal, and reloaded when someone else changed it first."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

from tests.browser.field import sign_in
from tests.browser.test_catalog_editing import api_headers

pytestmark = pytest.mark.browser

COORDINATOR = "samordnare@trelleborg.exempel.se"


def test_coordinator_changes_the_transport_fee(page):
    sign_in(page, COORDINATOR)
    page.goto("/transporter")
    tariff = page.get_by_role("region", name="Transportavgift")
    expect(tariff).to_contain_text(re.compile(r"450\s*kr per levererat uppdrag.*Arbetsmarknadsenheten"))
    status = tariff.get_by_role("status")

    tariff.get_by_text("Ändra avgiften").click()
    fee = tariff.get_by_label("Avgift per uppdrag, kronor")
    expect(fee).to_have_value("450")
    fee.fill("fyrahundra")
    tariff.get_by_role("button", name="Spara avgiften").click()
    expect(status).to_have_text("Skriv avgiften i kronor, från 0 till 100 000.")
    expect(fee).to_have_attribute("aria-invalid", "true")
    expect(fee).to_be_focused()
    assert page.request.get("/api/transport-tariff").json()["fee_ore"] == 45000

    fee.fill("525,50")
    tariff.get_by_role("button", name="Spara avgiften").click()
    expect(status).to_have_text("Transportavgiften är sparad.")
    expect(tariff).to_contain_text(re.compile(r"525,50\s*kr per levererat uppdrag"))
    saved = page.request.get("/api/transport-tariff").json()
    assert (saved["fee_ore"], saved["payee_unit"]["name"]) == (52550, "Arbetsmarknadsenheten")

    # A colleague saves first: the form is refused, then shows what the colleague saved.
    other = page.request.put("/api/transport-tariff", headers=api_headers(page), data={
        "fee_ore": 60000, "payee_unit_id": saved["payee_unit"]["id"], "version": saved["version"]})
    assert other.status == 200, other.text()
    fee.fill("500")
    tariff.get_by_role("button", name="Spara avgiften").click()
    expect(status).to_have_text(re.compile("Någon annan ändrade avgiften nyss"))
    expect(fee).to_have_value("600")
    assert page.request.get("/api/transport-tariff").json()["fee_ore"] == 60000
