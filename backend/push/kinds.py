"""The kinds of notification, and how long and how urgently each is worth delivering.

TTL tells the push service how long to keep a message for an offline phone; a booking
change is stale after a day, a test after a few minutes. Urgency lets phones in power-saving
mode wake only for what someone must act on soon (RFC 8030 §5.3).
"""

from __future__ import annotations

from dataclasses import dataclass

HOUR = 3600


@dataclass(frozen=True)
class Kind:
    ttl: int
    urgency: str


KINDS: dict[str, Kind] = {
    "want_matched": Kind(ttl=24 * HOUR, urgency="normal"),
    "booking_requested": Kind(ttl=24 * HOUR, urgency="normal"),
    "booking_approved": Kind(ttl=24 * HOUR, urgency="high"),
    "booking_declined": Kind(ttl=24 * HOUR, urgency="high"),
    "booking_cancelled": Kind(ttl=24 * HOUR, urgency="high"),
    "booking_changed": Kind(ttl=24 * HOUR, urgency="high"),
    "pickup_due": Kind(ttl=18 * HOUR, urgency="normal"),
    "return_due": Kind(ttl=18 * HOUR, urgency="normal"),
    "job_assigned": Kind(ttl=24 * HOUR, urgency="high"),
    "job_changed": Kind(ttl=24 * HOUR, urgency="high"),
    "message_received": Kind(ttl=24 * HOUR, urgency="normal"),
    # Not a preference: the user asked for it a moment ago.
    "test": Kind(ttl=10 * 60, urgency="high"),
}

# The kinds a user can turn off, in the order the settings screen shows them.
CHOOSABLE = tuple(k for k in KINDS if k != "test")
