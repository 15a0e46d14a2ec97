"""Every query of the mail context: the outbox and its claim, choices, defaults, password links."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from backend.accounts.tables import User
from backend.mail.tables import MailDefault, MailKey, MailMessage, MailPreference, MailRequest, MailToken
from backend.outbox_repository import LeaseRepository, Row, as_uuid, chunks

# Due: pending, its time has come, nobody holds a live lease on it. Oldest first.
_CLAIM = """
SELECT m.id FROM mail_message m
WHERE m.status = 'pending' AND m.next_attempt_at <= {}
  AND (m.leased_until IS NULL OR m.leased_until < {})
ORDER BY m.next_attempt_at, m.id
LIMIT {}"""


class KeyRepository:
    async def first(self) -> Row | None:
        return await MailKey.select().order_by(MailKey.created_at).first()

    async def insert(self, key_id: UUID, secret: str, now: datetime) -> None:
        await MailKey.insert(MailKey(id=key_id, secret=secret, created_at=now))


class OutboxRepository(LeaseRepository):
    table = MailMessage
    claim_sql = _CLAIM
    alias = "m"

    async def details(self, ids: list[UUID]) -> list[Row]:
        """What sending needs: the text's key, the reader's address and language."""
        rows: list[Row] = []
        for chunk in chunks(ids):
            rows += await MailMessage.select(
                MailMessage.id, MailMessage.kind, MailMessage.message, MailMessage.params, MailMessage.url,
                MailMessage.attempts, MailMessage.created_at,
                MailMessage.user.id.as_alias("user_id"), MailMessage.user.email.as_alias("email"),
                MailMessage.user.language.as_alias("language"), MailMessage.user.active.as_alias("active"),
            ).where(MailMessage.id.is_in(chunk))
        return sorted(rows, key=lambda r: (r["created_at"], str(r["id"])))

    async def forget_links(self, ids: list[UUID]) -> None:
        """A password link is not kept in the outbox once sent."""
        for chunk in chunks(ids):
            await MailMessage.update({MailMessage.url: "", MailMessage.params: ""}).where(MailMessage.id.is_in(chunk))

    async def take_held(self, cutoff: datetime) -> list[Row]:
        """Mark the events held for a digest before the cutoff as gathered, and return them: the
        update decides, so two workers never gather the same row."""
        rows = await MailMessage.update({MailMessage.status: "digested"}).where(
            MailMessage.status == "held", MailMessage.created_at < cutoff
        ).returning(MailMessage.id)
        ids = [as_uuid(r["id"]) for r in rows]
        found: list[Row] = []
        for chunk in chunks(ids):
            found += await MailMessage.select(
                MailMessage.id, MailMessage.user, MailMessage.kind, MailMessage.message, MailMessage.params,
                MailMessage.url, MailMessage.created_at,
            ).where(MailMessage.id.is_in(chunk))
        return [{**r, "user": as_uuid(r["user"])} for r in found]

    async def delete_finished_before(self, cutoff: datetime) -> None:
        await MailMessage.delete().where(
            MailMessage.status.is_in(["sent", "failed", "refused", "bounced", "digested"]),
            MailMessage.created_at < cutoff,
        )


class ChoiceRepository:
    """People's channels per kind and their municipality's defaults."""

    async def of_users(self, user_ids: list[UUID]) -> dict[UUID, Row]:
        found: dict[UUID, Row] = {}
        for chunk in chunks(user_ids):
            for row in await MailPreference.select().where(MailPreference.user.is_in(chunk)):
                found[as_uuid(row["user"])] = row
        return found

    async def municipalities_of(self, user_ids: list[UUID]) -> dict[UUID, UUID]:
        found: dict[UUID, UUID] = {}
        for chunk in chunks(user_ids):
            for row in await User.select(User.id, User.municipality).where(User.id.is_in(chunk)):
                found[as_uuid(row["id"])] = as_uuid(row["municipality"])
        return found

    async def defaults_of(self, municipality_ids: list[UUID]) -> dict[UUID, Row]:
        if not municipality_ids:
            return {}
        rows = await MailDefault.select().where(MailDefault.municipality.is_in(municipality_ids))
        return {as_uuid(r["municipality"]): r for r in rows}

    async def save_user(self, user_id: UUID, channels: str, version: int, now: datetime) -> bool:
        """Write a person's choices if `version` is the one they read (1 when they had none)."""
        current = await MailPreference.select().where(MailPreference.user == user_id).first()
        if current is None:
            if version != 1:
                return False
            await MailPreference.insert(MailPreference(user=user_id, channels=channels, version=2, updated_at=now))
            return True
        updated = await MailPreference.update(
            {MailPreference.channels: channels, MailPreference.version: version + 1, MailPreference.updated_at: now}
        ).where(MailPreference.user == user_id, MailPreference.version == version).returning(MailPreference.id)
        return bool(updated)

    async def force_user(self, user_id: UUID, channels: str, now: datetime) -> None:
        """Write a person's choices whatever they read (a one-click unsubscribe)."""
        current = await MailPreference.select().where(MailPreference.user == user_id).first()
        if current is None:
            await MailPreference.insert(MailPreference(user=user_id, channels=channels, version=2, updated_at=now))
        else:
            await MailPreference.update(
                {MailPreference.channels: channels, MailPreference.version: current["version"] + 1,
                 MailPreference.updated_at: now}
            ).where(MailPreference.user == user_id)

    async def save_defaults(self, municipality_id: UUID, channels: str, off_kinds: str, version: int,
                            now: datetime) -> bool:
        current = await MailDefault.select().where(MailDefault.municipality == municipality_id).first()
        if current is None:
            if version != 1:
                return False
            await MailDefault.insert(MailDefault(municipality=municipality_id, channels=channels, off_kinds=off_kinds,
                                                 version=2, updated_at=now))
            return True
        updated = await MailDefault.update(
            {MailDefault.channels: channels, MailDefault.off_kinds: off_kinds, MailDefault.version: version + 1,
             MailDefault.updated_at: now}
        ).where(MailDefault.municipality == municipality_id, MailDefault.version == version).returning(MailDefault.id)
        return bool(updated)


