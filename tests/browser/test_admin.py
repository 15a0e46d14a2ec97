"""The municipality admin's screens: users (add, deactivate, a stale change), units with their cost
centres, and network membership; typing mistakes are explained on the phone and nothing is sent;
people who are not admins see no way in and get the server's refusal.

Everything changed here is made by the test itself in Trelleborg, so the demo people and the demo
network that other browser tests use stay as they were."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import uuid4

import httpx
import pytest
from playwright.sync_api import Page, expect

from backend.demo.data import NETWORK
from tests.browser.field import api_as, sign_in, sign_in_with_form
from tests.browser.journeys import axe_clean, fits, open_as, shot

pytestmark = pytest.mark.browser

ADMIN = "admin@trelleborg.exempel.se"
EMPLOYEE = "medarbetare@trelleborg.exempel.se"
SKURUP_ADMIN = "admin@skurup.exempel.se"
UNIT = "Kultur och fritid (kostnadsställe 35000)"
PASSWORD = "ett långt lösenord"
REFUSED = "Du har inte behörighet att göra det här."


def unique(prefix: str) -> str:
    return f"{prefix} {uuid4().hex[:6]}"


@pytest.fixture
def admin_api(live_server) -> Iterator[httpx.Client]:
    client = api_as(live_server, ADMIN)
    yield client
    client.close()


@pytest.fixture
def made_user(admin_api) -> dict:
    """A Trelleborg employee made for one test, with PASSWORD."""
    unit = next(u for u in admin_api.get("/api/units").json() if u["name"] == "Kultur och fritid")
    name = unique("Testperson")
    answer = admin_api.post("/api/users", json={"name": name, "email": f"{name.split()[1]}@trelleborg.exempel.se",
                                                "unit_id": unit["id"], "roles": ["employee"], "password": PASSWORD})
    assert answer.status_code == 201, answer.text
    return answer.json()


def status(page: Page):
    return page.get_by_role("main").get_by_role("status").first


def open_users(page: Page) -> None:
    page.get_by_role("region", name="Mer i Delbar").get_by_role("link", name="Användare och roller").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Användare och roller")


class TestUsers:
    def test_admin_adds_a_user_who_can_then_sign_in(self, page, browser, live_server, admin_api):
        name = unique("Ny Lagerperson")
        email = f"lager-{name.split()[-1]}@trelleborg.exempel.se"
        sign_in(page, ADMIN)
        open_users(page)
        page.get_by_text("Lägg till en användare").click()
        page.get_by_label("Namn", exact=True).fill(name)
        page.get_by_label("E-postadress").fill(email)
        page.get_by_label("Enhet", exact=True).select_option(label=UNIT)
        expect(page.get_by_role("checkbox", name="Medarbetare")).to_be_checked()
        page.get_by_role("checkbox", name="Lager").check()
        page.get_by_label("Första lösenord").fill(PASSWORD)
        page.get_by_role("button", name="Lägg till användaren").click()

        expect(status(page)).to_have_text(f"{name} är tillagd och kan logga in med {email} och lösenordet du gav.")
        card = page.get_by_role("listitem", name=name)
        expect(card).to_contain_text(UNIT)
        expect(card).to_contain_text("Medarbetare, Lager")
        expect(card).to_contain_text("Aktivt – kan logga in")
        made = next(u for u in admin_api.get("/api/users").json() if u["email"] == email)
        assert (made["roles"], made["unit"]["name"]) == (["employee", "warehouse"], "Kultur och fritid")

        phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=live_server)
        try:
            newcomer = phone.new_page()
            sign_in_with_form(newcomer, email, PASSWORD)
            expect(newcomer.get_by_role("heading", level=1)).to_have_text(f"Hej, {name}!")
            expect(newcomer.get_by_role("main")).to_contain_text("Lager")
        finally:
            phone.close()

    def test_deactivated_user_is_signed_out_and_cannot_sign_in(self, page, browser, live_server, made_user):
        phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=live_server)
        try:
            theirs = phone.new_page()
            sign_in_with_form(theirs, made_user["email"], PASSWORD)

            sign_in(page, ADMIN)
            open_users(page)
            page.get_by_label("Sök bland användarna").fill(made_user["name"])
            expect(page.get_by_text("Visar 1 av")).to_be_visible()
            card = page.get_by_role("listitem", name=made_user["name"])
            card.get_by_text(f"Ändra {made_user['name']}").click()
            expect(card).to_contain_text("Inloggad på 1 enhet")
            card.get_by_role("button", name=f"Inaktivera {made_user['name']}").click()
            expect(card.get_by_role("group", name=f"Inaktivera {made_user['name']}?")).to_contain_text(
                "Personen loggas ut från alla enheter direkt")
            card.get_by_role("button", name="Ja, inaktivera").click()
            expect(status(page)).to_have_text(
                f"{made_user['name']} är inaktiverad och har loggats ut från alla enheter.")
            expect(card).to_contain_text("Inaktiverat – kan inte logga in")
            expect(card.get_by_role("heading", name=made_user["name"])).to_be_focused()

            theirs.reload()
            expect(theirs.get_by_role("heading", level=1)).to_have_text("Logga in")
            sign_in_with_form(theirs, made_user["email"], PASSWORD, expect_home=False)
            expect(theirs.get_by_text("Fel e-postadress eller lösenord")).to_be_visible()
            expect(theirs.get_by_role("heading", level=1)).to_have_text("Logga in")
        finally:
            phone.close()

    def test_a_new_password_signs_the_user_out_and_lets_them_in_with_it(self, page, browser, live_server, made_user):
        phone = browser.new_context(viewport={"width": 360, "height": 740}, locale="sv-SE", base_url=live_server)
        try:
            theirs = phone.new_page()
            sign_in_with_form(theirs, made_user["email"], PASSWORD)

            sign_in(page, ADMIN)
            page.goto("/admin/anvandare")
            card = page.get_by_role("listitem", name=made_user["name"])
            card.get_by_text(f"Ändra {made_user['name']}").click()
            card.get_by_label("Nytt lösenord").fill("ett helt nytt lösenord")
            card.get_by_role("button", name=f"Sätt nytt lösenord för {made_user['name']}").click()
            expect(status(page)).to_have_text(f"Nytt lösenord för {made_user['name']} är sparat. "
                                              f"{made_user['name']} har loggats ut från alla enheter.")

            theirs.reload()
            expect(theirs.get_by_role("heading", level=1)).to_have_text("Logga in")
            sign_in_with_form(theirs, made_user["email"], "ett helt nytt lösenord")
            expect(theirs.get_by_role("heading", level=1)).to_have_text(f"Hej, {made_user['name']}!")
        finally:
            phone.close()

    def test_a_mistyped_email_is_explained_and_nothing_is_saved(self, page, admin_api):
        name = unique("Felskriven")
        sign_in(page, ADMIN)
        page.goto("/admin/anvandare")
        page.get_by_text("Lägg till en användare").click()
        posts: list[str] = []
        page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
        email = page.get_by_label("E-postadress")
        page.get_by_label("Namn", exact=True).fill(name)
        email.fill("felskriven.trelleborg.exempel.se")
        page.get_by_label("Enhet", exact=True).select_option(label=UNIT)
        page.get_by_label("Första lösenord").fill("kort")
        page.get_by_role("button", name="Lägg till användaren").click()

        expect(page.get_by_text("Skriv e-postadressen som namn@kommun.se.")).to_be_visible()
        expect(page.get_by_text("Lösenordet måste ha minst 10 tecken.")).to_be_visible()
        expect(email).to_be_focused()
        expect(email).to_have_attribute("aria-invalid", "true")
        expect(email).to_have_attribute("aria-describedby", "user-new-email-error user-new-email-hint")
        assert posts == []
        assert [u for u in admin_api.get("/api/users").json() if u["name"] == name] == []

    def test_a_change_someone_else_made_first_is_refused_readably(self, page, admin_api, made_user):
        sign_in(page, ADMIN)
        page.goto("/admin/anvandare")
        card = page.get_by_role("listitem", name=made_user["name"])
        card.get_by_text(f"Ändra {made_user['name']}").click()
        renamed = admin_api.patch(f"/api/users/{made_user['id']}",
                                  json={"version": made_user["version"], "name": made_user["name"] + " B"})
        assert renamed.status_code == 200, renamed.text

        card.get_by_role("checkbox", name="Chaufför").check()
        card.get_by_role("button", name="Spara ändringar").click()
        expect(page.get_by_role("main").get_by_role("alert").first).to_have_text(
            f"Någon annan hann ändra {made_user['name']} medan du arbetade. "
            "Listan visar nu det senaste; gör din ändring igen.")
        expect(page.get_by_role("listitem", name=made_user["name"] + " B")).to_contain_text("Medarbetare")
        assert admin_api.get(f"/api/users/{made_user['id']}").json()["roles"] == ["employee"]


class TestNotAdmin:
    def test_an_employee_sees_no_admin_link_and_is_refused_by_the_server(self, page):
        sign_in(page, EMPLOYEE)
        expect(page.get_by_role("link", name="Administration")).to_have_count(0)
        expect(page.get_by_role("link", name="Användare och roller")).to_have_count(0)

        page.goto("/admin/anvandare")
        expect(page.get_by_role("heading", level=1)).to_have_text("Användare och roller")
        expect(page.get_by_role("main").get_by_role("alert").first).to_have_text(REFUSED)
        expect(page.get_by_text("Lägg till en användare")).to_have_count(0)
        expect(page.get_by_role("main").get_by_role("listitem")).to_have_count(0)
        page.goto("/admin")
        expect(page.get_by_role("main").get_by_role("alert").first).to_have_text(REFUSED)
        expect(page.get_by_role("link", name="Användare och roller")).to_have_count(0)


class TestUnits:
    def test_admin_adds_a_unit_and_changes_its_cost_centre(self, page, admin_api):
        name = unique("Testenhet")
        sign_in(page, ADMIN)
        page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Administration").click()
        page.get_by_role("link", name="Enheter och kostnadsställen").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Enheter och kostnadsställen")
        page.get_by_text("Lägg till en enhet").click()
        page.get_by_label("Enhetens namn").fill(name)
        page.get_by_label("Kostnadsställe", exact=True).fill("3100-A")
        page.get_by_role("button", name="Lägg till enheten").click()
        expect(status(page)).to_have_text(f"{name} är tillagd med kostnadsställe 3100-A.")
        card = page.get_by_role("listitem", name=name)
        expect(card).to_contain_text("Kostnadsställe: 3100-A")

        card.get_by_text(f"Ändra {name}").click()
        card.get_by_label("Kostnadsställe", exact=True).fill("3200")
        card.get_by_role("button", name="Spara ändringar").click()
        expect(status(page)).to_have_text(f"Sparat. {name} har kostnadsställe 3200.")
        expect(page.get_by_role("listitem", name=name)).to_contain_text("Kostnadsställe: 3200")
        expect(page.get_by_role("heading", name=name)).to_be_focused()
        saved = next(u for u in admin_api.get("/api/units").json() if u["name"] == name)
        assert (saved["cost_centre"], saved["version"]) == ("3200", 2)

    def test_a_mistyped_cost_centre_is_explained_and_nothing_is_saved(self, page, admin_api):
        name = unique("Felenhet")
        sign_in(page, ADMIN)
        page.goto("/admin/enheter")
        page.get_by_text("Lägg till en enhet").click()
        posts: list[str] = []
        page.on("request", lambda r: posts.append(r.url) if r.method == "POST" else None)
        page.get_by_label("Enhetens namn").fill(name)
        cost_centre = page.get_by_label("Kostnadsställe", exact=True)
        cost_centre.fill("31/00")
        page.get_by_role("button", name="Lägg till enheten").click()
        expect(page.get_by_text("Kostnadsstället får bara innehålla siffror, bokstäver a–z (inte å, ä, ö), "
                                "mellanslag, punkt, bindestreck och understreck.")).to_be_visible()
        expect(cost_centre).to_be_focused()
        expect(cost_centre).to_have_attribute("aria-invalid", "true")
        assert posts == []
        assert [u for u in admin_api.get("/api/units").json() if u["name"] == name] == []


@pytest.fixture
def skurup_api(live_server) -> Iterator[httpx.Client]:
    client = api_as(live_server, SKURUP_ADMIN)
    yield client
    client.close()


@pytest.fixture
def test_network(admin_api, skurup_api) -> Iterator[dict]:
    """A network of the test's own, started by Trelleborg; afterwards nobody is left in it."""
    network = {"name": unique("Testsamverkan")}
    yield network
    for client in (skurup_api, admin_api):
        for row in client.get("/api/networks").json():
            if row["name"] == network["name"]:
                assert client.delete(f"/api/networks/{row['id']}/membership").status_code == 204


