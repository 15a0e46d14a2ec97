"""The admin's side of single sign-on: their municipality's identity provider and its claim mapping."""

from __future__ import annotations

import json
from typing import Any
from uuid import UUID, uuid4

from backend import clock
from backend.accounts.repository import UnitRepository
from backend.audit.service import record
from backend.db import Database
from backend.errors import Conflict, Invalid, NotFound
from backend.settings import Settings
from backend.sso import schemas
from backend.sso.repository import ProviderRepository, Row
from backend.sso.sealing import Sealer
from backend.tenancy import Actor

CALLBACK_PATH = "/api/sso/callback"
SIGNED_OUT_PATH = "/login"


def callback_uri(settings: Settings) -> str:
    return settings.app_url.rstrip("/") + CALLBACK_PATH


def signed_out_uri(settings: Settings) -> str:
    return settings.app_url.rstrip("/") + SIGNED_OUT_PATH


def provider_read(row: Row, sealer: Sealer) -> schemas.ProviderRead:
    return schemas.ProviderRead(
        id=row["id"], issuer=row["issuer"], client_id=row["client_id"],
        client_secret_set=sealer.open(row["client_secret"]) is not None, display_name=row["display_name"],
        domains=row["domains"], unit_claim=row["unit_claim"],
        unit_map=[schemas.UnitMapping(value=m["value"], unit_id=UUID(m["unit_id"]))
                  for m in json.loads(row["unit_map"])],
        role_claim=row["role_claim"],
        role_map=[schemas.RoleMapping(value=m["value"], roles=m["roles"]) for m in json.loads(row["role_map"])],
        default_unit_id=row["default_unit"], enabled=row["enabled"], version=row["version"],
    )


def _audited(row: Row | None, secret: str) -> dict[str, Any]:
    """What the audit trail keeps of a provider setting: everything but the secret, which is only 'set'."""
    if row is None:
        return {}
    return {"issuer": row["issuer"], "client_id": row["client_id"], "client_secret": secret,
            "display_name": row["display_name"], "domains": row["domains"], "unit_claim": row["unit_claim"],
            "unit_map": json.loads(row["unit_map"]), "role_claim": row["role_claim"],
            "role_map": json.loads(row["role_map"]), "default_unit_id": row["default_unit"],
            "enabled": row["enabled"]}


class ProviderService:
    """Read, set and remove a municipality's identity provider (admins only); every change is audited."""

    def __init__(self, db: Database, actor: Actor, settings: Settings) -> None:
        self.db, self.actor, self.settings = db, actor, settings
        self.providers = ProviderRepository(actor.municipality_id)
        self.units = UnitRepository(actor.municipality_id)
        self.sealer = Sealer(settings.secret_key)

    async def read(self) -> schemas.SsoSettingsRead:
        self.actor.require("admin")
        async with self.db.read():
            row = await self.providers.get()
        return schemas.SsoSettingsRead(
            provider=provider_read(row, self.sealer) if row else None, redirect_uri=callback_uri(self.settings),
            post_logout_redirect_uri=signed_out_uri(self.settings), secret_key_set=self.sealer.ready)

    async def put(self, data: schemas.ProviderWrite) -> schemas.SsoSettingsRead:
        self.actor.require("admin")
        domains = sorted({d.lower() for d in data.domains})
        sealed = self.sealer.seal(data.client_secret) if data.client_secret else None
        values = {
            "issuer": data.issuer.rstrip("/"), "client_id": data.client_id, "display_name": data.display_name.strip(),
            "unit_claim": data.unit_claim, "role_claim": data.role_claim,
            "unit_map": json.dumps([{"value": m.value, "unit_id": str(m.unit_id)} for m in data.unit_map]),
            "role_map": json.dumps([{"value": m.value, "roles": sorted(set(m.roles))} for m in data.role_map]),
            "default_unit": data.default_unit_id, "enabled": data.enabled,
        }
        async with self.db.write():
            await self._check_units(data)
            if taken := await self.providers.domains_taken_elsewhere(domains):
                raise Conflict(f"Another municipality signs in people of {', '.join(taken)}.", error="domain_taken")
            before = await self.providers.get()
            if before is None:
                await self._create(data, values, domains, sealed)
            else:
                await self._update(before, data, values, domains, sealed)
        return await self.read()

    async def _create(self, data: schemas.ProviderWrite, values: Row, domains: list[str], sealed: str | None) -> None:
        if data.version != 0:
            raise Conflict("The identity provider was removed by someone else; reload and try again.",
                           error="stale_version")
        if sealed is None:
            raise Invalid("A new identity provider needs its client secret.", error="secret_missing")
        provider_id = uuid4()
        await self.providers.insert({"id": provider_id, **values, "client_secret": sealed}, domains, clock.now())
        after = await self.providers.get()
        await record(self.actor, "sso.provider_created", "identity_provider", provider_id,
                     object_name=after["display_name"], after=_audited(after, "set"))

    async def _update(self, before: Row, data: schemas.ProviderWrite, values: Row, domains: list[str],
                      sealed: str | None) -> None:
        if data.version != before["version"]:
            raise Conflict("The identity provider was changed by someone else; reload it and try again.",
                           error="stale_version")
        if sealed is not None:
            values = {**values, "client_secret": sealed}
        if not await self.providers.update(before["id"], data.version, values, domains):
            raise Conflict("The identity provider was changed by someone else; reload it and try again.",
                           error="stale_version")
        after = await self.providers.get()
        had = "set" if before["client_secret"] else ""
        await record(self.actor, "sso.provider_changed", "identity_provider", before["id"],
                     object_name=after["display_name"], before=_audited(before, had),
                     after=_audited(after, "changed" if sealed is not None else had))

    async def _check_units(self, data: schemas.ProviderWrite) -> None:
        for unit_id in {data.default_unit_id, *(m.unit_id for m in data.unit_map)}:
            if await self.units.get(unit_id) is None:
                raise Invalid("A unit in the mapping does not exist in your municipality.", error="unknown_unit")

    async def delete(self) -> None:
        self.actor.require("admin")
        async with self.db.write():
            before = await self.providers.get()
            if before is None:
                raise NotFound("No identity provider is set up.")
            await self.providers.delete(before["id"])
            await record(self.actor, "sso.provider_removed", "identity_provider", before["id"],
                         object_name=before["display_name"], before=_audited(before, "set"))
