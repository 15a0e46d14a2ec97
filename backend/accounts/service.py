"""Admin use cases of the accounts context: units, users and roles within one municipality."""

from __future__ import annotations

from uuid import UUID, uuid4

from backend import clock
from backend.accounts import schemas
from backend.accounts.passwords import hash_password_async
from backend.accounts.repository import (
    Row,
    SessionRepository,
    UnitRepository,
    UserRepository,
)
from backend.audit.service import record
from backend.db import Database
from backend.errors import Conflict, Forbidden, Invalid, NotFound
from backend.tenancy import Actor


def _stale(kind: str) -> Conflict:
    return Conflict(f"The {kind} was changed by someone else; reload it and try again.", error="stale_version")


async def _replayed_or_taken(row: Row | None, actor: Actor) -> bool:
    """True when a create's client id already exists in the actor's tenant (a replay)."""
    if row is None:
        return False
    if row["municipality"] != actor.municipality_id:
        raise Conflict("That id is already in use.")
    return True


# What the audit trail keeps of a user: never the password hash.
_AUDITED_USER = ("email", "name", "unit_id", "unit_name", "roles", "active", "language")


def _audited(user: Row) -> dict:
    return {f: user[f] for f in _AUDITED_USER}


async def record_user_change(actor: Actor, before: Row, after: Row) -> None:
    """One audit entry per kind of change: roles, unit, (de)activation, and the rest."""
    old, new = _audited(before), _audited(after)
    groups = {"user.roles_changed": ("roles",), "user.unit_changed": ("unit_id", "unit_name"),
              "user.changed": ("email", "name", "language")}
    if old["active"] != new["active"]:
        await record(actor, "user.deactivated" if not new["active"] else "user.reactivated", "user", after["id"],
                     object_name=after["name"], before={"active": old["active"]}, after={"active": new["active"]})
    for action, fields in groups.items():
        if any(old[f] != new[f] for f in fields):
            await record(actor, action, "user", after["id"], object_name=after["name"],
                         before={f: old[f] for f in fields}, after={f: new[f] for f in fields})


class UnitService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.units = UnitRepository(actor.municipality_id)

    async def list(self) -> list[Row]:
        async with self.db.read():
            return await self.units.list()

    async def get(self, unit_id: UUID) -> Row:
        async with self.db.read():
            unit = await self.units.get(unit_id)
        if unit is None:
            raise NotFound("No such unit.")
        return unit

    async def create(self, data: schemas.UnitCreate) -> tuple[Row, bool]:
        """Create a unit; a replay of the same client id returns the existing one (False)."""
        self.actor.require("admin")
        unit_id = data.id or uuid4()
        async with self.db.write():
            if await _replayed_or_taken(await self.units.get_any_tenant(unit_id), self.actor):
                return await self.units.get(unit_id), False
            if await self.units.name_taken(data.name):
                raise Conflict(f"A unit named {data.name!r} already exists.", error="name_taken")
            await self.units.insert(unit_id, data.name, data.cost_centre, clock.now())
            await record(self.actor, "unit.created", "unit", unit_id, object_name=data.name,
                         after={"name": data.name, "cost_centre": data.cost_centre})
            return await self.units.get(unit_id), True

    async def update(self, unit_id: UUID, data: schemas.UnitUpdate) -> Row:
        self.actor.require("admin")
        values = {k: v for k, v in {"name": data.name, "cost_centre": data.cost_centre}.items() if v is not None}
        async with self.db.write():
            before = await self.units.get(unit_id)
            if before is None:
                raise NotFound("No such unit.")
            if data.name and await self.units.name_taken(data.name, except_id=unit_id):
                raise Conflict(f"A unit named {data.name!r} already exists.", error="name_taken")
            if not await self.units.update(unit_id, data.version, values):
                raise _stale("unit")
            after = await self.units.get(unit_id)
            fields = ("name", "cost_centre")
            if any(before[f] != after[f] for f in fields):
                await record(self.actor, "unit.renamed" if before["name"] != after["name"] else "unit.changed",
                             "unit", unit_id, object_name=after["name"], before={f: before[f] for f in fields},
                             after={f: after[f] for f in fields})
            return after


