"""The AME lead works the queue and exports a month; the reporter opens the sustainability report."""

from __future__ import annotations

import re
from datetime import date, timedelta
from pathlib import Path

from playwright.sync_api import expect

from tests.backend.impact.test_report_pdf import text_of
from tests.browser.field import sign_in, signed_in_http
from tests.browser.journeys import axe_clean, fits, shot
from tests.browser.test_approvals import delivered_request


def draft_listing(base: str, title: str) -> str:
    """A department's draft listing, made through the catalogue's API, for the coordinator to check."""
    with signed_in_http(base, "medarbetare@ystad.exempel.se") as http:
        listing = http.post("/api/listings", json={"kind": "furniture", "deal": "give", "title": title, "quantity": 1})
        assert listing.status_code == 201, listing.text
        return listing.json()["id"]


def test_a_coordinator_works_the_queue_and_exports_a_month(page, live_server):
    listing = draft_listing(live_server, "Bokhylla från biblioteket")
    delivered_request(live_server)
    sign_in(page, "samordnare@ystad.exempel.se")
    page.get_by_role("link", name="Arbetskö").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Arbetskö")
    listings = page.get_by_role("region", name=re.compile("Annonser att kontrollera"))
    row = listings.get_by_role("link", name="Bokhylla från biblioteket")
    expect(row).to_have_attribute("href", f"/annons/{listing}")
    queued = listings.locator(".work-queue__row").filter(has_text="Bokhylla från biblioteket")
    expect(queued).to_contain_text("Utkast att granska")
    for section in ("Bokningar att godkänna", "Annonser att kontrollera", "Avvisade skanningar"):
        expect(page.get_by_role("heading", level=2, name=re.compile(section))).to_be_visible()
    # Several requests approved in one step: tick them all, the button counts them, the queue empties.
    requests = page.get_by_role("region", name=re.compile("Bokningar att godkänna"))
    first_ids = requests.locator(".work-queue__pick").first.get_attribute("value")
    requests.get_by_label("Markera alla").check()
    approve = requests.get_by_role("button", name=re.compile(r"^Godkänn \d+ markerade?$"))
    count = int(re.search(r"\d+", approve.inner_text()).group())
    shot(page, "work-queue")
    approve.click()
    expect(page.locator(".work-queue__status")).to_have_text(
        f"{count} bokning godkändes." if count == 1 else f"{count} bokningar godkändes.")
    expect(page.locator(f'.work-queue__pick[value="{first_ids}"]')).to_have_count(0)
    # The approval made its delivery and return trips: plan them onto one driver and day at once.
    trips = page.get_by_role("region", name=re.compile("Transporter att planera"))
    trips.get_by_label("Markera alla").check()
    plan = trips.get_by_role("button", name=re.compile(r"^Planera \d+ markerade?$"))
    plan.click()
    expect(trips.get_by_text("Välj vilken chaufför som ska köra.")).to_be_visible()
    expect(trips.get_by_label("Chaufför")).to_be_focused()
    trips.get_by_label("Chaufför").select_option(index=1)
    trips.get_by_label("Dag").fill((date.today() + timedelta(days=61)).isoformat())
    planned = int(re.search(r"\d+", plan.inner_text()).group())
    plan.click()
    expect(page.locator(".work-queue__status")).to_have_text(
        f"{planned} transport planerades." if planned == 1 else f"{planned} transporter planerades.")

    # The finance system's columns: the first renamed, the line id dropped, the amount moved up, formats chosen.
    page.goto("/fakturaunderlag")
    page.get_by_role("link", name="Kolumner för ekonomisystemet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kolumner för ekonomisystemet")
    columns = page.locator(".mapping-view__column")
    expect(columns).to_have_count(14)
    columns.first.get_by_label("Rubrik i filen").fill("Månad")
    page.get_by_role("button", name="Ta bort kolumn 14").click()
    page.get_by_role("button", name="Flytta kolumn 12 uppåt").click()
    expect(page.locator(".mapping-view__status")).to_have_text("Kolumnen är nu nummer 11.")
    page.get_by_label("31.03.2026 (dag.månad.år)").check()
    page.get_by_label("Punkt: 1234.50").check()
    assert axe_clean(page) == []
    page.get_by_role("button", name="Spara kolumnerna").click()
    expect(page.locator(".mapping-view__status")).to_have_text("Kolumnerna är sparade. Nästa nedladdning använder dem.")
    shot(page, "mapping")
    page.get_by_role("link", name="Tillbaka till fakturaunderlaget").click()

    # The running month shows as "pågående", with its lines so far and nothing to lock.
    expect(page.locator(".invoice-view__period--current .invoice-view__facts")).to_contain_text("pågående")
    oldest = page.locator(".invoice-view__period--open").last
    month = oldest.get_by_role("heading", level=2).inner_text()
    # Locking first shows the month: totals per counterpart and cost centre, the lines, then the question.
    oldest.get_by_role("button", name=f"Granska och lås {month}").click()
    expect(oldest.get_by_role("table", name="Per kostnadsställe").locator("tbody tr").first).to_be_visible()
    expect(oldest.get_by_role("table", name="Per betalande kommun").locator("tbody tr").first).to_be_visible()
    expect(oldest.get_by_role("table", name=re.compile(r"\d+ rader")).locator("tbody tr").first).to_contain_text(
        re.compile(r"^(Hyra|Köp|Transport): "))
    expect(oldest.get_by_text("Stämmer raderna?")).to_be_visible()
    expect(page.locator(".invoice-view__period--locked").filter(has_text=month)).to_have_count(0)
    oldest.get_by_role("button", name=f"Lås och exportera {month}").click()
    expect(page.locator(".invoice-view__status")).to_have_text(f"{month} är exporterad och låst.")
    locked = page.locator(".invoice-view__period--locked").filter(has_text=month)
    expect(locked).to_contain_text("låst")
    expect(page.get_by_role("link", name="Fakturaunderlag (CSV)")).to_be_visible()
    shot(page, "invoice")
    csv = page.request.get(f"/api/billing/periods/{month}/basis.csv")
    assert csv.ok and csv.body().startswith("\ufeffPeriod;".encode())
    with page.expect_download() as download:
        page.get_by_role("link", name="Fakturaunderlag för ekonomisystemet (CSV, era kolumner)").click()
    mapped = Path(download.value.path()).read_text(encoding="utf-8-sig").splitlines()
    assert mapped[0].split(";")[:3] == ["Månad", "Betalande kommun", "Kostnadsställe"]
    assert mapped[0].split(";")[10:] == ["Belopp", "Till", "Rättelse"] and "Rad" not in mapped[0]
    first = mapped[1].split(";")
    assert first[0] == month and re.fullmatch(r"-?\d+\.\d{2}", first[10])
    assert re.fullmatch(r"(\d{2}\.\d{2}\.\d{4})?", first[11])


