"""Helpers for the employee journeys: people of their own (so a language or a want of theirs touches no
other test), both screen widths, axe on the screens a journey passes, and screenshots when asked."""

from __future__ import annotations

import os
import re
import uuid
from pathlib import Path

from playwright.sync_api import Page, expect

from backend.demo.data import DEMO_PASSWORD
from tests.browser.field import sign_in, signed_in_http
from tests.browser.test_accessibility import axe_findings

# The phone the app is designed for, and a desk screen.
WIDTHS = {"phone": (360, 740), "desk": (1280, 800)}


def new_person(base: str, municipality: str = "skurup", unit: str = "Kultur och fritid",
               name: str = "Robin Ny", roles: tuple[str, ...] = ("employee",)) -> str:
    """A new person made by the municipality's admin, so a test never shares a demo person's state;
    the e-mail to sign in with (demo password)."""
    email = f"ny-{uuid.uuid4().hex[:8]}@{municipality}.exempel.se"
    with signed_in_http(base, f"admin@{municipality}.exempel.se") as admin:
        unit_id = next(u["id"] for u in admin.get("/api/units").json() if u["name"] == unit)
        made = admin.post("/api/users", json={"email": email, "name": name, "unit_id": unit_id,
                                              "roles": list(roles), "password": DEMO_PASSWORD})
        assert made.status_code == 201, made.text
    return email


def ystad_listing(base: str, title: str, **fields) -> str:
    """A published, network-wide listing of Ystad's AME; its id."""
    body = {"kind": "furniture", "deal": "lend", "title": title, "quantity": 1, "visibility": "network",
            "publish": True, **fields}
    with signed_in_http(base, "samordnare@ystad.exempel.se") as ystad:
        made = ystad.post("/api/listings", json=body)
        assert made.status_code == 201, made.text
        return made.json()["id"]


def unique(title: str) -> str:
    return f"{title} {uuid.uuid4().hex[:8]}"


def open_as(browser, live_server: str, width: str, email: str) -> tuple[object, Page]:
    w, h = WIDTHS[width]
    context = browser.new_context(viewport={"width": w, "height": h}, locale="sv-SE", base_url=live_server)
    page = context.new_page()
    sign_in(page, email)
    return context, page


def axe_clean(page: Page) -> list[str]:
    """axe-core's WCAG 2.1 AA findings on the screen as it is now."""
    page.wait_for_function("!document.querySelector('[aria-busy=true]')")
    return axe_findings(page)


def fits(page: Page) -> None:
    """Nothing scrolls sideways."""
    width = page.viewport_size["width"]
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def shot(page: Page, name: str) -> None:
    """A full-page screenshot into $DELBAR_SCREENSHOTS, when set, to look at."""
    folder = os.environ.get("DELBAR_SCREENSHOTS")
    if folder:
        Path(folder).mkdir(parents=True, exist_ok=True)
        width = page.viewport_size["width"]
        page.screenshot(path=str(Path(folder) / f"{re.sub(r'[^a-z0-9-]', '-', name)}-{width}.png"), full_page=True)


def booking_entry(page: Page, title: str):
    """A booking in "Mina bokningar" or "Att godkänna": a card on a phone, a table row at desk width."""
    return page.get_by_role("article", name=title).or_(page.get_by_role("row", name=title))


def heading(page: Page, text: str | re.Pattern) -> None:
    expect(page.get_by_role("heading", level=1)).to_have_text(text)


def choose_filter(select, name: str) -> None:
    """Pick a filter sheet's option by its name once it is there: the sheet fills the category and
    municipality names when they arrive, and adds each option's count ("Skurup (12)")."""
    option = select.locator("option").filter(has_text=re.compile(rf"^{re.escape(name)}(?: \(.*\))?$"))
    expect(option).to_have_count(1)
    select.select_option(value=option.get_attribute("value"))
