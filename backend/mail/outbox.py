"""queue(): how push's notify() and the password links put e-mails in the outbox, inside the
caller's transaction; who gets which channel; and the daily digest that gathers held events.

Nothing here touches the network: the worker sends what is queued.
"""

from __future__ import annotations

import json
import secrets
from collections import defaultdict
from collections.abc import Iterable
from datetime import datetime, time, timedelta
from uuid import UUID, uuid4

from backend import clock
from backend.mail import channels as ch
from backend.mail.repository import ChoiceRepository, KeyRepository, OutboxRepository
from backend.mail.tables import MailMessage
from backend.messages import text
from backend.vocabulary import STOCKHOLM

# The digest of a day goes out the next morning, from this Swedish time.
DIGEST_AT = time(7, 0)


async def channels_for(user_ids: Iterable[UUID], kind: str) -> dict[UUID, str]:
    """Each person's channel for this kind: their choice, else their municipality's default, else
    push; none for a kind their admin switched off."""
    users = list(dict.fromkeys(user_ids))
    if kind not in ch.KINDS:
        return dict.fromkeys(users, ch.FALLBACK)
    choices = ChoiceRepository()
    own = await choices.of_users(users)
    municipality_of = await choices.municipalities_of(users)
    defaults = await choices.defaults_of(list(set(municipality_of.values())))
    found = {}
    for user in users:
        default = defaults.get(municipality_of.get(user))
        mine = own.get(user)
        found[user] = ch.effective(
            kind, ch.parse(mine["channels"]) if mine else None,
            ch.parse(default["channels"]) if default else {},
            set(filter(None, default["off_kinds"].split(","))) if default else set(),
        )
    return found


async def queue(user_ids: Iterable[UUID], kind: str, message: str, params: dict | str, url: str, *,
                held: bool = False) -> list[UUID]:
    """Queue one e-mail per person (held ones wait for the digest); call inside the change's db.write()."""
    if not MailMessage._meta.db.transaction_exists():
        raise RuntimeError("mail is queued inside the caller's db.write() transaction")
    params_text = params if isinstance(params, str) else json.dumps(params, ensure_ascii=False, separators=(",", ":"))
    text(f"{message}.title", "sv", **json.loads(params_text or "{}"))  # an unknown key fails here, not when sent
    now = clock.now()
    rows = [{"id": uuid4(), "user": user, "kind": kind, "message": message, "params": params_text, "url": url[:1000],
             "status": "held" if held else "pending", "attempts": 0, "next_attempt_at": now, "created_at": now}
            for user in dict.fromkeys(user_ids)]
    await OutboxRepository().insert_pending(rows)
    if rows and not held:
        _wake()
    return [r["id"] for r in rows]


def digest_cutoff(now: datetime) -> datetime | None:
    """Events before the start of today (Swedish time) go in a digest, once it is past DIGEST_AT."""
    local = now.astimezone(STOCKHOLM)
    if local.time() < DIGEST_AT:
        return None
    return datetime.combine(local.date(), time(0), tzinfo=STOCKHOLM)


async def gather_digests(now: datetime) -> int:
    """Turn each person's held events of earlier days into one digest e-mail per person and day;
    call inside a db.write(). A held row is taken once, however many workers look."""
    cutoff = digest_cutoff(now)
    if cutoff is None:
        return 0
    outbox = OutboxRepository()
    taken = await outbox.take_held(cutoff)
    groups: dict[tuple[UUID, str], list[dict]] = defaultdict(list)
    for row in sorted(taken, key=lambda r: r["created_at"]):
        day = row["created_at"].astimezone(STOCKHOLM).date().isoformat()
        groups[(row["user"], day)].append({"message": row["message"], "params": json.loads(row["params"] or "{}"),
                                           "url": row["url"]})
    digests = [{"id": uuid4(), "user": user, "kind": "digest", "message": "digest",
                "params": json.dumps({"day": day, "items": items}, ensure_ascii=False, separators=(",", ":")),
                "url": "/notiser", "status": "pending", "attempts": 0, "next_attempt_at": now, "created_at": now}
               for (user, day), items in groups.items()]
    await outbox.insert_pending(digests)
    return len(digests)


async def signing_secret() -> str:
    """The secret behind unsubscribe links; made on first use, inside the caller's write."""
    keys = KeyRepository()
    row = await keys.first()
    if row is not None:
        return row["secret"]
    secret = secrets.token_urlsafe(32)
    await keys.insert(uuid4(), secret, clock.now())
    return secret


def next_digest_time(now: datetime) -> datetime:
    local = now.astimezone(STOCKHOLM)
    day = local.date() if local.time() < DIGEST_AT else local.date() + timedelta(days=1)
    return datetime.combine(day, DIGEST_AT, tzinfo=STOCKHOLM)


_listeners: list = []


def on_queue(callback) -> None:
    """Let an in-process worker look sooner than its next poll (a hint; it re-reads the table)."""
    _listeners.append(callback)


def off_queue(callback) -> None:
    if callback in _listeners:
        _listeners.remove(callback)


def _wake() -> None:
    for callback in _listeners.copy():
        callback()
