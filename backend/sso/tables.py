"""Single sign-on storage: each municipality's OpenID provider, its e-mail domains, pending sign-ins."""

from __future__ import annotations

from piccolo.columns import (
    UUID,
    Boolean,
    ForeignKey,
    Integer,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from backend.accounts.tables import Municipality, Unit


class IdentityProvider(Table):
    """A municipality's OpenID Connect provider and how its claims map to units and roles.

    The client secret is stored encrypted (Fernet, keyed by DELBAR_SECRET_KEY); the maps are JSON.
    """

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.cascade, unique=True)
    issuer = Varchar(length=500)
    client_id = Varchar(length=200)
    client_secret = Text(default="")
    display_name = Varchar(length=100)
    unit_claim = Varchar(length=100, default="")
    unit_map = Text(default="[]")
    role_claim = Varchar(length=100, default="")
    role_map = Text(default="[]")
    default_unit = ForeignKey(references=Unit, null=False, on_delete=OnDelete.restrict)
    enabled = Boolean(default=True)
    version = Integer(default=1)
    created_at = Timestamptz()


class SsoDomain(Table):
    """An e-mail domain whose people sign in through one provider (a domain belongs to one provider)."""

    id = UUID(primary_key=True)
    domain = Varchar(length=253, unique=True)
    provider = ForeignKey(references=IdentityProvider, null=False, on_delete=OnDelete.cascade, index=True)


class SsoLogin(Table):
    """A sign-in under way: what the callback checks. Only the state's SHA-256 is kept; used once."""

    id = UUID(primary_key=True)
    state_hash = Varchar(length=64, unique=True)
    nonce = Varchar(length=100)
    code_verifier = Varchar(length=128)
    provider = ForeignKey(references=IdentityProvider, null=False, on_delete=OnDelete.cascade, index=True)
    return_path = Varchar(length=500, default="/")
    # The client that started it, as a hash: sign-ins started per client are limited.
    client_key = Varchar(length=64, default="", index=True)
    created_at = Timestamptz(index=True)
    expires_at = Timestamptz()
    used_at = Timestamptz(null=True, default=None)


class SsoSession(Table):
    """A Delbar session opened through a provider: the ID token, for the provider's sign-out."""

    id = UUID(primary_key=True)
    session_id = UUID(unique=True)
    provider = ForeignKey(references=IdentityProvider, null=False, on_delete=OnDelete.cascade, index=True)
    id_token = Text()
    created_at = Timestamptz(index=True)
