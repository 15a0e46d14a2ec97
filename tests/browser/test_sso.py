"""Signing in with the municipality's account in Chromium, against a real OpenID provider (npm oidc-provider).

One journey: the admin's screen sets the provider up; a new employee signs in through it and lands in
the mapped unit with the mapped role; signing out leads through the provider's own sign-out; after a
group change at the provider the next sign-in drops the role.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from playwright.sync_api import Page, expect

from tests.browser.field import signed_in_http
from tests.browser.journeys import axe_clean, fits, shot
from tests.oidc import CLIENT_ID, CLIENT_SECRET, OpenIdProvider, running_provider

pytestmark = pytest.mark.browser
ADMIN = "admin@ystad.exempel.se"
# A domain of its own, so the demo's Ystad accounts keep signing in with their passwords.
DOMAIN = "konto.ystad.exempel.se"
ANNA = f"anna.andersson@{DOMAIN}"
CLAIMS = {"email": ANNA, "email_verified": True, "name": "Anna Andersson", "locale": "sv",
          "department": "Kultur och fritid", "groups": ["delbar-samordnare"]}


@pytest.fixture(scope="module")
def provider(live_server: str) -> Iterator[OpenIdProvider]:
    with running_provider(live_server) as running:
        yield running


@pytest.fixture
def cleanup(live_server: str) -> Iterator[None]:
    yield
    with signed_in_http(live_server, ADMIN) as admin:
        admin.delete("/api/sso/provider")


def set_up_on_the_admin_screen(page: Page, provider: OpenIdProvider) -> None:
    page.goto("/admin/inloggning")
    expect(page.get_by_role("heading", level=1)).to_have_text("Inloggning via kommunens konto")
    page.get_by_label("Utfärdare (issuer URL)").fill(provider.issuer)
    page.get_by_label("Klient-id").fill(CLIENT_ID)
    page.get_by_label("Klienthemlighet").fill(CLIENT_SECRET)
    page.get_by_label("Namn på knappen").fill("Ystads konto")
    page.get_by_label("E-postdomäner").fill(DOMAIN)
    page.get_by_role("button", name="Lägg till en enhetsrad").click()
    page.locator("[data-kind=unit] input").fill("Kultur och fritid")
    page.locator("[data-kind=unit] select").select_option(label="Kultur och fritid")
    page.get_by_role("button", name="Lägg till en grupprad").click()
    page.locator("[data-kind=role] input[type=text]").fill("delbar-samordnare")
    page.locator("[data-kind=role]").get_by_label("Samordnare").check()
    assert axe_clean(page) == []
    fits(page)
    shot(page, "sso-settings")
    page.get_by_role("button", name="Spara").click()
    expect(page.locator(".admin-page__status")).to_have_text("Inloggningen via kommunens konto är sparad.")
    expect(page.get_by_text("En hemlighet är sparad (krypterad). Lämna tomt för att behålla den.")).to_be_visible()
    page.set_viewport_size({"width": 1280, "height": 900})
    assert axe_clean(page) == []
    fits(page)
    shot(page, "sso-settings")
    page.set_viewport_size({"width": 360, "height": 740})


def sign_in_through_the_provider(page: Page) -> None:
    page.goto("/login")
    page.get_by_label("E-postadress").fill(ANNA)
    page.get_by_role("button", name="Fortsätt").click()
    go = page.get_by_role("link", name="Logga in med Ystads konto")
    expect(go).to_be_visible()
    expect(page.get_by_label("Lösenord")).to_be_hidden()
    assert axe_clean(page) == []
    shot(page, "login-sso")
    go.click()
    page.locator("input[name=login]").fill("anna")  # the provider's own login form
    page.locator("input[name=password]").fill("anything")
    page.get_by_role("button", name="Sign-in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Anna Andersson")


def test_a_new_employee_signs_in_with_the_municipalitys_account(page: Page, live_server: str, provider,
                                                                 cleanup) -> None:
    provider.set_claims("anna", CLAIMS)
    answer = page.request.post("/api/session", data={"email": ADMIN, "password": "delbar-demo"})
    assert answer.ok
    set_up_on_the_admin_screen(page, provider)
    page.context.clear_cookies()

    sign_in_through_the_provider(page)
    main = page.locator("main")
    expect(main).to_contain_text("Kultur och fritid")
    expect(page.locator(".home-view__roles")).to_contain_text("Samordnare")

    page.get_by_role("button", name=re.compile("Logga ut")).click()
    page.get_by_role("button", name="Yes, sign me out").click()  # the provider's sign-out page
    expect(page.get_by_label("E-postadress")).to_be_visible()
    assert page.url == f"{live_server}/login"
    assert page.request.get("/api/session").status == 401
    page.goto("/login?sso_error=inactive")  # how a refusal comes back from the callback
    expect(page.get_by_text("Ditt Delbar-konto är avstängt. Kontakta din administratör.")).to_be_visible()

    provider.set_claims("anna", {**CLAIMS, "groups": []})
    sign_in_through_the_provider(page)
    expect(main).to_contain_text("Kultur och fritid")
    expect(page.locator(".home-view__roles")).not_to_contain_text("Samordnare")
