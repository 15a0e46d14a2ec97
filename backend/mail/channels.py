"""The channels a person picks per kind of event, and the kinds they pick for.

The kinds are push's choosable kinds (backend/push/kinds.py; a test keeps the two lists equal):
this context sits below push, which asks it who gets what by which channel.
"""

from __future__ import annotations

import json

CHANNELS = ("push", "email", "both", "none", "digest")
KINDS = ("want_matched", "booking_requested", "booking_approved", "booking_declined", "booking_cancelled",
         "booking_changed", "pickup_due", "return_due", "job_assigned", "job_changed",
         "message_received")
# Without anyone's choice, everything goes by push, as before e-mail existed.
FALLBACK = "push"
# Messages that are not events a person opts into: never unsubscribable, never in a digest.
ACCOUNT_MESSAGES = ("password_reset", "invitation")


def parse(text: str | None) -> dict[str, str]:
    """A stored channel map, with anything unknown left out."""
    try:
        data = json.loads(text or "{}")
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {k: v for k, v in data.items() if k in KINDS and v in CHANNELS}


def dump(channels: dict[str, str]) -> str:
    return json.dumps({k: channels[k] for k in KINDS if k in channels}, separators=(",", ":"))


def effective(kind: str, own: dict[str, str] | None, default: dict[str, str], off: set[str]) -> str:
    """The channel for one kind: none when the admin switched it off, else the person's, the
    municipality's default, or push."""
    if kind not in KINDS:
        return FALLBACK
    if kind in off:
        return "none"
    if own is not None and kind in own:
        return own[kind]
    return default.get(kind, FALLBACK)


def without_email(channel: str) -> str:
    """What a channel becomes when the person stops e-mails of that kind."""
    return "push" if channel == "both" else "none" if channel in ("email", "digest") else channel
