"""iCalendar output: CRLF, folding at 75 octets, escaping, read back by a strict little parser."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime

import pytest

from backend.bookings.ical import Event, calendar, escape, fold
from backend.messages import day_text
from tests.backend.bookings.helpers import days
from tests.factories import login

pytestmark = pytest.mark.anyio
NOW = datetime(2027, 1, 1, 12, tzinfo=UTC)


def parse(text: str) -> list[dict[str, str]]:
    """Unfold and unescape RFC 5545 text into one dict per component (BEGIN…END)."""
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    lines = text.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in lines)
    unfolded: list[str] = []
    for line in lines:
        if line.startswith(" "):
            unfolded[-1] += line[1:]
        else:
            unfolded.append(line)
    components, stack = [], []
    for line in unfolded:
        name, _, value = line.partition(":")
        if name == "BEGIN":
            stack.append({"BEGIN": value})
        elif name == "END":
            components.append(stack.pop())
        else:
            stack[-1][name] = re.sub(r"\\([\\;,nN])", lambda m: "\n" if m[1] in "nN" else m[1], value)
    return components


class TestIcal:
    def test_long_non_ascii_lines_fold_without_splitting_characters(self):
        line = "SUMMARY:" + "Skrivbordsstol med höj- och sänkbar rygg, ÅÄÖ " * 4
        folded = fold(line)
        assert all(len(part.encode()) <= 75 for part in folded.split("\r\n"))
        assert folded.replace("\r\n ", "") == line

    def test_text_values_are_escaped(self):
        assert escape("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"

    def test_calendar_round_trips(self):
        event = Event(uid="booking-1@delbar", summary="Stol, blå; \\ 2 st", start=date(2027, 2, 1),
                      end=date(2027, 2, 4), description="Rad ett\nRad två " + "x" * 120)
        calendar_row, event_row = parse(calendar([event], NOW))[-1], parse(calendar([event], NOW))[0]
        assert calendar_row["VERSION"] == "2.0"
        assert event_row["SUMMARY"] == "Stol, blå; \\ 2 st"
        assert event_row["DESCRIPTION"].startswith("Rad ett\nRad två x")
        assert event_row["DTSTART;VALUE=DATE"] == "20270201" and event_row["DTEND;VALUE=DATE"] == "20270204"

    def test_timed_event_is_in_utc(self):
        start = datetime(2027, 2, 1, 9, tzinfo=UTC)
        event = parse(calendar([Event(uid="w", summary="Snickeri", start=start, end=None)], NOW))[0]
        assert (event["DTSTART"], event["DTEND"]) == ("20270201T090000Z", "20270201T100000Z")


class TestDownloads:
    async def test_booking_downloads_as_ics(self, as_requester, world):
        booking = (await as_requester.post("/api/bookings", json={"listing_id": str(world.listing), "start": days(2),
                                                                  "end": days(5)})).json()
        response = await as_requester.get(f"/api/bookings/{booking['id']}/ics")
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/calendar")
        event = parse(response.text)[0]
        assert event["UID"] == f"booking-{booking['id']}@delbar" and event["STATUS"] == "TENTATIVE"
        # The event runs through the return day the person entered (DTEND is exclusive), and says it.
        assert event["DTEND;VALUE=DATE"] == days(6).replace("-", "")
        assert f"återlämnas {day_text(date.fromisoformat(days(5)), 'sv')}" in event["DESCRIPTION"]

    async def test_an_english_reader_gets_the_description_in_english(self, as_requester, world):
        booking = (await as_requester.post("/api/bookings", json={"listing_id": str(world.listing), "start": days(2),
                                                                  "end": days(5)})).json()
        await as_requester.put("/api/session/language", json={"language": "en"})
        event = parse((await as_requester.get(f"/api/bookings/{booking['id']}/ics")).text)[0]
        assert event["DESCRIPTION"].startswith("Delbar: loan, 1 pcs, awaiting an answer.")
        assert f"returned {day_text(date.fromisoformat(days(5)), 'en')}" in event["DESCRIPTION"]


class TestFeed:
    async def test_feed_serves_my_bookings_without_a_session(self, as_requester, new_client, world):
        await as_requester.post("/api/bookings", json={"listing_id": str(world.listing), "start": days(2),
                                                       "end": days(5)})
        created = await as_requester.post("/api/calendar-feed")
        assert created.status_code == 201
        path = created.json()["url"].split("testserver.local", 1)[1]
        anonymous = await new_client()
        response = await anonymous.get(path)
        assert response.status_code == 200 and [c["BEGIN"] for c in parse(response.text)] == ["VEVENT", "VCALENDAR"]

    async def test_revoked_feed_answers_not_found(self, as_requester, new_client, world):
        path = (await as_requester.post("/api/calendar-feed")).json()["url"].split("testserver.local", 1)[1]
        assert (await as_requester.delete("/api/calendar-feed")).status_code == 204
        assert (await (await new_client()).get(path)).status_code == 404

    async def test_new_feed_url_replaces_the_old_one(self, as_requester, new_client, world):
        old = (await as_requester.post("/api/calendar-feed")).json()["url"].split("testserver.local", 1)[1]
        await as_requester.post("/api/calendar-feed")
        assert (await (await new_client()).get(old)).status_code == 404

    async def test_driver_feed_has_their_jobs(self, as_requester, as_owner, new_client, world):
        booking = (await as_requester.post("/api/bookings", json={
            "listing_id": str(world.listing), "start": days(2), "end": days(5),
            "delivery_address": "Skolgatan 3, Skurup"})).json()
        await as_owner.post(f"/api/bookings/{booking['id']}/approve", json={})
        coordinator = await new_client()
        await login(coordinator, world.coordinator_email)
        job = (await coordinator.get("/api/transport-jobs", params={"status": "unassigned"})).json()[0]
        await coordinator.post(f"/api/transport-jobs/{job['id']}/assign",
                               json={"driver_id": str(world.driver), "day": days(2), "version": job["version"]})
        driver = await new_client()
        await login(driver, world.driver_email)
        path = (await driver.post("/api/calendar-feed")).json()["url"].split("testserver.local", 1)[1]
        events = parse((await (await new_client()).get(path)).text)
        assert events[0]["SUMMARY"] == "Transport: Skolgatan 3, Skurup"
