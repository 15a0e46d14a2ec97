"""Channel choices and the municipality's defaults, and one-click unsubscribing."""

from __future__ import annotations

from uuid import UUID

from backend import clock
from backend.audit.service import record
from backend.db import Database
from backend.errors import Conflict, NotFound
from backend.mail import channels as ch
from backend.mail import schemas
from backend.mail.outbox import signing_secret
from backend.mail.repository import ChoiceRepository, Row, TokenRepository
from backend.mail.signing import valid
from backend.tenancy import Actor


async def choices_of(user_id: UUID) -> tuple[dict[str, str], set[str]]:
    """A person's channel for every kind (their own, else the default, else push) and the kinds
    switched off by their admin; inside the caller's transaction."""
    repository = ChoiceRepository()
    own = (await repository.of_users([user_id])).get(user_id)
    municipality = (await repository.municipalities_of([user_id])).get(user_id)
    default = (await repository.defaults_of([municipality] if municipality else [])).get(municipality)
    off = set(filter(None, default["off_kinds"].split(","))) if default else set()
    mine = ch.parse(own["channels"]) if own else None
    defaults = ch.parse(default["channels"]) if default else {}
    return {kind: ch.effective(kind, mine, defaults, set()) for kind in ch.KINDS}, off


async def save_choices(user_id: UUID, channels: dict[str, str]) -> None:
    """Keep a person's channels (push's settings call this inside their own write and version)."""
    await ChoiceRepository().force_user(user_id, ch.dump(channels), clock.now())


def _defaults_read(row: Row | None) -> schemas.DefaultsRead:
    channels = ch.parse(row["channels"]) if row else {}
    return schemas.DefaultsRead(
        channels=schemas.Channels(**{k: channels.get(k, ch.FALLBACK) for k in ch.KINDS}),
        off_kinds=[k for k in ch.KINDS if row and k in row["off_kinds"].split(",")],
        version=row["version"] if row else 1,
    )


def _audited_defaults(defaults: schemas.DefaultsRead) -> dict:
    """The defaults as flat fields, so the audit trail keeps only the kinds that changed."""
    channels = {f"channel.{k}": getattr(defaults.channels, k) for k in ch.KINDS}
    return {**channels, "off_kinds": sorted(defaults.off_kinds)}


class DefaultsService:
    """The municipality's defaults, set by its admin."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.choices = ChoiceRepository()

    async def get(self) -> schemas.DefaultsRead:
        self.actor.require("admin")
        async with self.db.read():
            return _defaults_read((await self.choices.defaults_of([self.actor.municipality_id])).get(
                self.actor.municipality_id))

    async def update(self, data: schemas.DefaultsUpdate) -> schemas.DefaultsRead:
        self.actor.require("admin")
        channels = ch.dump({k: getattr(data.channels, k) for k in ch.KINDS})
        off = ",".join(k for k in ch.KINDS if k in data.off_kinds)
        async with self.db.write():
            before = _defaults_read((await self.choices.defaults_of([self.actor.municipality_id])).get(
                self.actor.municipality_id))
            if not await self.choices.save_defaults(self.actor.municipality_id, channels, off, data.version,
                                                    clock.now()):
                raise Conflict("The defaults were changed elsewhere; reload them and try again.",
                               error="stale_version")
            after = _defaults_read((await self.choices.defaults_of([self.actor.municipality_id])).get(
                self.actor.municipality_id))
            await record(self.actor, "mail.defaults_changed", "mail_defaults", self.actor.municipality_id,
                         before=_audited_defaults(before), after=_audited_defaults(after))
            return after


class UnsubscribeService:
    """The signed link in every event e-mail: no sign-in, a person and a kind under a signature."""

    def __init__(self, db: Database) -> None:
        self.db = db
        self.tokens = TokenRepository()

    async def check(self, user_id: UUID, kind: str, signature: str) -> str:
        """The person's language when the link is genuine; NotFound otherwise."""
        async with self.db.write():  # the secret may be made here, on a server that never sent mail
            secret = await signing_secret()
            language = await self.tokens.language_of(user_id)
        if language is None or (kind not in ch.KINDS and kind != "digest") or not valid(secret, user_id, kind,
                                                                                         signature):
            raise NotFound("This unsubscribe link is not valid.", error="invalid_link")
        return language

    async def apply(self, user_id: UUID, kind: str, signature: str) -> str:
        """Turn e-mail of this kind off (the digest: every kind sent by digest); the person's language."""
        language = await self.check(user_id, kind, signature)
        async with self.db.write():
            current, _ = await choices_of(user_id)
            if kind == "digest":
                changed = {k: ("none" if v == "digest" else v) for k, v in current.items()}
            else:
                changed = current | {kind: ch.without_email(current[kind])}
            await save_choices(user_id, changed)
        return language
