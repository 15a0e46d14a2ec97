"""A coordinator runs a move project from registration to its report: creates it, adds a
collaborator, registers three things (one with a photo), lists them all at once with a share day;
a colleague's booking makes one reused, one goes to storage, the rest to recycling, and the report
says what was reused, what it avoided and where everything went."""

from __future__ import annotations

import uuid
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.field import signed_in_http
from tests.browser.journeys import axe_clean, fits, new_person, open_as, shot
from tests.browser.test_catalog_editing import photo

pytestmark = pytest.mark.browser

COORDINATOR, EMPLOYEE = "samordnare@ystad.exempel.se", "medarbetare@ystad.exempel.se"


def days(n: int) -> str:
    return (date.today() + timedelta(days=n)).isoformat()


def book_and_approve(base: str, listing_id: str) -> None:
    """A colleague books the listing and the coordinator approves it: someone took the thing."""
    with signed_in_http(base, EMPLOYEE) as employee:
        booking = employee.post("/api/bookings", json={"listing_id": listing_id, "start": days(4)})
        assert booking.status_code == 201, booking.text
    with signed_in_http(base, COORDINATOR) as coordinator:
        approved = coordinator.post(f"/api/bookings/{booking.json()['id']}/approve", json={})
        assert approved.status_code == 200, approved.text


def said(page):
    """The project page's live line, which says what the last action did."""
    return page.locator(".project-view__status")


def register(page, title: str, category: str | None = None, quantity: int = 1, with_photo: bool = False) -> None:
    form = page.get_by_role("form", name="Registrera en sak")
    form.get_by_label("Vad är det?").fill(title)
    if category:
        form.get_by_label("Kategori").select_option(label=category)
    form.get_by_label("Antal").fill(str(quantity))
    if with_photo:
        form.get_by_label("Ta eller välj ett foto").set_input_files(photo((120, 80, 40)))
    form.get_by_role("button", name="Registrera").click()
    expect(said(page)).to_have_text(f"{title} är registrerad.")


