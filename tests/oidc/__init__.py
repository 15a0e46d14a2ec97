"""A real OpenID provider for the tests (npm oidc-provider, started by provider.mjs) and how to sign in there."""

from __future__ import annotations

import json
import re
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import httpx

SCRIPT = Path(__file__).resolve().parent / "provider.mjs"
CLIENT_ID = "delbar"
CLIENT_SECRET = "delbar-test-secret"


@dataclass(frozen=True)
class OpenIdProvider:
    issuer: str

    def set_claims(self, account: str, claims: dict) -> None:
        httpx.post(f"{self.issuer}/test/accounts/{account}", json=claims).raise_for_status()

    def tamper_next_token(self, mode: str) -> None:
        httpx.post(f"{self.issuer}/test/tamper", json={"mode": mode}).raise_for_status()


@contextmanager
def running_provider(app_url: str) -> Iterator[OpenIdProvider]:
    """Start provider.mjs for a Delbar at app_url (its callback and signed-out page registered)."""
    command = ["node", str(SCRIPT), "--client-id", CLIENT_ID, "--client-secret", CLIENT_SECRET,
               "--redirect-uri", f"{app_url}/api/sso/callback", "--post-logout-uri", f"{app_url}/login"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    try:
        line = process.stdout.readline() if process.stdout else ""
        if not line:
            raise RuntimeError("the test OpenID provider did not start (is `make node_modules/.installed` done?)")
        yield OpenIdProvider(json.loads(line)["issuer"])
    finally:
        process.terminate()
        process.wait(timeout=10)


async def log_in_at_provider(authorize_url: str, account: str) -> str:
    """Follow the provider's sign-in as a browser would, with its own login form; the callback URL it sends back."""
    async with httpx.AsyncClient(timeout=10) as browser:
        response = await browser.get(authorize_url)
        while response.status_code in (302, 303) and "/interaction/" in response.headers["location"]:
            response = await browser.get(urljoin(authorize_url, response.headers["location"]))
        action = re.search(r'<form autocomplete="off" action="([^"]+)"', response.text)
        assert action, response.text[:500]
        response = await browser.post(urljoin(authorize_url, action.group(1)),
                                      data={"prompt": "login", "login": account, "password": "whatever"})
        while response.status_code in (302, 303):
            location = urljoin(authorize_url, response.headers["location"])
            if "/api/sso/callback" in location:
                return location
            response = await browser.get(location)
        raise AssertionError(f"the provider did not send the browser back: {response.status_code}")