def test_a_reporter_opens_the_report(page):
    sign_in(page, "rapportor@ystad.exempel.se")
    expect(page.get_by_role("link", name="Arbetskö")).to_have_count(0)
    expect(page.get_by_role("link", name="Fakturaunderlag")).to_have_count(0)
    page.get_by_role("link", name="Hållbarhetsrapport").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Hållbarhetsrapport")
    expect(page.get_by_role("table", name="Utveckling per månad").locator("tbody tr")).to_have_count(12)
    trend = page.get_by_role("img", name="Stapeldiagram: undvikna utsläpp per månad")
    expect(trend).to_be_visible()
    page.wait_for_function("document.querySelector('.report-view__chart img').naturalWidth > 0")
    # The municipality view has no per-municipality part; it once showed as the text "false".
    expect(page.locator(".report-view__body")).not_to_contain_text("false")
    # Factors read in Swedish with the category's name, never as slug keys or the English source.
    factors = page.locator(".report-view__factors")
    expect(factors).to_contain_text("Kontorsstolar (version 1, nationell)")
    expect(factors).to_contain_text("Källa: FIRA International, jämförelse av kontorsmöblers koldioxidavtryck")
    expect(factors).not_to_contain_text("kontorsstolar v1")
    page.get_by_label("Hela samverkan").check()
    expect(page.get_by_role("table", name="Per kommun (bara totaler)").locator("tbody tr")).to_have_count(3)
    shot(page, "report")


def test_a_reporter_picks_a_quarter_and_prints_the_pdf(page):
    """The period lives in the URL; the PDF for it reads back with the quarter, figures and sources in Swedish."""
    today = date.today()
    first = (today.month - 1) // 3 * 3 + 1
    year, start = (today.year, first - 3) if first > 1 else (today.year - 1, 10)
    quarter = (f"{year}-{start:02d}", f"{year}-{start + 2:02d}")
    sign_in(page, "rapportor@ystad.exempel.se")
    page.get_by_role("link", name="Hållbarhetsrapport").click()
    page.get_by_label("Typ av period").select_option("quarter")
    page.get_by_label("Vilken").select_option(label=f"Kvartal {(start - 1) // 3 + 1} {year}")
    expect(page).to_have_url(re.compile(f"period=quarter&from_month={quarter[0]}&to_month={quarter[1]}"))
    expect(page.get_by_role("table", name="Utveckling per månad").locator("tbody tr")).to_have_count(3)
    expect(page.get_by_role("list", name="Jämfört med perioden före").get_by_role("listitem")).to_have_count(3)
    expect(page.get_by_role("table", name="Per enhet")).to_be_visible()
    expect(page.get_by_role("table", name="Arbetstimmar per typ av arbete")).to_contain_text("Transport")
    assert axe_clean(page) == []
    fits(page)
    shot(page, "report-quarter")
    with page.expect_download() as download:
        page.get_by_role("link", name="Ladda ner rapporten som PDF (för utskrift)").click()
    assert download.value.suggested_filename == f"hallbarhetsrapport-{quarter[0]}-{quarter[1]}.pdf"
    text = text_of(Path(download.value.path()).read_bytes())
    assert "Hållbarhetsrapport: Ystad" in text and f"Period: {quarter[0]} – {quarter[1]}" in text
    assert "Perioden före" in text and "Per enhet" in text and "Arbete som tjänsten gav (AME)" in text
    assert re.search(r"[\d ]+,\d timmar i \d+ uppdrag", text) and "Transport" in text
    assert "Källa: " in text and "kontorsstolar v1" not in text
    # The same URL opens the same period (the URL is the source of truth).
    page.reload()
    expect(page.get_by_label("Typ av period")).to_have_value("quarter")
    expect(page.get_by_role("table", name="Utveckling per månad").locator("tbody tr")).to_have_count(3)
