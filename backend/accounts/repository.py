"""Every accounts query. Tenant repositories are bound to one municipality at construction."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from backend.accounts.tables import (
    LoginAttempt,
    Municipality,
    Network,
    NetworkMembership,
    Session,
    Unit,
    User,
    UserRole,
)

Row = dict[str, Any]

_USER_COLUMNS = (
    User.id,
    User.email,
    User.name,
    User.active,
    User.language,
    User.version,
    User.municipality.id.as_alias("municipality_id"),
    User.municipality.name.as_alias("municipality_name"),
    User.unit.id.as_alias("unit_id"),
    User.unit.name.as_alias("unit_name"),
    User.unit.cost_centre.as_alias("unit_cost_centre"),
)


async def _with_roles(users: list[Row]) -> list[Row]:
    """Attach each user's roles in one extra query."""
    if not users:
        return users
    rows = await UserRole.select(UserRole.user, UserRole.role).where(UserRole.user.is_in([u["id"] for u in users]))
    roles: dict[UUID, list[str]] = {}
    for row in rows:
        roles.setdefault(row["user"], []).append(row["role"])
    for user in users:
        user["roles"] = sorted(roles.get(user["id"], []))
    return users


class UnitRepository:
    """Units of one municipality."""

    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def list(self) -> list[Row]:
        return await Unit.select().where(Unit.municipality == self.municipality_id).order_by(Unit.name)

    async def get(self, unit_id: UUID) -> Row | None:
        return await Unit.select().where(Unit.id == unit_id, Unit.municipality == self.municipality_id).first()

    async def get_any_tenant(self, unit_id: UUID) -> Row | None:
        """Look a unit up across tenants, only to tell a replayed create from a stolen id."""
        return await Unit.select(Unit.id, Unit.municipality).where(Unit.id == unit_id).first()

    async def name_taken(self, name: str, except_id: UUID | None = None) -> bool:
        query = Unit.exists().where(Unit.municipality == self.municipality_id, Unit.name == name)
        return await (query.where(Unit.id != except_id) if except_id else query)

    async def insert(self, unit_id: UUID, name: str, cost_centre: str, now: datetime) -> None:
        await Unit.insert(
            Unit(id=unit_id, municipality=self.municipality_id, name=name, cost_centre=cost_centre, created_at=now)
        )

    async def update(self, unit_id: UUID, version: int, values: Row) -> bool:
        """Apply values if the row is still at `version`; False when it moved on."""
        values = {**values, Unit.version: version + 1}
        rows = await Unit.update(values).where(
            Unit.id == unit_id, Unit.municipality == self.municipality_id, Unit.version == version
        ).returning(Unit.id)
        return bool(rows)


class UserRepository:
    """Users of one municipality, with their unit, municipality and roles."""

    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def list(self) -> list[Row]:
        rows = await User.select(*_USER_COLUMNS).where(User.municipality == self.municipality_id).order_by(User.name)
        return await _with_roles(rows)

    async def get(self, user_id: UUID) -> Row | None:
        row = await User.select(*_USER_COLUMNS).where(
            User.id == user_id, User.municipality == self.municipality_id).first()
        return (await _with_roles([row]))[0] if row else None

    async def get_any_tenant(self, user_id: UUID) -> Row | None:
        return await User.select(User.id, User.municipality).where(User.id == user_id).first()

    async def email_taken(self, email: str) -> bool:
        # E-mail addresses are unique across all municipalities: they are the login name.
        return await User.exists().where(User.email == email)

    async def taken_emails(self, emails: list[str]) -> set[str]:
        """Which of these addresses have an account in any municipality (they are login names)."""
        found: set[str] = set()
        for start in range(0, len(emails), 500):  # SQLite bounds the parameters of one query
            rows = await User.select(User.email).where(User.email.is_in(emails[start:start + 500]))
            found.update(r["email"] for r in rows)
        return found

    async def insert(self, values: Row, roles: list[str], now: datetime) -> None:
        await User.insert(User(**values, municipality=self.municipality_id, created_at=now))
        await UserRole.insert(*[UserRole(user=values["id"], role=role) for role in roles])

    async def insert_many(self, rows: list[Row], roles: dict[UUID, list[str]], now: datetime) -> None:
        """Many new users at once (an HR import), in chunks that stay under SQLite's parameter limit."""
        for start in range(0, len(rows), 500):
            chunk = rows[start:start + 500]
            await User.insert(*[User(**values, municipality=self.municipality_id, created_at=now) for values in chunk])
            await UserRole.insert(*[UserRole(user=values["id"], role=role)
                                    for values in chunk for role in roles[values["id"]]])

    async def update(self, user_id: UUID, version: int, values: Row) -> bool:
        values = {**values, User.version: version + 1}
        rows = await User.update(values).where(
            User.id == user_id, User.municipality == self.municipality_id, User.version == version
        ).returning(User.id)
        return bool(rows)

    async def set_roles(self, user_id: UUID, roles: list[str]) -> None:
        await UserRole.delete().where(UserRole.user == user_id)
        await UserRole.insert(*[UserRole(user=user_id, role=role) for role in roles])

    async def set_language(self, user_id: UUID, language: str) -> None:
        """A personal setting, not an edit an admin could collide with: no version bump."""
        await User.update({User.language: language}).where(
            User.id == user_id, User.municipality == self.municipality_id
        )

    async def set_password_hash(self, user_id: UUID, password_hash: str) -> None:
        await User.update({User.password_hash: password_hash}).where(
            User.id == user_id, User.municipality == self.municipality_id
        )