def test_a_coordinator_runs_a_move_project_to_its_report(browser, live_server):
    name = f"Flytt av Socialkontoret {uuid.uuid4().hex[:4]}"
    context, page = open_as(browser, live_server, "phone", COORDINATOR)
    page.goto("/arbetsko")
    page.get_by_role("link", name="Flyttprojekt").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Flyttprojekt")
    assert axe_clean(page) == []
    fits(page)
    shot(page, "projects")

    new = page.get_by_role("form", name="Nytt flyttprojekt")
    new.get_by_role("button", name="Skapa projektet").click()
    expect(new.get_by_label("Namn")).to_have_attribute("aria-invalid", "true")
    new.get_by_label("Namn").fill(name)
    new.get_by_label("Adress").fill("Stora Östergatan 12, Ystad")
    new.get_by_label("Flyttdag").fill(days(14))
    new.get_by_role("button", name="Skapa projektet").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(name)

    members = page.get_by_role("region", name="Medverkande")
    members.get_by_label("Person").select_option(label="Anna Lindqvist")
    members.get_by_role("button", name="Lägg till").click()
    expect(page.get_by_role("region", name="Medverkande").get_by_role("listitem")).to_have_text(["Anna Lindqvist×"])

    register(page, "Kontorsstol", "\u2003Kontorsstolar", 2, with_photo=True)
    register(page, "Bokhylla")
    register(page, "Skrivbord")
    items = page.locator(".project-view__item")
    expect(items).to_have_count(3)
    expect(items.first.locator("img")).to_be_visible()
    expect(items.first).to_contain_text("Utkast")
    assert axe_clean(page) == []
    fits(page)
    shot(page, "project-registered")

    listing = page.get_by_role("form", name="Lägg ut allt")
    listing.get_by_role("button", name="Lägg ut allt").click()
    expect(listing.get_by_label("Delningsdag")).to_have_attribute("aria-invalid", "true")
    page.get_by_label("Delningsdag").fill(days(3))
    page.get_by_role("button", name="Lägg ut allt").click()
    expect(said(page)).to_have_text("3 saker är utlagda.")
    expect(page.get_by_role("form", name="Lägg ut allt")).to_have_count(0)
    expect(items.first).to_contain_text("Utlagd")

    chair = items.first.get_by_role("link").get_attribute("href").rsplit("/", 1)[1]
    book_and_approve(live_server, chair)
    page.reload()
    expect(items.first).to_contain_text("Bokad – återbrukas")
    page.get_by_label("Vart tar Bokhylla vägen?").select_option(label="Till förråd")
    expect(said(page)).to_have_text("Bokhylla: Till förråd.")
    page.get_by_label("Resten går till").select_option(label="Till återvinning")
    page.get_by_role("button", name="Bestäm för resten").click()
    expect(said(page)).to_have_text("Resten går till: Till återvinning.")
    expect(page.get_by_label("Vart tar Skrivbord vägen?")).to_have_value("recycling")

    report = page.get_by_role("region", name="Projektrapport")
    expect(report).to_contain_text("Återbrukade saker1")
    expect(report).to_contain_text("144 kg CO2e")  # two office chairs, 72 kg each (FIRA)
    where = report.get_by_role("table")
    expect(where.get_by_role("row", name="Till förråd")).to_contain_text("1")
    expect(where.get_by_role("row", name="Till återvinning")).to_contain_text("1")
    expect(where.get_by_role("row", name="Inte bestämt")).to_contain_text("0")
    assert axe_clean(page) == []
    fits(page)
    shot(page, "project-report")

    # Every thing has its end: the project closes, and is read only with its report.
    closing = page.get_by_role("region", name="Avsluta projektet")
    expect(closing).to_contain_text("Alla saker har fått sitt slut.")
    closing.get_by_role("button", name="Avsluta projektet").click()
    expect(said(page)).to_have_text("Projektet är avslutat.")
    expect(page.get_by_text("Avslutat", exact=True)).to_be_visible()
    expect(page.get_by_label("Vart tar Skrivbord vägen?")).to_have_count(0)
    expect(page.get_by_role("region", name="Projektrapport")).to_contain_text("144 kg CO2e")
    assert axe_clean(page) == []
    shot(page, "project-closed")
    context.close()

    context, page = open_as(browser, live_server, "desk", COORDINATOR)
    page.goto("/flyttprojekt")
    page.get_by_role("link", name=name).click()
    expect(page.get_by_role("region", name="Projektrapport")).to_contain_text("144 kg CO2e")
    assert axe_clean(page) == []
    fits(page)
    shot(page, "project-report")
    page.goto("/flyttprojekt")
    expect(page.get_by_role("listitem").filter(has_text=name)).to_contain_text("3 saker")
    shot(page, "projects")
    context.close()


def test_a_collaborator_opens_their_project_and_registers_what_moves_out(browser, live_server):
    """A new employee put on a project finds it under Mer i Delbar, registers a thing and reads the report;
    running the project stays the coordinator's."""
    collaborator = new_person(live_server, "ystad", "Kultur och fritid", "Elin Flyttar")
    with signed_in_http(live_server, collaborator) as http:
        me = http.get("/api/session").json()
    name = f"Flytt av Kulturhuset {uuid.uuid4().hex[:4]}"
    with signed_in_http(live_server, COORDINATOR) as coordinator:
        made = coordinator.post("/api/projects", json={"name": name, "address": "Stortorget 1, Ystad",
                                                       "day": days(15), "member_ids": [me["user"]["id"]]})
        assert made.status_code == 201, made.text
    for width in ("phone", "desk"):
        context, page = open_as(browser, live_server, width, collaborator)
        try:
            page.goto("/")
            page.get_by_role("link", name="Flyttprojekt").first.click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Flyttprojekt")
            expect(page.get_by_role("form", name="Nytt flyttprojekt")).to_have_count(0)
            page.get_by_role("link", name=name).click()
            expect(page.get_by_role("heading", level=1)).to_have_text(name)
            if width == "phone":
                register(page, "Vitrinskåp")
            expect(page.get_by_role("region", name="Saker (1)")).to_contain_text("Vitrinskåp")
            expect(page.get_by_role("form", name="Lägg ut allt")).to_have_count(0)
            expect(page.get_by_role("button", name="Lägg till")).to_have_count(0)
            expect(page.get_by_role("region", name="Projektrapport")).to_contain_text("Saker i projektet1")
            fits(page)
            assert axe_clean(page) == []
            shot(page, "project-collaborator")
        finally:
            context.close()