class TokenRepository:
    """Password links and the rate limit on asking for them."""

    async def user_by_email(self, email: str) -> Row | None:
        return await User.select(User.id, User.municipality, User.active, User.email).where(
            User.email == email).first()

    async def language_of(self, user_id: UUID) -> str | None:
        row = await User.select(User.language).where(User.id == user_id).first()
        return row["language"] if row else None

    async def insert(self, values: Row) -> None:
        await MailToken.insert(MailToken(**values))

    async def insert_many(self, rows: list[Row]) -> None:
        for start in range(0, len(rows), 500):  # under SQLite's parameter limit
            await MailToken.insert(*[MailToken(**values) for values in rows[start:start + 500]])

    async def find(self, token_hash: str) -> Row | None:
        return await MailToken.select(
            MailToken.id, MailToken.user, MailToken.purpose, MailToken.expires_at, MailToken.used,
            MailToken.user.municipality.as_alias("municipality"), MailToken.user.active.as_alias("active"),
            MailToken.user.email.as_alias("email"),
        ).where(MailToken.token_hash == token_hash).first()

    async def use_all_of(self, user_id: UUID) -> None:
        """Spend every open link of this person: one password set, the others stop working."""
        await MailToken.update({MailToken.used: True}).where(MailToken.user == user_id)

    async def record_request(self, account_key: str, address: str, now: datetime) -> None:
        await MailRequest.insert(MailRequest(account_key=account_key, address=address, at=now))

    async def count_requests(self, since: datetime, *, account_key: str | None = None,
                             address: str | None = None) -> int:
        query = MailRequest.count().where(MailRequest.at >= since)
        if account_key is not None:
            query = query.where(MailRequest.account_key == account_key)
        if address is not None:
            query = query.where(MailRequest.address == address)
        return await query

    async def forget_requests_before(self, cutoff: datetime) -> None:
        await MailRequest.delete().where(MailRequest.at < cutoff)