class SessionRepository:
    """Signed-in sessions; scoped to a municipality through the session's user."""

    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def list_for_user(self, user_id: UUID) -> list[Row]:
        return await Session.select(
            Session.id, Session.user_agent, Session.created_at, Session.last_seen_at
        ).where(Session.user == user_id, Session.user.municipality == self.municipality_id).order_by(
            Session.last_seen_at, ascending=False
        )

    async def get(self, session_id: UUID) -> Row | None:
        return await Session.select(Session.id, Session.user).where(
            Session.id == session_id, Session.user.municipality == self.municipality_id
        ).first()

    async def delete(self, session_id: UUID) -> None:
        await Session.delete().where(Session.id == session_id)

    async def delete_for_user(self, user_id: UUID, keep: UUID | None = None) -> None:
        query = Session.delete().where(Session.user == user_id)
        await (query.where(Session.id != keep) if keep else query)


class NetworkRepository:
    """Networks seen from one municipality: the ones it belongs to or is invited to."""

    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def list(self) -> list[Row]:
        mine = await NetworkMembership.select(NetworkMembership.network).where(
            NetworkMembership.municipality == self.municipality_id
        ).output(as_list=True)
        if not mine:
            return []
        networks = await Network.select(Network.id, Network.name).where(Network.id.is_in(mine)).order_by(Network.name)
        return await self._with_members(networks)

    async def get(self, network_id: UUID) -> Row | None:
        networks = [n for n in await self.list() if n["id"] == network_id]
        return networks[0] if networks else None

    async def _with_members(self, networks: list[Row]) -> list[Row]:
        if not networks:
            return networks
        rows = await NetworkMembership.select(
            NetworkMembership.network,
            NetworkMembership.status,
            NetworkMembership.municipality.id.as_alias("municipality_id"),
            NetworkMembership.municipality.name.as_alias("municipality_name"),
        ).where(NetworkMembership.network.is_in([n["id"] for n in networks])).order_by(
            NetworkMembership.municipality.name)
        for network in networks:
            network["members"] = [r for r in rows if r["network"] == network["id"]]
        return networks

    async def name_taken(self, name: str) -> bool:
        return await Network.exists().where(Network.name == name)

    async def exists_anywhere(self, network_id: UUID) -> bool:
        """Whether any network has this id, ours or not: only to tell a replayed create from a taken id."""
        return await Network.exists().where(Network.id == network_id)

    async def create(self, network_id: UUID, name: str, now: datetime) -> None:
        await Network.insert(Network(id=network_id, name=name, created_at=now))
        await NetworkMembership.insert(
            NetworkMembership(network=network_id, municipality=self.municipality_id, status="active", created_at=now)
        )

    async def invite(self, network_id: UUID, municipality_id: UUID, now: datetime) -> None:
        await NetworkMembership.insert(
            NetworkMembership(network=network_id, municipality=municipality_id, status="invited", created_at=now)
        )

    async def set_own_status(self, network_id: UUID, status: str) -> None:
        await NetworkMembership.update({NetworkMembership.status: status}).where(
            NetworkMembership.network == network_id, NetworkMembership.municipality == self.municipality_id
        )

    async def leave(self, network_id: UUID) -> None:
        await NetworkMembership.delete().where(
            NetworkMembership.network == network_id, NetworkMembership.municipality == self.municipality_id
        )


class MunicipalityRepository:
    """The directory of municipalities: names only, which are public anyway."""

    async def list(self) -> list[Row]:
        return await Municipality.select(Municipality.id, Municipality.name).order_by(Municipality.name)

    async def get(self, municipality_id: UUID) -> Row | None:
        return await Municipality.select(Municipality.id, Municipality.name).where(
            Municipality.id == municipality_id).first()


class AuthRepository:
    """The queries of signing in, which run before any tenant is known."""

    async def find_login(self, email: str) -> Row | None:
        return await User.select(User.id, User.municipality, User.password_hash, User.active).where(
            User.email == email
        ).first()

    async def user_for_session(self, token_hash: str) -> Row | None:
        """The session with its user and the user's roles, in one query (it runs on every request).

        One row per role comes back (one with role NULL for a user without roles); they are folded here.
        """
        rows = await Session.raw(
            "SELECT s.id, s.csrf_token, s.expires_at, s.last_seen_at, u.id AS user_id,"
            " u.municipality AS municipality_id, u.unit AS unit_id, u.active AS active, r.role AS role"
            " FROM user_session s JOIN app_user u ON u.id = s.user LEFT JOIN user_role r ON r.user = u.id"
            " WHERE s.token_hash = {}",
            token_hash,
        )
        if not rows:
            return None
        session = {key: value for key, value in rows[0].items() if key != "role"}
        session["roles"] = [row["role"] for row in rows if row["role"] is not None]
        return session

    async def create_session(self, values: Row) -> None:
        await Session.insert(Session(**values))

    async def touch_session(self, session_id: UUID, now: datetime) -> None:
        await Session.update({Session.last_seen_at: now}).where(Session.id == session_id)

    async def delete_session(self, session_id: UUID) -> None:
        await Session.delete().where(Session.id == session_id)

    async def password_hash_of(self, user_id: UUID) -> str:
        row = await User.select(User.password_hash).where(User.id == user_id).first()
        return row["password_hash"] if row else ""

    async def count_failures(self, *, account_key: str | None = None, address: str | None = None,
                             since: datetime) -> int:
        column = LoginAttempt.account_key if account_key is not None else LoginAttempt.address
        value = account_key if account_key is not None else address
        return await LoginAttempt.count().where(column == value, LoginAttempt.at >= since)

    async def record_failure(self, account_key: str, address: str, now: datetime) -> None:
        await LoginAttempt.insert(LoginAttempt(account_key=account_key, address=address, at=now))

    async def forget_failures_before(self, cutoff: datetime) -> None:
        await LoginAttempt.delete().where(LoginAttempt.at < cutoff)