class UserService:
    def __init__(self, db: Database, actor: Actor, *, password_hashing: str = "standard") -> None:
        self.db, self.actor, self.password_hashing = db, actor, password_hashing
        self.users = UserRepository(actor.municipality_id)
        self.units = UnitRepository(actor.municipality_id)
        self.sessions = SessionRepository(actor.municipality_id)

    async def list(self) -> list[Row]:
        self.actor.require("admin")
        async with self.db.read():
            return await self.users.list()

    async def get(self, user_id: UUID) -> Row:
        """Anyone may read themselves; admins read anyone in their municipality."""
        if user_id != self.actor.user_id:
            self.actor.require("admin")
        async with self.db.read():
            user = await self.users.get(user_id)
        if user is None:
            raise NotFound("No such user.")
        return user

    async def create(self, data: schemas.UserCreate) -> tuple[Row, bool]:
        self.actor.require("admin")
        user_id, email = data.id or uuid4(), data.email.strip().lower()
        password_hash = await hash_password_async(data.password, self.password_hashing)
        async with self.db.write():
            if await _replayed_or_taken(await self.users.get_any_tenant(user_id), self.actor):
                return await self.users.get(user_id), False
            if await self.units.get(data.unit_id) is None:
                raise Invalid("The unit does not exist in your municipality.", error="unknown_unit")
            if await self.users.email_taken(email):
                raise Conflict("A user with that e-mail address already exists.", error="email_taken")
            values = {"id": user_id, "email": email, "name": data.name, "unit": data.unit_id,
                      "password_hash": password_hash, "language": data.language}
            await self.users.insert(values, sorted(set(data.roles)), clock.now())
            user = await self.users.get(user_id)
            await record(self.actor, "user.created", "user", user_id, object_name=user["name"], after=_audited(user))
            return user, True

    async def update(self, user_id: UUID, data: schemas.UserUpdate) -> Row:
        self.actor.require("admin")
        if user_id == self.actor.user_id and (data.active is False or (data.roles and "admin" not in data.roles)):
            raise Forbidden("You cannot deactivate yourself or drop your own admin role.", error="own_account")
        values = {k: v for k, v in {"name": data.name, "unit": data.unit_id, "active": data.active,
                                    "language": data.language}.items() if v is not None}
        async with self.db.write():
            before = await self.users.get(user_id)
            if before is None:
                raise NotFound("No such user.")
            if data.unit_id and await self.units.get(data.unit_id) is None:
                raise Invalid("The unit does not exist in your municipality.", error="unknown_unit")
            if not await self.users.update(user_id, data.version, values):
                raise _stale("user")
            if data.roles is not None:
                await self.users.set_roles(user_id, sorted(set(data.roles)))
            if data.active is False:
                await self.sessions.delete_for_user(user_id)
            after = await self.users.get(user_id)
            await record_user_change(self.actor, before, after)
            return after

    async def reset_password(self, user_id: UUID, password: str) -> None:
        """An admin sets a new password; every session of that user ends."""
        self.actor.require("admin")
        password_hash = await hash_password_async(password, self.password_hashing)
        async with self.db.write():
            user = await self.users.get(user_id)
            if user is None:
                raise NotFound("No such user.")
            await self.users.set_password_hash(user_id, password_hash)
            await self.sessions.delete_for_user(user_id)
            await record(self.actor, "user.password_set", "user", user_id, object_name=user["name"])

    async def set_own_language(self, language: str) -> Row:
        """The language the signed-in person reads Delbar in: the app's and the server's texts."""
        async with self.db.write():
            await self.users.set_language(self.actor.user_id, language)
            return await self.users.get(self.actor.user_id)

    async def list_sessions(self, user_id: UUID) -> list[Row]:
        await self.get(user_id)
        async with self.db.read():
            return await self.sessions.list_for_user(user_id)

    async def revoke_session(self, session_id: UUID) -> None:
        """Sign a device out: your own, or (admins) anyone's in your municipality."""
        async with self.db.write():
            session = await self.sessions.get(session_id)
            if session is None or (session["user"] != self.actor.user_id and not self.actor.has_any("admin")):
                raise NotFound("No such session.")
            await self.sessions.delete(session_id)