def started(admin_api: httpx.Client, network: dict) -> dict:
    answer = admin_api.post("/api/networks", json={"name": network["name"]})
    assert answer.status_code == 201, answer.text
    return answer.json()


def municipality_id(client: httpx.Client, name: str) -> str:
    return next(m["id"] for m in client.get("/api/municipalities").json() if m["name"] == name)


class TestNetworks:
    def test_the_demo_network_shows_its_three_members(self, page):
        sign_in(page, ADMIN)
        page.get_by_role("region", name="Mer i Delbar").get_by_role("link", name="Samverkan").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Samverkan")
        members = page.get_by_role("list", name=f"Kommuner i {NETWORK}").get_by_role("listitem")
        expect(members).to_have_text(["Skurup – medlem", "Trelleborg – medlem", "Ystad – medlem"])
        expect(page.get_by_role("listitem", name=NETWORK)).to_contain_text("Trelleborg är medlem.")

    def test_admin_starts_a_network_and_invites_a_municipality(self, page, test_network):
        name = test_network["name"]
        sign_in(page, ADMIN)
        page.goto("/admin/samverkan")
        page.get_by_text("Starta en ny samverkan").click()
        page.get_by_label("Samverkans namn").fill(name)
        page.get_by_role("button", name="Starta samverkan").click()
        expect(status(page)).to_have_text(f"{name} är startad. Bjud in kommuner i listan nedan.")
        card = page.get_by_role("listitem", name=name)
        expect(card.get_by_role("listitem")).to_have_text(["Trelleborg – medlem"])

        card.get_by_label("Bjud in en kommun").select_option(label="Skurup")
        card.get_by_role("button", name=f"Bjud in till {name}").click()
        expect(status(page)).to_have_text(
            f"Skurup är inbjuden till {name}. Kommunens administratör behöver tacka ja.")
        expect(card.get_by_role("listitem")).to_have_text(
            ["Skurup – inbjuden, har inte svarat", "Trelleborg – medlem"])

    def test_invited_municipality_accepts(self, page, admin_api, test_network):
        network = started(admin_api, test_network)
        invited = admin_api.post(f"/api/networks/{network['id']}/invitations",
                                 json={"municipality_id": municipality_id(admin_api, "Skurup")})
        assert invited.status_code == 201, invited.text
        sign_in(page, SKURUP_ADMIN)
        page.get_by_role("navigation", name="Huvudmeny").get_by_role("link", name="Administration").click()
        expect(page.get_by_text("1 inbjudan väntar på svar.")).to_be_visible()
        page.get_by_role("link", name="Samverkan").click()
        card = page.get_by_role("listitem", name=network["name"])
        expect(card).to_contain_text("Skurup är inbjuden men har inte svarat.")
        card.get_by_role("button", name=f"Tacka ja till {network['name']}").click()
        expect(status(page)).to_have_text(f"Ni är nu medlem i {network['name']}.")
        expect(card.get_by_role("listitem")).to_have_text(["Skurup – medlem", "Trelleborg – medlem"])
        ours = next(n for n in admin_api.get("/api/networks").json() if n["name"] == network["name"])
        assert {m["status"] for m in ours["members"]} == {"active"}

    def test_admin_leaves_a_network_after_confirming(self, page, admin_api, test_network):
        network = started(admin_api, test_network)
        sign_in(page, ADMIN)
        page.goto("/admin/samverkan")
        card = page.get_by_role("listitem", name=network["name"])
        card.get_by_role("button", name=f"Lämna {network['name']}").click()
        expect(card.get_by_role("group")).to_contain_text(
            "Trelleborg slutar se de andra kommunernas annonser och de slutar se era.")
        expect(card.get_by_role("button", name="Avbryt")).to_be_focused()
        card.get_by_role("button", name="Ja, lämna").click()
        expect(status(page)).to_have_text(f"Trelleborg har lämnat {network['name']}.")
        expect(page.get_by_role("listitem", name=network["name"])).to_have_count(0)
        expect(page.get_by_role("listitem", name=NETWORK)).to_be_visible()
        assert [n for n in admin_api.get("/api/networks").json() if n["name"] == network["name"]] == []


