"""Every single sign-on query. The provider repository is bound to one municipality."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from backend.sso.tables import IdentityProvider, SsoDomain, SsoLogin, SsoSession

Row = dict[str, Any]

_PROVIDER_COLUMNS = (
    IdentityProvider.id, IdentityProvider.municipality, IdentityProvider.issuer, IdentityProvider.client_id,
    IdentityProvider.client_secret, IdentityProvider.display_name, IdentityProvider.unit_claim,
    IdentityProvider.unit_map, IdentityProvider.role_claim, IdentityProvider.role_map,
    IdentityProvider.default_unit, IdentityProvider.enabled, IdentityProvider.version,
)


async def _with_domains(row: Row | None) -> Row | None:
    if row is None:
        return None
    domains = await SsoDomain.select(SsoDomain.domain).where(SsoDomain.provider == row["id"]).order_by(SsoDomain.domain)
    return {**row, "domains": [d["domain"] for d in domains]}


class ProviderRepository:
    """The identity provider of one municipality (at most one)."""

    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def get(self) -> Row | None:
        row = await IdentityProvider.select(*_PROVIDER_COLUMNS).where(
            IdentityProvider.municipality == self.municipality_id).first()
        return await _with_domains(row)

    async def domains_taken_elsewhere(self, domains: list[str]) -> list[str]:
        """Which of these domains another municipality's provider already routes."""
        rows = await SsoDomain.select(SsoDomain.domain).where(
            SsoDomain.domain.is_in(domains), SsoDomain.provider.municipality != self.municipality_id)
        return sorted(r["domain"] for r in rows)

    async def insert(self, values: Row, domains: list[str], now: datetime) -> None:
        await IdentityProvider.insert(IdentityProvider(**values, municipality=self.municipality_id, created_at=now))
        await self._set_domains(values["id"], domains)

    async def update(self, provider_id: UUID, version: int, values: Row, domains: list[str]) -> bool:
        rows = await IdentityProvider.update({**values, IdentityProvider.version: version + 1}).where(
            IdentityProvider.id == provider_id, IdentityProvider.municipality == self.municipality_id,
            IdentityProvider.version == version).returning(IdentityProvider.id)
        if rows:
            await self._set_domains(provider_id, domains)
        return bool(rows)

    async def delete(self, provider_id: UUID) -> None:
        await IdentityProvider.delete().where(
            IdentityProvider.id == provider_id, IdentityProvider.municipality == self.municipality_id)

    @staticmethod
    async def _set_domains(provider_id: UUID, domains: list[str]) -> None:
        await SsoDomain.delete().where(SsoDomain.provider == provider_id)
        if domains:
            await SsoDomain.insert(*[SsoDomain(id=uuid4(), domain=d, provider=provider_id) for d in domains])


class SignInRepository:
    """The queries of a sign-in through a provider, which run before any session exists."""

    async def provider_for_domain(self, domain: str) -> Row | None:
        found = await SsoDomain.select(SsoDomain.provider).where(SsoDomain.domain == domain).first()
        if found is None:
            return None
        row = await IdentityProvider.select(*_PROVIDER_COLUMNS).where(
            IdentityProvider.id == found["provider"], IdentityProvider.enabled.eq(True)).first()
        return await _with_domains(row)

    async def provider(self, provider_id: UUID) -> Row | None:
        row = await IdentityProvider.select(*_PROVIDER_COLUMNS).where(IdentityProvider.id == provider_id).first()
        return await _with_domains(row)

    async def start(self, values: Row) -> None:
        await SsoLogin.insert(SsoLogin(**values))

    async def started_since(self, client_key: str, since: datetime) -> int:
        return await SsoLogin.count().where(SsoLogin.client_key == client_key, SsoLogin.created_at >= since)

    async def pending(self, state_hash: str) -> Row | None:
        return await SsoLogin.select().where(SsoLogin.state_hash == state_hash).first()

    async def mark_used(self, login_id: UUID, now: datetime) -> bool:
        """Claim a pending sign-in; False when another request already did (a replayed callback)."""
        rows = await SsoLogin.update({SsoLogin.used_at: now}).where(
            SsoLogin.id == login_id, SsoLogin.used_at.is_null()).returning(SsoLogin.id)
        return bool(rows)

    async def forget_before(self, cutoff: datetime) -> None:
        await SsoLogin.delete().where(SsoLogin.created_at < cutoff)

    async def remember_session(self, session_id: UUID, provider_id: UUID, id_token: str, now: datetime) -> None:
        await SsoSession.insert(SsoSession(id=uuid4(), session_id=session_id, provider=provider_id,
                                           id_token=id_token, created_at=now))

    async def session(self, session_id: UUID) -> Row | None:
        return await SsoSession.select(SsoSession.id, SsoSession.provider, SsoSession.id_token).where(
            SsoSession.session_id == session_id).first()

    async def forget_session(self, session_id: UUID, sessions_before: datetime) -> None:
        """This session's token, and those of sessions older than any session can live."""
        await SsoSession.delete().where(
            (SsoSession.session_id == session_id) | (SsoSession.created_at < sessions_before))
