"""A real OpenID provider for this folder's tests, and Ystad's provider set up through the admin API."""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

from tests.factories import Tenant, login
from tests.oidc import CLIENT_ID, CLIENT_SECRET, OpenIdProvider, running_provider

# The in-process app's address (Settings.app_url's default): the callback the provider knows.
APP_URL = "http://127.0.0.1:8000"
YSTAD_DOMAIN = "ystad.exempel.se"


@pytest.fixture(scope="session")
def oidc_provider() -> Iterator[OpenIdProvider]:
    with running_provider(APP_URL) as provider:
        yield provider


@pytest.fixture
def anna_claims(oidc_provider: OpenIdProvider) -> dict:
    """Anna as the directory has her at the start of each test (a test may change her groups)."""
    claims = {"email": "anna.andersson@ystad.exempel.se", "email_verified": True, "name": "Anna Andersson",
              "locale": "en", "department": "Kultur och fritid", "groups": ["delbar-samordnare"]}
    oidc_provider.set_claims("anna", claims)
    return claims


def provider_setting(oidc_provider: OpenIdProvider, ystad: Tenant, **changes) -> dict:
    return {
        "version": 0, "issuer": oidc_provider.issuer, "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET,
        "display_name": "Ystads konto", "domains": [YSTAD_DOMAIN], "default_unit_id": str(ystad.admin_unit),
        "unit_claim": "department", "unit_map": [{"value": "Kultur och fritid", "unit_id": str(ystad.ame_unit)}],
        "role_claim": "groups", "role_map": [{"value": "delbar-samordnare", "roles": ["coordinator"]}],
        **changes,
    }


@pytest.fixture
async def ystad_sso(client: httpx.AsyncClient, new_client, ystad: Tenant, oidc_provider: OpenIdProvider,
                    anna_claims: dict) -> dict:
    """Ystad's admin has set up the test provider; the answer of the admin API."""
    admin = await new_client()
    await login(admin, ystad.admin_email)
    response = await admin.put("/api/sso/provider", json=provider_setting(oidc_provider, ystad))
    assert response.status_code == 200, response.text
    return response.json()
