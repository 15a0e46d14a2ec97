"""Helpers for the field-app browser tests: sign in, wait for the worker, read the outbox."""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from contextlib import contextmanager

import httpx
from playwright.sync_api import Page, expect

from backend.demo.data import DEMO_PASSWORD

DRIVER = "chauffor@skurup.exempel.se"
WAREHOUSE = "lager@skurup.exempel.se"


# Shorter than the server's keep-alive (uvicorn closes an idle connection after 5 s; httpx would
# keep it 5 s too): a client never sends on a connection the server is closing at that moment,
# which under load shows as "connection reset by peer".
KEEPALIVE = httpx.Limits(keepalive_expiry=1)


def api_as(base: str, email: str, password: str = DEMO_PASSWORD) -> httpx.Client:
    """An API client signed in as `email`, sending its CSRF token on writes; the caller closes it."""
    client = httpx.Client(base_url=base, timeout=10, limits=KEEPALIVE)
    answer = client.post("/api/session", json={"email": email, "password": password})
    assert answer.status_code == 201, f"signing in as {email}: {answer.text}"
    client.headers["X-CSRF-Token"] = answer.json()["csrf_token"]
    return client


@contextmanager
def signed_in_http(base: str, email: str) -> Iterator[httpx.Client]:
    """api_as for one block: closed afterwards."""
    client = api_as(base, email)
    try:
        yield client
    finally:
        client.close()


def sign_in(page: Page, email: str) -> None:
    """Signed in and on the start page, the way the login form signs in (test_login.py drives the form).

    The session cookie comes from the same POST the form sends, made in this browser, so the
    first page the test opens is the app as a signed-in person starts it; it saves every test
    the login screen's load.
    """
    answer = page.request.post("/api/session", data={"email": email, "password": DEMO_PASSWORD})
    assert answer.ok, f"signing in as {email}: {answer.status} {answer.text()}"
    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Hej")


def sign_in_with_form(page: Page, email: str, password: str = DEMO_PASSWORD, *, expect_home: bool = True) -> None:
    """Through the login screen, for tests of the form itself and of what signing in sets off (the
    outbox sends what waited for this person at once). Waits for the start page unless told the
    form should refuse (`expect_home=False`)."""
    page.goto("/login")
    page.get_by_label("E-postadress").fill(email)
    page.get_by_role("button", name="Fortsätt").click()
    page.get_by_label("Lösenord").fill(password)
    page.get_by_role("button", name="Logga in").click()
    if expect_home:
        expect(page.get_by_role("heading", level=1)).to_contain_text("Hej")


def until_true(page: Page, script: str, timeout: float = 10) -> None:
    """Wait until a page expression whose value is a promise resolves to true. wait_for_function
    cannot: it takes the returned promise itself for a true value and returns at once."""
    deadline = time.monotonic() + timeout
    while page.evaluate(script) is not True:
        assert time.monotonic() < deadline, f"not true after {timeout} s: {script}"
        page.wait_for_timeout(50)


def held_routes(page: Page, held: list, count: int = 1, timeout: float = 10) -> list:
    """Wait until a route handler that holds requests back has `count` of them. The browser can
    show a request's progress before it sends the request, and a handler runs only when the test
    next talks to Playwright, so `held` read at once may still be empty."""
    deadline = time.monotonic() + timeout
    while len(held) < count:
        assert time.monotonic() < deadline, f"{len(held)} of {count} requests held after {timeout} s"
        page.wait_for_timeout(20)
    return held


def deliver_push(page: Page, base: str, payload: dict) -> None:
    """Hand a push message to the page's service worker through DevTools, as the browser does
    when its push service delivers one. The worker must be activated first: a push for a worker
    still activating is not delivered."""
    until_true(page, "navigator.serviceWorker.ready.then(r => r.active.state === 'activated')", timeout=20)
    cdp = page.context.new_cdp_session(page)
    registrations: list[str] = []
    cdp.on("ServiceWorker.workerRegistrationUpdated",
           lambda event: registrations.extend(r["registrationId"] for r in event["registrations"]
                                              if not r.get("isDeleted")))
    cdp.send("ServiceWorker.enable")
    deadline = time.monotonic() + 10
    while not registrations:  # the DevTools event comes on its own time
        assert time.monotonic() < deadline, "the service worker did not register"
        page.wait_for_timeout(50)
    assert len(set(registrations)) == 1, f"one registration expected: {registrations}"
    cdp.send("ServiceWorker.deliverPushMessage",
             {"origin": base + "/", "registrationId": registrations[0], "data": json.dumps(payload)})


def controlled_by_worker(page: Page) -> None:
    """Reload until the service worker controls the page (then the shell works offline)."""
    page.evaluate("navigator.serviceWorker.ready.then(() => true)")
    page.reload()
    page.wait_for_function("navigator.serviceWorker.controller !== null")
    # The worker stores the session answer after it has served it; offline start-up reads it back.
    until_true(page, """caches.open("delbar-api").then((cache) => cache.match("/api/session")).then(Boolean)""")


def outbox(page: Page) -> list[dict]:
    """The events waiting in IndexedDB, oldest first."""
    return page.evaluate(
        """async () => {
            const { openDb, OUTBOX_STORE } = await import("/js/db.js");
            const db = await openDb();
            return new Promise((resolve) => {
                const request = db.transaction(OUTBOX_STORE).objectStore(OUTBOX_STORE).getAll();
                request.onsuccess = () => resolve(request.result.map((entry) => entry.event));
            });
        }"""
    )


def type_code(page: Page, code: str) -> None:
    page.get_by_label("Skriv koden").fill(code)
    page.get_by_role("button", name="Använd koden").click()


def first_healthy(base: str, timeout: float = 60) -> float:
    """Poll /health every 20 ms: the monotonic time of the server's first healthy answer."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(base + "/health", timeout=0.5).status_code == 200:
                return time.monotonic()
        except httpx.HTTPError:
            pass
        time.sleep(0.02)
    raise AssertionError(f"the server at {base} never became healthy")
