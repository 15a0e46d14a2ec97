"""The time the server takes for a scan: the phone's clock is evidence, the server's the authority.

A phone measures how far its clock is off from the server's `Date` answers and sends that skew
with each queued event; the server corrects the device time by it. A device time that is still
implausible (ahead of the server, or further behind than an offline shift can explain) is
replaced by the server's time, and the skew it shows is recorded. An event is never refused
for its clock: the device time is kept as sent, beside the time taken.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

FUTURE_SLACK = timedelta(minutes=10)
# An event queued offline longer than this, from a phone that did not say how its clock stood,
# more likely comes from a clock set wrong than from two days without any network.
PAST_LIMIT = timedelta(hours=48)
# Even corrected by the skew the phone reports, an event older than this was not waiting in an
# outbox: the correction is not trusted and the server's time is taken.
OFFLINE_LIMIT = timedelta(days=30)
# A skew at least this large is a wrong clock worth telling the coordinator about.
WRONG_CLOCK = timedelta(minutes=2)
# The largest skew a phone may report (the API's bound), ten years in milliseconds.
MAX_SKEW_MS = 10 * 366 * 24 * 3600 * 1000


@dataclass(frozen=True)
class EventTime:
    at: datetime  # when the event happened, as far as the server can tell
    skew: int | None  # seconds the phone's clock was ahead (+) or behind (-), when known
    source: str  # "device" as sent, "corrected" by the reported skew, "server" the server's time


def event_time(device_time: datetime, reported_skew_ms: int | None, now: datetime) -> EventTime:
    """The time to take for an event made at device_time on a phone whose clock was off by the skew."""
    if reported_skew_ms is not None:
        skew = timedelta(milliseconds=reported_skew_ms)
        try:
            corrected = device_time - skew
        except OverflowError:  # a device time near year 1 or 9999: implausible, the server's time is taken
            corrected = None
        if corrected is not None and now - OFFLINE_LIMIT <= corrected <= now + FUTURE_SLACK:
            return EventTime(corrected, _seconds(skew), "corrected" if reported_skew_ms else "device")
    gap = device_time - now
    if gap > FUTURE_SLACK or gap < -PAST_LIMIT:
        return EventTime(now, _seconds(gap), "server")
    return EventTime(device_time, None, "device")


def _seconds(skew: timedelta) -> int:
    """The skew to record, in seconds; a clock more than ten years off is recorded as ten years."""
    limit = MAX_SKEW_MS // 1000
    return max(-limit, min(limit, round(skew.total_seconds())))


def is_wrong_clock(skew_seconds: int | None) -> bool:
    return skew_seconds is not None and abs(skew_seconds) >= WRONG_CLOCK.total_seconds()
