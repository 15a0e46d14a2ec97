"""iCalendar text (RFC 5545) for bookings and transport jobs, written by hand: it is small.

CRLF line ends, content lines folded at 75 octets without splitting a UTF-8 character,
TEXT values escaped (backslash, semicolon, comma, newline). All-day events use VALUE=DATE
with an exclusive DTEND, which matches the half-open booking periods exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

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


def booking_event(row: dict) -> Event:
    if row["window_id"]:
        start, end = row["window_starts_at"], row["window_ends_at"]
    else:
        start, end = row["period_start"], row["period_end"]
    return Event(uid=f"booking-{row['id']}@delbar", summary=f"{row['listing_title']} ({row['owner_unit_name']})",
                 start=start, end=end, description=f"Delbar: {row['deal']}, {row['quantity']} st, {row['status']}",
                 location=row["delivery_address"], status=STATUS.get(row["status"], "CONFIRMED"))


def job_event(row: dict) -> Event:
    items = ", ".join(i["title"] for i in row["items"])
    return Event(uid=f"job-{row['id']}@delbar", summary=f"Transport: {row['delivery_address']}",
                 start=row["day"], end=None, description=f"Hämta: {row['pickup_address']}\n{items}",
                 location=row["pickup_address"], status="CANCELLED" if row["status"] == "cancelled" else "CONFIRMED")
