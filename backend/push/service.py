"""Push use cases for the signed-in user: devices, preferences, the in-app list, a test push."""

from __future__ import annotations

import base64
from uuid import UUID, uuid4

from cryptography.hazmat.primitives.asymmetric import ec

from backend import clock
from backend.db import Database
from backend.errors import Conflict, Invalid, NotFound
from backend.mail.schemas import Channels
from backend.mail.service import choices_of, save_choices
from backend.push import schemas
from backend.push.keys import VapidKey, load_or_create_key
from backend.push.kinds import CHOOSABLE
from backend.push.outbox import notify_message, rendered
from backend.push.repository import (
    NotificationRepository,
    PreferenceRepository,
    Row,
    SubscriptionRepository,
)
from backend.tenancy import Actor
from backend.vocabulary import STOCKHOLM


def check_keys(p256dh: str) -> None:
    """The device key must be a point on P-256, or every message to it would fail to encrypt."""
    raw = base64.urlsafe_b64decode(p256dh + "=" * (-len(p256dh) % 4))
    try:
        ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), raw)
    except ValueError as exc:
        raise Invalid("The p256dh key is not a P-256 public key.", error="bad_keys") from exc


class PushService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.devices = SubscriptionRepository(actor.user_id)
        self.preferences = PreferenceRepository()
        self.notifications = NotificationRepository(actor.user_id)

    async def public_key(self) -> VapidKey:
        return await load_or_create_key(self.db)

    async def subscribe(self, data: schemas.SubscriptionCreate) -> tuple[Row, bool]:
        """Record a device; the same endpoint again updates it (True when it is new)."""
        check_keys(data.keys.p256dh)
        values = {"endpoint": data.endpoint, "p256dh": data.keys.p256dh, "auth": data.keys.auth}
        async with self.db.write():
            if data.old_endpoint and data.old_endpoint != data.endpoint:
                await self.devices.delete_endpoint(data.old_endpoint)
            existing = await self.devices.by_endpoint(data.endpoint)
            if existing is not None:
                await self.devices.update(existing["id"], values)
            else:
                await self.devices.insert({"id": uuid4(), **values}, clock.now())
            return await self.devices.by_endpoint(data.endpoint), existing is None

    async def unsubscribe(self, endpoint: str) -> None:
        async with self.db.write():
            if not await self.devices.delete_endpoint(endpoint):
                raise NotFound("No such device.")

    async def list_devices(self) -> list[Row]:
        async with self.db.read():
            return await self.devices.list()

    async def get_preferences(self) -> schemas.PreferencesRead:
        async with self.db.read():
            row = await self.preferences.get(self.actor.user_id)
            channels, off = await choices_of(self.actor.user_id)
        return _preferences_read(row, channels, off)

    async def set_preferences(self, data: schemas.PreferencesUpdate) -> schemas.PreferencesRead:
        if (data.quiet_start is None) != (data.quiet_end is None):
            raise Invalid("Give both the start and the end of the quiet hours, or neither.", error="bad_quiet_hours")
        if data.kinds is None and data.channels is None:
            raise Invalid("Give the channels per kind, or which kinds reach you by push.", error="no_choices")
        chosen = {k: getattr(data.channels, k) for k in CHOOSABLE} if data.channels is not None else None
        if chosen is not None:
            disabled = ",".join(k for k in CHOOSABLE if chosen[k] not in ("push", "both"))
        else:
            disabled = ",".join(k for k in CHOOSABLE if not getattr(data.kinds, k))
        values = {"disabled_kinds": disabled, "quiet_start": data.quiet_start, "quiet_end": data.quiet_end}
        now = clock.now()
        async with self.db.write():
            row = await self.preferences.get(self.actor.user_id)
            if row is None and data.version == 1:
                await self.preferences.insert(self.actor.user_id, {"id": uuid4(), **values, "version": 2}, now)
            elif row is None or not await self.preferences.update(self.actor.user_id, data.version, values, now):
                raise Conflict("The settings were changed elsewhere; reload them and try again.", error="stale_version")
            if chosen is not None:
                await save_choices(self.actor.user_id, chosen)
            channels, off = await choices_of(self.actor.user_id)
            return _preferences_read(await self.preferences.get(self.actor.user_id), channels, off)

    async def send_test(self) -> int:
        """Queue a test notification to every device of the caller; the number of devices."""
        async with self.db.write():
            devices = await self.devices.list()
            await notify_message([self.actor.user_id], "test", "test", {}, "/notiser", tag="test")
        return len(devices)

    async def page(self, before: int | None, limit: int) -> tuple[list[Row], int, int | None]:
        async with self.db.read():
            rows = await self.notifications.page(before, limit + 1)
            unread = await self.notifications.count_unread()
            lang = await self.notifications.language()
        more = len(rows) > limit
        rows = [_in_language(row, lang) for row in rows[:limit]]
        return rows, unread, rows[-1]["seq"] if more else None

    async def mark_read(self, notification_id: UUID) -> Row:
        async with self.db.write():
            if await self.notifications.get(notification_id) is None:
                raise NotFound("No such notification.")
            await self.notifications.mark_read(notification_id, clock.now())
            row = await self.notifications.get(notification_id)
            return _in_language(row, await self.notifications.language())

    async def mark_all_read(self) -> None:
        async with self.db.write():
            await self.notifications.mark_all_read(clock.now())


def _in_language(row: Row, lang: str) -> Row:
    title, body = rendered(row, lang)
    return {**row, "title": title, "body": body}


def _shown(channel: str, push_on: bool) -> str:
    """The channel a person sees: push turned off on its own (by `kinds`) takes push out of it."""
    if push_on or channel not in ("push", "both"):
        return channel
    return "email" if channel == "both" else "none"


def _preferences_read(row: Row | None, channels: dict[str, str], off: set[str]) -> schemas.PreferencesRead:
    disabled = set(row["disabled_kinds"].split(",")) if row else set()
    kinds = schemas.PushKinds(**{k: k not in disabled and channels[k] in ("push", "both") for k in CHOOSABLE})
    return schemas.PreferencesRead(
        kinds=kinds, channels=Channels(**{k: _shown(channels[k], k not in disabled) for k in CHOOSABLE}),
        off_kinds=[k for k in CHOOSABLE if k in off],
        quiet_start=row["quiet_start"] if row else None, quiet_end=row["quiet_end"] if row else None,
        timezone=STOCKHOLM.key, version=row["version"] if row else 1,
    )