def test_the_admin_sets_how_long_the_municipalitys_messages_are_kept(browser, live_server):
    context, page = open_as(browser, live_server, "phone", "admin@trelleborg.exempel.se")
    try:
        page.goto("/admin")
        page.get_by_role("link", name="Sparade meddelanden").click()
        expect(page.get_by_role("heading", level=1)).to_have_text("Sparade meddelanden")
        days = page.get_by_label("Antal dagar")
        expect(days).to_have_value("")
        expect(page.get_by_text("Från 30 till 3650 dagar. Lämna tomt för Delbars standard: 365 dagar.")).to_be_visible()
        days.fill("10")
        page.get_by_role("button", name="Spara").click()
        expect(page.locator("#retention-error")).to_have_text(
            "Ange ett heltal från 30 till 3650, eller lämna fältet tomt.")
        expect(days).to_have_attribute("aria-invalid", "true")
        days.fill("90")
        page.get_by_role("button", name="Spara").click()
        expect(page.locator(".admin-page__status")).to_have_text("Sparat. Meddelanden sparas i 90 dagar.")
        fits(page)
        assert axe_clean(page) == []
        shot(page, "admin-retention")
        page.reload()
        expect(days).to_have_value("90")
        days.fill("")
        page.get_by_role("button", name="Spara").click()
        expect(page.locator(".admin-page__status")).to_have_text("Sparat. Delbars standard gäller: 365 dagar.")
    finally:
        context.close()
