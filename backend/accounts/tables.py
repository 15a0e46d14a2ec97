"""Accounts storage: municipalities, units, networks, users, roles, sessions, login attempts."""

from __future__ import annotations

from piccolo.columns import (
    UUID,
    Boolean,
    ForeignKey,
    Integer,
    OnDelete,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

ROLES = ("employee", "warehouse", "driver", "coordinator", "admin", "reporter")


class Municipality(Table):
    """A kommun: the tenant. Nobody sees another municipality's private data."""

    id = UUID(primary_key=True)
    name = Varchar(length=100, unique=True)
    org_number = Varchar(length=20, default="")
    created_at = Timestamptz()


class Unit(Table):
    """A förvaltning/enhet inside one municipality, carrying a cost centre (kostnadsställe)."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    name = Varchar(length=200)
    cost_centre = Varchar(length=40, default="")
    version = Integer(default=1)
    created_at = Timestamptz()


class Network(Table):
    """A samverkan: municipalities that share listings with each other."""

    id = UUID(primary_key=True)
    name = Varchar(length=200, unique=True)
    created_at = Timestamptz()


class NetworkMembership(Table):
    """A municipality's place in a network: invited by a member, active once accepted."""

    id = UUID(primary_key=True)
    network = ForeignKey(references=Network, null=False, on_delete=OnDelete.cascade, index=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.cascade, index=True)
    status = Varchar(length=20, default="invited")
    created_at = Timestamptz()


class User(Table, tablename="app_user"):
    """A person: belongs to one municipality and one unit; signs in with email and password."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    unit = ForeignKey(references=Unit, null=False, on_delete=OnDelete.restrict, index=True)
    email = Varchar(length=254, unique=True)
    name = Varchar(length=200)
    password_hash = Varchar(length=200)
    active = Boolean(default=True)
    language = Varchar(length=5, default="sv")
    version = Integer(default=1)
    created_at = Timestamptz()


class UserRole(Table):
    """One role a user holds in their municipality."""

    id = UUID(primary_key=True)
    user = ForeignKey(references=User, null=False, on_delete=OnDelete.cascade, index=True)
    role = Varchar(length=20)


class Session(Table, tablename="user_session"):
    """A signed-in browser. Only a hash of the cookie's token is stored."""

    id = UUID(primary_key=True)
    token_hash = Varchar(length=64, unique=True)
    user = ForeignKey(references=User, null=False, on_delete=OnDelete.cascade, index=True)
    csrf_token = Varchar(length=64)
    user_agent = Varchar(length=300, default="")
    created_at = Timestamptz()
    last_seen_at = Timestamptz()
    expires_at = Timestamptz()


class LoginAttempt(Table):
    """A failed sign-in, kept a day for rate limiting; the account is stored as a hash."""

    id = UUID(primary_key=True)
    account_key = Varchar(length=64, index=True)
    address = Varchar(length=64, index=True)
    at = Timestamptz(index=True)
