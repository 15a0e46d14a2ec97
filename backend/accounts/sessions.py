"""Signing in and out: login with rate limits, sessions stored in the database, CSRF tokens.

The cookie carries a random token; the database keeps only its SHA-256, so a copy of the
database cannot be used to sign in. Each session has its own CSRF token, which the PWA keeps
in IndexedDB so its service worker can replay queued writes later.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID, uuid4

from backend import clock
from backend.accounts.passwords import hash_password_async, verify_password_async
from backend.accounts.repository import (
    AuthRepository,
    SessionRepository,
    UserRepository,
)
from backend.audit.service import record
from backend.db import Database
from backend.errors import Invalid, NotAuthenticated, RateLimited
from backend.settings import Settings
from backend.tenancy import Actor

# Sliding expiry is refreshed at most this often, so reads do not turn into writes.
TOUCH_INTERVAL = timedelta(minutes=10)


@dataclass(frozen=True, slots=True)
class NewSession:
    token: str
    csrf_token: str
    user_id: UUID
    municipality_id: UUID
    max_age: int


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def account_key(email: str) -> str:
    """A stable, non-reversible key for an account name, for rate limiting."""
    return hashlib.sha256(email.strip().lower().encode()).hexdigest()


def csrf_matches(expected: str, given: str | None) -> bool:
    return bool(given) and hmac.compare_digest(expected.encode(), given.encode())


class SessionService:
    """Login, logout, session lookup and password change."""

    def __init__(self, db: Database, settings: Settings) -> None:
        self.db = db
        self.settings = settings
        self.auth = AuthRepository()

    async def login(self, email: str, password: str, *, address: str, user_agent: str) -> NewSession:
        """Check the password and open a session; the same error for every kind of failure."""
        key, now = account_key(email), clock.now()
        try:
            await self._check_rate_limits(key, address)
        except RateLimited:
            async with self.db.write():
                login = await self.auth.find_login(email.strip().lower())
                await self._record_failure(login, "rate_limited", address, user_agent)
            raise
        async with self.db.read():
            login = await self.auth.find_login(email.strip().lower())
        ok = await verify_password_async(login["password_hash"] if login else None, password,
                                         self.settings.password_hashing)
        if not (ok and login and login["active"]):
            reason = "unknown_account" if not login else "wrong_password" if not ok else "inactive"
            # Recorded in its own transaction: raising inside one would roll the record back.
            async with self.db.write():
                await self.auth.record_failure(key, address[:64], now)
                await self.auth.forget_failures_before(now - timedelta(days=1))
                await self._record_failure(login, reason, address, user_agent)
            raise NotAuthenticated("Wrong e-mail address or password.", error="invalid_credentials")
        async with self.db.write():
            session, _ = await self.open_session(login["id"], login["municipality"], address=address,
                                                 user_agent=user_agent)
        return session

    async def open_session(self, user_id: UUID, municipality_id: UUID, *, address: str, user_agent: str,
                           method: dict[str, str] | None = None) -> tuple[NewSession, UUID]:
        """A new session for a person already checked, and its audit entry; the session and its id.

        Call it inside a write transaction. `method` names how they signed in when not by password
        (single sign-on), for the audit trail.
        """
        now, session_id = clock.now(), uuid4()
        session = NewSession(secrets.token_urlsafe(32), secrets.token_urlsafe(32), user_id, municipality_id,
                             self._max_age)
        await self.auth.create_session({
            "id": session_id,
            "token_hash": token_hash(session.token),
            "user": user_id,
            "csrf_token": session.csrf_token,
            "user_agent": user_agent[:300],
            "created_at": now,
            "last_seen_at": now,
            "expires_at": now + timedelta(seconds=self._max_age),
        })
        await record(None, "session.signed_in", "user", user_id, municipality_id=municipality_id,
                     actor_id=user_id, address=address, user_agent=user_agent, after=method)
        return session, session_id

    @staticmethod
    async def _record_failure(login: dict | None, reason: str, address: str, user_agent: str) -> None:
        """The audit entry of a refused sign-in: the reason, never the password (nor an unknown address)."""
        await record(None, "session.sign_in_failed", "user", login["id"] if login else "",
                     municipality_id=login["municipality"] if login else None, after={"reason": reason},
                     address=address, user_agent=user_agent)

    async def _check_rate_limits(self, key: str, address: str) -> None:
        s = self.settings
        since = clock.now() - timedelta(seconds=s.login_window_seconds)
        async with self.db.read():
            per_account = await self.auth.count_failures(account_key=key, since=since)
            per_address = await self.auth.count_failures(address=address[:64], since=since)
        if per_account >= s.login_failures_per_account or per_address >= s.login_failures_per_address:
            raise RateLimited(
                "Too many failed sign-ins; wait a minute and try again.", retry_after=s.login_window_seconds
            )

    @property
    def _max_age(self) -> int:
        return self.settings.session_days * 24 * 3600

    async def actor_for(self, token: str | None) -> tuple[Actor, str] | None:
        """The acting user and the session's CSRF token, or None for no valid session."""
        if not token or len(token) > 200:
            return None
        now = clock.now()
        row = await self.auth.user_for_session(token_hash(token))  # one query: no transaction needed
        if row is None:
            return None
        if row["expires_at"] <= now or not row["active"]:
            async with self.db.write():
                await self.auth.delete_session(row["id"])
            return None
        if now - row["last_seen_at"] > TOUCH_INTERVAL:
            async with self.db.write():
                await self.auth.touch_session(row["id"], now)
        actor = Actor(row["user_id"], row["municipality_id"], row["unit_id"], frozenset(row["roles"]), row["id"])
        return actor, row["csrf_token"]

    async def logout(self, actor: Actor) -> None:
        async with self.db.write():
            await self.auth.delete_session(actor.session_id)

    async def change_password(self, actor: Actor, current: str, new: str) -> None:
        """Set a new password and sign out every other session of this user."""
        async with self.db.read():
            current_hash = await self.auth.password_hash_of(actor.user_id)
        if not await verify_password_async(current_hash, current):
            raise Invalid("The current password is wrong.", error="wrong_password")
        if current == new:
            raise Invalid("The new password must differ from the current one.")
        new_hash = await hash_password_async(new, self.settings.password_hashing)
        async with self.db.write():
            await UserRepository(actor.municipality_id).set_password_hash(actor.user_id, new_hash)
            await SessionRepository(actor.municipality_id).delete_for_user(actor.user_id, keep=actor.session_id)
