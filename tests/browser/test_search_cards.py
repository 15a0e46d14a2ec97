"""What a search card says and how it reads: long Swedish unit names break where words join, with a
hyphen, at both widths (four columns at a desk); a loan out on a booking today is free from its return."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.sync_api import expect

from tests.browser.field import signed_in_http
from tests.browser.journeys import WIDTHS, axe_clean, fits, new_person, open_as, shot, unique, ystad_listing
from tests.browser.test_bookings import local_day

pytestmark = pytest.mark.browser

# Each word of the card's meta line that wraps, and whether every one of its parts between soft
# hyphens stays on one line (the rectangles of a range over the part).
WRAPPED_WORDS = """(element) => {
  const text = element.firstChild;
  const lines = (start, end) => {
    const range = document.createRange();
    range.setStart(text, start);
    range.setEnd(text, end);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  };
  const wrapped = [];
  for (const match of text.data.matchAll(/[^ ]+/g)) {
    if (lines(match.index, match.index + match[0].length) < 2) continue;
    let offset = match.index;
    // Chromium gives the first letter after a used soft hyphen the hyphen's rectangle too: skip it.
    const whole = match[0].split("\u00ad").every((part, index) => {
      const ok = lines(offset + (index ? 1 : 0), offset + part.length) === 1;
      offset += part.length + 1;
      return ok;
    });
    wrapped.push({ word: match[0], atHyphens: whole });
  }
  return wrapped;
}"""


@pytest.fixture(scope="module")
def long_named(live_server) -> str:
    """A listing of Ystad's Kommunledningsförvaltningen, the longest unit name in the demo; its title."""
    title = unique("Långt namn")
    email = new_person(live_server, municipality="ystad", unit="Kommunledningsförvaltningen", name="Lo Lång")
    with signed_in_http(live_server, email) as person:
        made = person.post("/api/listings", json={"kind": "furniture", "deal": "give", "title": title,
                                                  "quantity": 1, "visibility": "network", "publish": True})
        assert made.status_code == 201, made.text
    return title


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_long_unit_name_breaks_where_the_words_join(browser, live_server, width, long_named):
    context, page = open_as(browser, live_server, width, "medarbetare@skurup.exempel.se")
    try:
        page.goto("/annonser?q=stol")
        expect(page.get_by_role("main").get_by_role("status").first).to_contain_text("hittades")
        if width == "desk":
            columns = page.locator(".listing-search__results").evaluate(
                "list => getComputedStyle(list).gridTemplateColumns.split(' ').length")
            assert columns == 4
        page.goto(f"/annonser?q={long_named.split()[-1]}")
        card = page.get_by_role("link", name=long_named)
        meta = card.locator(".listing-card__meta")
        expect(meta).to_have_attribute("lang", "sv")
        expect(meta).to_have_text("Ystad · Kommunlednings\u00adförvaltningen")
        wrapped = meta.evaluate(WRAPPED_WORDS)
        # A word wraps only at its soft hyphen (shown as "-"), never inside a part of it.
        assert all(word["atHyphens"] for word in wrapped), wrapped
        if width == "desk":
            assert [word["word"] for word in wrapped] == ["Kommunlednings\u00adförvaltningen"], \
                "at four columns the name needs its hyphen"
        assert axe_clean(page) == []
        fits(page)
        shot(page, "search-card-long-name")
    finally:
        context.close()


@pytest.fixture(scope="module")
def out_today(live_server) -> tuple[str, date]:
    """A loan approved from today for three days: its title and the day it comes back."""
    title = unique("Utlånad borrmaskin")
    listing = ystad_listing(live_server, title, kind="equipment")
    borrower = new_person(live_server, name="Bo Lånar")
    with signed_in_http(live_server, borrower) as person:
        made = person.post("/api/bookings", json={"listing_id": listing, "start": local_day(0), "end": local_day(3)})
        assert made.status_code == 201, made.text
    with signed_in_http(live_server, "samordnare@ystad.exempel.se") as owner:
        answer = owner.post(f"/api/bookings/{made.json()['id']}/approve", json={})
        assert answer.status_code == 200, answer.text
    return title, date.fromisoformat(local_day(3))


@pytest.mark.parametrize("width", list(WIDTHS))
def test_a_loan_out_today_is_free_from_its_return_day(browser, live_server, width, out_today):
    title, back = out_today
    context, page = open_as(browser, live_server, width, "medarbetare@skurup.exempel.se")
    try:
        page.goto(f"/annonser?q={title.split()[-1]}")
        card = page.get_by_role("link", name=title)
        expect(card.locator(".listing-card__when")).to_have_text(re.compile(rf"^Ledig från {back.day} \w+"))
        expect(card).not_to_contain_text("Ledig nu")
        assert axe_clean(page) == []
        shot(page, "search-card-booked")
    finally:
        context.close()
