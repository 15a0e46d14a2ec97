"""The impact factors screen: an admin adds the municipality's own figure with a decimal comma and
sees it in force as a new version; a reporter reads the factors without the form; a figure the
server would refuse is explained on the phone and nothing is sent."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.browser.field import sign_in
from tests.browser.journeys import shot

pytestmark = pytest.mark.browser

ADMIN = "admin@trelleborg.exempel.se"
REPORTER = "rapportor@trelleborg.exempel.se"


def factors(page: Page, slug: str) -> list[dict]:
    """Every version of one category's factor that the signed-in user's municipality sees."""
    answer = page.request.get("/api/impact/factors")
    assert answer.ok, answer.text()
    return [f for f in answer.json() if f["category_slug"] == slug]


def open_factors_from_the_report(page: Page) -> None:
    page.get_by_role("link", name="Hållbarhetsrapport").click()
    page.get_by_role("link", name="Miljöfaktorer: källor och egna värden").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Miljöfaktorer")


class TestFactorsScreen:
    def test_admin_overrides_a_factor_with_a_decimal_comma(self, page):
        sign_in(page, ADMIN)
        next_version = max(f["version"] for f in factors(page, "kontorsstolar")) + 1
        open_factors_from_the_report(page)
        chairs = page.get_by_role("listitem", name="Kontorsstolar")
        expect(chairs).to_contain_text("72 kg CO2e per styck")
        expect(chairs).to_contain_text("Nationellt standardvärde")
        expect(chairs).to_contain_text("FIRA International")
        expect(page.get_by_role("listitem", name="Övrigt (vikt × materialfaktor)")).to_contain_text(
            "2 kg CO2e per kg vikt")

        chairs.get_by_role("button", name="Lägg in eget värde för Kontorsstolar").click()
        expect(page.get_by_label("Kategori")).to_be_focused()
        expect(page.get_by_label("Kategori")).to_have_value("kontorsstolar")
        expect(page.get_by_label("Kg CO2e per styck")).to_have_value("72")  # the figures in force, to change
        page.get_by_label("Kg CO2e per styck").fill("72,5")
        page.get_by_label("Nypris i kronor").fill("3 999,50")
        page.get_by_label("Källa", exact=True).fill("Leverantörens EPD för stol X, 2025")
        page.get_by_label("Systemgräns").fill("Vagga till grind (A1–A3)")
        page.get_by_role("button", name="Spara som ny version").click()

        expect(page.get_by_role("main").get_by_role("status")).to_have_text(
            f"Sparat. Kontorsstolar har nu version {next_version}, kommunens eget värde.")
        expect(chairs).to_contain_text("72,5 kg CO2e per styck")
        expect(chairs).to_contain_text("3 999,50 kr")
        expect(chairs).to_contain_text("Kommunens eget värde")
        expect(chairs.locator(".factor-card__fact", has_text="Version")).to_have_text(f"Version{next_version}")
        expect(chairs).to_contain_text("1 tidigare version")
        expect(chairs.get_by_role("heading", name="Kontorsstolar")).to_be_focused()
        shot(page, "factors")

        newest = max(factors(page, "kontorsstolar"), key=lambda f: f["version"])
        assert (newest["version"], newest["own"], newest["co2e_kg"], newest["co2e_kg_per_kg"]) == (
            next_version, True, 72.5, None)
        assert (newest["new_price_ore"], newest["typical_weight_kg"]) == (399_950, 17.0)
        assert newest["source"] == "Leverantörens EPD för stol X, 2025"
        assert newest["boundary"] == "Vagga till grind (A1–A3)"

    def test_a_reporter_sees_the_factors_but_no_form(self, page):
        sign_in(page, REPORTER)
        open_factors_from_the_report(page)
        expect(page.get_by_role("listitem", name="Höj- och sänkbara skrivbord")).to_contain_text(
            "110 kg CO2e per styck")
        expect(page.get_by_text("Bara kommunens administratörer kan lägga in egna värden.")).to_be_visible()
        expect(page.get_by_role("heading", name="Lägg in ett eget värde")).to_have_count(0)
        expect(page.get_by_role("button", name="Spara som ny version")).to_have_count(0)
        expect(page.get_by_role("button", name="Lägg in eget värde för Soffor")).to_have_count(0)

    def test_an_invalid_figure_is_explained_and_nothing_is_saved(self, page):
        sign_in(page, ADMIN)
        before = factors(page, "soffor")
        page.goto("/miljofaktorer")
        expect(page.get_by_role("listitem", name="Soffor")).to_contain_text("55 kg CO2e per styck")
        posts: list[str] = []
        page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)

        page.get_by_label("Kategori").select_option("soffor")
        co2e, source = page.get_by_label("Kg CO2e per styck"), page.get_by_label("Källa", exact=True)
        co2e.fill("-5")
        page.get_by_role("button", name="Spara som ny version").click()
        expect(page.get_by_text("Värdet måste vara större än 0.")).to_be_visible()
        expect(page.get_by_text("Skriv var siffran kommer ifrån.")).to_be_visible()
        expect(co2e).to_be_focused()
        expect(co2e).to_have_attribute("aria-invalid", "true")
        expect(co2e).to_have_attribute("aria-describedby", "factor-co2e-error factor-co2e-hint")

        co2e.fill("55,5")
        page.get_by_label("Nypris i kronor").fill("nio tusen")
        page.get_by_role("button", name="Spara som ny version").click()
        expect(page.get_by_text("Skriv bara ett tal, med komma för decimaler, till exempel 72,5.")).to_be_visible()
        expect(page.get_by_label("Nypris i kronor")).to_be_focused()
        expect(co2e).not_to_have_attribute("aria-invalid", "true")
        expect(source).to_have_attribute("aria-invalid", "true")

        assert posts == []
        assert factors(page, "soffor") == before
