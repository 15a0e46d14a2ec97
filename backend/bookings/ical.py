"""iCalendar text (RFC 5545) for bookings and transport jobs, written by hand: it is small.

CRLF line ends, content lines folded at 75 octets without splitting a UTF-8 character,
TEXT values escaped (backslash, semicolon, comma, newline). All-day events use VALUE=DATE
with an exclusive DTEND. A loan's event runs through its return day (DTEND the day after), so a
calendar shows the return day the person entered, the day they still have the thing in hand.
Descriptions are in the calendar owner's language (backend/messages.py).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from backend.messages import booking_when, text

PRODID = "-//Delbar//Bokningar//SV"


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    start: date | datetime
    end: date | datetime | None
    description: str = ""
    location: str = ""
    status: str = "CONFIRMED"


def escape(text: str) -> str:
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Split a content line into pieces of at most 75 octets; continuations start with a space."""
    data, pieces, limit = line.encode(), [], 75
    while len(data) > limit:
        cut = limit
        while cut > 0 and (data[cut] & 0xC0) == 0x80:  # never cut inside a UTF-8 sequence
            cut -= 1
        pieces.append(data[:cut])
        data, limit = data[cut:], 74  # the leading space of a continuation counts
    pieces.append(data)
    return "\r\n ".join(p.decode() for p in pieces)


def _stamp(value: date | datetime) -> str:
    if isinstance(value, datetime):
        return ":" + value.astimezone(UTC).strftime("%Y%m%dT%H%M%SZ")
    return ";VALUE=DATE:" + value.strftime("%Y%m%d")


def _event_lines(event: Event, now: datetime) -> list[str]:
    end = event.end
    if end is None:
        end = event.start + (timedelta(hours=1) if isinstance(event.start, datetime) else timedelta(days=1))
    lines = ["BEGIN:VEVENT", f"UID:{event.uid}", "DTSTAMP" + _stamp(now), "DTSTART" + _stamp(event.start),
             "DTEND" + _stamp(end), f"SUMMARY:{escape(event.summary)}", f"STATUS:{event.status}"]
    if event.description:
        lines.append(f"DESCRIPTION:{escape(event.description)}")
    if event.location:
        lines.append(f"LOCATION:{escape(event.location)}")
    return [*lines, "END:VEVENT"]


def calendar(events: list[Event], now: datetime, name: str = "Delbar") -> str:
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODID}", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
             f"X-WR-CALNAME:{escape(name)}"]
    for event in events:
        lines += _event_lines(event, now)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)


STATUS = {"requested": "TENTATIVE", "cancelled": "CANCELLED", "declined": "CANCELLED", "expired": "CANCELLED"}


def booking_event(row: dict, lang: str = "sv") -> Event:
    if row["window_id"]:
        start, end = row["window_starts_at"], row["window_ends_at"]
    else:
        start = row["period_start"]
        end = row["period_end"] + timedelta(days=1) if row["period_end"] else None
    description = text("ical.booking", lang, deal=text(f"deal.{row['deal']}", lang), quantity=row["quantity"],
                       status={"status": row["status"]}, period=booking_when(row))
    return Event(uid=f"booking-{row['id']}@delbar", summary=f"{row['listing_title']} ({row['owner_unit_name']})",
                 start=start, end=end, description=description,
                 location=row["delivery_address"], status=STATUS.get(row["status"], "CONFIRMED"))


def job_event(row: dict, lang: str = "sv") -> Event:
    items = ", ".join(i["title"] for i in row["items"])
    collect = text("ical.job", lang, address=row["pickup_address"])
    return Event(uid=f"job-{row['id']}@delbar", summary=f"Transport: {row['delivery_address']}",
                 start=row["day"], end=None, description=f"{collect}\n{items}",
                 location=row["pickup_address"], status="CANCELLED" if row["status"] == "cancelled" else "CONFIRMED")
