"""notify(): how other contexts tell people about something, inside their own transaction.

It only inserts rows (one in-app notification per user, one delivery per device of a user who
wants this kind), so the notification commits or rolls back with the change that causes it.
The worker sends the deliveries later; nothing here touches the network.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterable
from datetime import datetime
from uuid import UUID, uuid4

from backend import clock
from backend.mail import outbox as mail
from backend.messages import text
from backend.push.daily_repository import ReminderKeyRepository
from backend.push.delivery_repository import DeliveryRepository
from backend.push.kinds import KINDS
from backend.push.quiet import quiet_until
from backend.push.repository import PreferenceRepository, Row
from backend.push.tables import Notification

# Below the 3 KB the issue allows, so the encrypted message stays far below 4 KB.
MAX_PAYLOAD_BYTES = 3000
ICON = "/icons/icon-192.png"

_seq_lock = threading.Lock()
_last_seq = 0


def next_seq() -> int:
    """A number that grows with time and never repeats in this process: orders deliveries."""
    global _last_seq
    with _seq_lock:
        _last_seq = max(_last_seq + 1, time.time_ns() // 1000)
        return _last_seq


def rendered(notification: Row, lang: str) -> tuple[str, str]:
    """Title and body in the reader's language, from the catalogue key and parameters kept with it."""
    if not notification.get("message"):
        return notification["title"], notification["body"]
    key, params = notification["message"], json.loads(notification["params"] or "{}")
    return text(f"{key}.title", lang, **params)[:200], text(f"{key}.body", lang, **params)[:1000]


def payload(notification: Row, lang: str = "sv") -> bytes:
    """The JSON the service worker shows, with the body cut until the whole fits the bound."""
    title, body = rendered(notification, lang)
    while True:
        data = json.dumps(
            {"id": str(notification["id"]), "kind": notification["kind"], "title": title,
             "body": body, "url": notification["url"], "tag": notification["tag"], "icon": ICON},
            ensure_ascii=False, separators=(",", ":"),
        ).encode()
        if len(data) <= MAX_PAYLOAD_BYTES:
            return data
        over = len(data) - MAX_PAYLOAD_BYTES
        body = body[: max(0, len(body) - max(over // 3, 1) - 1)] + "…"


def _enabled(kind: str, preference: Row | None) -> bool:
    if kind == "test" or preference is None:
        return True
    return kind not in preference["disabled_kinds"].split(",")


def _first_attempt(now: datetime, preference: Row | None) -> datetime:
    if preference is None:
        return now
    return quiet_until(now, preference["quiet_start"], preference["quiet_end"]) or now


async def notify_message(
    user_ids: Iterable[UUID], kind: str, message: str, params: dict, url: str, tag: str | None = None
) -> list[UUID]:
    """Queue a notification whose text is the catalogue's `message` with `params`, rendered later in
    each reader's language; call inside the db.write() of the change it reports."""
    text(f"{message}.title", "sv", **params)  # an unknown key or a missing parameter fails here, not when read
    return await notify(user_ids, kind, "", "", url, tag,
                        message=message, params=json.dumps(params, ensure_ascii=False, separators=(",", ":")))


async def notify(
    user_ids: Iterable[UUID], kind: str, title: str, body: str, url: str, tag: str | None = None,
    *, message: str = "", params: str = "",
) -> list[UUID]:
    """Queue a notification with literal text for each user; call inside the db.write() of the change it
    reports. What the server tells people goes through notify_message, in their language."""
    if kind not in KINDS:
        raise ValueError(f"Unknown notification kind {kind!r}")
    if not Notification._meta.db.transaction_exists():
        raise RuntimeError("notify() must run inside the caller's db.write() transaction")
    users = list(dict.fromkeys(user_ids))
    if not users:
        return []
    now = clock.now()
    preferences = await PreferenceRepository().of_users(users)
    notifications = [
        {"id": uuid4(), "user": user, "seq": next_seq(), "kind": kind, "title": title[:200], "body": body[:1000],
         "url": url[:500], "tag": (tag or kind)[:100], "message": message, "params": params,
         "created_at": now}
        for user in users
    ]
    by_user = {n["user"]: n for n in notifications}
    channels = await mail.channels_for(users, kind)
    deliveries = []
    for device in await DeliveryRepository().subscriptions_of(users):
        preference = preferences.get(device["user"])
        if channels[device["user"]] in ("push", "both") and _enabled(kind, preference):
            note = by_user[device["user"]]
            deliveries.append({"id": uuid4(), "notification": note["id"], "subscription": device["id"],
                               "seq": note["seq"], "status": "pending", "attempts": 0,
                               "next_attempt_at": _first_attempt(now, preference)})
    repository = DeliveryRepository()
    await repository.insert_notifications(notifications)
    await repository.insert_pending(deliveries)
    if message:  # e-mail says what the catalogue says; literal texts stay in the app and on phones
        await mail.queue([u for u in users if channels[u] in ("email", "both")], kind, message, params, url)
        await mail.queue([u for u in users if channels[u] == "digest"], kind, message, params, url, held=True)
    _wake()
    return [n["id"] for n in notifications]


async def queued_keys(keys: list[str]) -> set[str]:
    """Which of these once-only keys (a reminder's kind:booking:day) were claimed already."""
    return await ReminderKeyRepository().existing(keys)


async def claim_keys(keys: list[str], now: datetime) -> set[str]:
    """Claim once-only keys inside the caller's write; the ones returned are new, so notify for those
    only: a second run, or a second process at once, queues nothing twice."""
    return await ReminderKeyRepository().claim(keys, now)


_listeners: list = []


def on_notify(callback) -> None:
    """Let an in-process worker look sooner than its next poll (a hint; it re-reads the table)."""
    _listeners.append(callback)


def _wake() -> None:
    for callback in _listeners.copy():  # a snapshot, so a callback may unsubscribe while we call them
        callback()


def off_notify(callback) -> None:
    if callback in _listeners:
        _listeners.remove(callback)
