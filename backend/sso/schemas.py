"""The single sign-on API contract."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import msgspec

from backend.accounts.schemas import Role
from backend.schemas import Schema

# An issuer is an https URL (http only for this machine, as in a test or a local provider).
IssuerUrl = Annotated[str, msgspec.Meta(min_length=8, max_length=500,
                                        pattern=r"^(https://[^\s/?#]+|http://(127\.0\.0\.1|localhost)(:[0-9]+)?)"
                                                r"(/[^\s?#]*)?$")]
ClientId = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=r"^[\x21-\x7e]+$")]
ClientSecret = Annotated[str, msgspec.Meta(min_length=1, max_length=500, pattern=r"^[\x20-\x7e]+$")]
_LINE = r"^[^\x00-\x1f\x7f-\x9f\ud800-\udfff]*$"
DisplayName = Annotated[str, msgspec.Meta(min_length=1, max_length=100, pattern=_LINE)]
Domain = Annotated[str, msgspec.Meta(min_length=3, max_length=253,
                                     pattern=r"^([a-zA-Z0-9]([a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\.)+[a-zA-Z]{2,63}$")]
ClaimName = Annotated[str, msgspec.Meta(max_length=100, pattern=r"^[A-Za-z0-9_:./-]*$")]
ClaimValue = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=_LINE)]


class UnitMapping(Schema, kw_only=True):
    """People whose unit claim holds this value belong to this unit."""

    value: ClaimValue
    unit_id: UUID


class RoleMapping(Schema, kw_only=True):
    """People whose role claim holds this value (e.g. a group id) hold these roles."""

    value: ClaimValue
    roles: Annotated[list[Role], msgspec.Meta(min_length=1, max_length=6)]


class ProviderRead(Schema, kw_only=True):
    id: UUID
    issuer: str
    client_id: str
    # Never the secret itself: only whether one is stored and still readable with today's key.
    client_secret_set: bool
    display_name: str
    domains: list[str]
    unit_claim: str
    unit_map: list[UnitMapping]
    role_claim: str
    role_map: list[RoleMapping]
    default_unit_id: UUID
    enabled: bool
    version: int


class ProviderWrite(Schema, kw_only=True):
    """The whole setting. `version` is 0 to create one, else the version read; no secret keeps the stored one."""

    version: Annotated[int, msgspec.Meta(ge=0, le=2**31 - 2)]
    issuer: IssuerUrl
    client_id: ClientId
    client_secret: ClientSecret | None = None
    display_name: DisplayName
    domains: Annotated[list[Domain], msgspec.Meta(min_length=1, max_length=20)]
    default_unit_id: UUID
    unit_claim: ClaimName = ""
    unit_map: Annotated[list[UnitMapping], msgspec.Meta(max_length=500)] = []
    role_claim: ClaimName = ""
    role_map: Annotated[list[RoleMapping], msgspec.Meta(max_length=200)] = []
    enabled: bool = True


class SsoSettingsRead(Schema, kw_only=True):
    """What the admin screen shows: the provider (or none) and what to register at the provider."""

    provider: ProviderRead | None
    redirect_uri: str
    post_logout_redirect_uri: str
    secret_key_set: bool


class SsoRoute(Schema, kw_only=True):
    """Where an e-mail address signs in: its municipality's provider, or null for a password."""

    display_name: str
    start_url: str


class SsoDiscovery(Schema, kw_only=True):
    provider: SsoRoute | None


class SignedOut(Schema, kw_only=True):
    """Where the browser goes next: the provider's sign-out (RP-initiated logout), or null."""

    redirect_url: str | None


Lookup = Annotated[str, msgspec.Meta(min_length=3, max_length=254)]
ReturnPath = Annotated[str, msgspec.Meta(max_length=500)]
