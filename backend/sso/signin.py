"""Signing in through a municipality's OpenID provider: start, callback, just-in-time accounts, sign-out.

The pending sign-in (state, nonce, PKCE verifier, provider, where to go after) is kept server-side,
for ten minutes and one use; the browser also holds the state in a cookie, so a callback only
completes in the browser that started it. Each sign-in refreshes the person's unit and roles
from the provider's claims.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlencode
from uuid import UUID, uuid4

from backend import clock
from backend.accounts.repository import AuthRepository, UserRepository
from backend.accounts.sessions import NewSession, SessionService
from backend.audit.service import record
from backend.db import Database
from backend.settings import Settings
from backend.sso.oidc import OidcClient, SignInRefused
from backend.sso.repository import Row, SignInRepository
from backend.sso.sealing import Sealer
from backend.sso.service import callback_uri, signed_out_uri
from backend.tenancy import Actor

PENDING_LIFETIME = timedelta(minutes=10)
# Sign-ins one client may start in PENDING_LIFETIME: each writes a row before anyone is known.
STARTS_PER_CLIENT = 30
# No password signs in to an account made by a provider: this is no Argon2 hash, so verifying fails.
NO_PASSWORD = "!signs-in-through-the-provider"
BASE_ROLE = "employee"


@dataclass(frozen=True)
class Started:
    url: str
    state: str


@dataclass(frozen=True)
class Finished:
    session: NewSession
    return_path: str


@dataclass(frozen=True)
class Where:
    """Who is signing in, as far as known, for the audit entry of a refusal."""

    address: str
    user_agent: str


def domain_of(email: str) -> str:
    return email.rpartition("@")[2].strip().lower()


def safe_return_path(path: str | None) -> str:
    """Only a path inside Delbar (never another site through //host or a scheme)."""
    if not path or not path.startswith("/") or path.startswith("//") or "\\" in path or len(path) > 500:
        return "/"
    return path


def _claim_values(claims: dict[str, Any], name: str) -> set[str]:
    value = claims.get(name) if name else None
    if isinstance(value, str | int):
        return {str(value)}
    if isinstance(value, list):
        return {str(v) for v in value if isinstance(v, str | int)}
    return set()


def mapped_unit(provider: Row, claims: dict[str, Any]) -> UUID | None:
    values = _claim_values(claims, provider["unit_claim"])
    return next((UUID(m["unit_id"]) for m in json.loads(provider["unit_map"]) if m["value"] in values), None)


def mapped_roles(provider: Row, claims: dict[str, Any], current: list[str]) -> list[str]:
    """Roles the mapping manages follow the claims; roles it never grants stay as an admin set them."""
    role_map = json.loads(provider["role_map"])
    values = _claim_values(claims, provider["role_claim"])
    managed = {r for m in role_map for r in m["roles"]}
    granted = {r for m in role_map if m["value"] in values for r in m["roles"]}
    return sorted((set(current) - managed) | granted | {BASE_ROLE})


def _state_hash(state: str) -> str:
    return hashlib.sha256(state.encode()).hexdigest()


class SignInService:
    def __init__(self, db: Database, settings: Settings, sessions: SessionService, oidc: OidcClient) -> None:
        self.db, self.settings, self.sessions, self.oidc = db, settings, sessions, oidc
        self.repo = SignInRepository()
        self.sealer = Sealer(settings.secret_key)

    async def route(self, email: str) -> Row | None:
        """The enabled provider that signs in this address, or None (a password then)."""
        async with self.db.read():
            return await self.repo.provider_for_domain(domain_of(email))

    async def start(self, email: str, return_path: str | None, where: Where) -> Started:
        provider = await self.route(email)
        if provider is None:
            await self._refused(None, "no_provider", where)
            raise SignInRefused("no_provider", "No identity provider signs in this e-mail domain.")
        try:
            meta = await self.oidc.metadata(provider["issuer"])
        except SignInRefused as refusal:
            await self._refused(provider, refusal.reason, where)
            raise
        state, nonce, verifier = secrets.token_urlsafe(32), secrets.token_urlsafe(32), secrets.token_urlsafe(64)
        now, client = clock.now(), hashlib.sha256(where.address.encode()).hexdigest()
        async with self.db.read():
            started = await self.repo.started_since(client, now - PENDING_LIFETIME)
        if started >= STARTS_PER_CLIENT:
            await self._refused(provider, "rate_limited", where)
            raise SignInRefused("rate_limited", "Too many sign-ins started from here; wait a few minutes.")
        async with self.db.write():
            await self.repo.forget_before(now - timedelta(days=1))
            await self.repo.start({"id": uuid4(), "state_hash": _state_hash(state), "nonce": nonce,
                                   "code_verifier": verifier, "provider": provider["id"],
                                   "return_path": safe_return_path(return_path), "client_key": client,
                                   "created_at": now, "expires_at": now + PENDING_LIFETIME})
        url = self.oidc.authorization_url(meta, client_id=provider["client_id"],
                                          redirect_uri=callback_uri(self.settings), state=state, nonce=nonce,
                                          code_verifier=verifier, login_hint=email.strip())
        return Started(url=url, state=state)

    async def finish(self, *, state: str | None, cookie_state: str | None, code: str | None, error: str | None,
                     where: Where) -> Finished:
        """Check the callback and open a session; SignInRefused (audited) for every kind of refusal."""
        provider: Row | None = None
        try:
            pending = await self._claim(state, cookie_state)
            async with self.db.read():
                provider = await self.repo.provider(pending["provider"])
            if provider is None or not provider["enabled"]:
                raise SignInRefused("no_provider", "The identity provider was removed or switched off.")
            if error or not code:
                raise SignInRefused("provider_refused", f"The identity provider did not sign the person in ({error}).")
            claims, id_token = await self._tokens(provider, pending, code)
            return await self._open(provider, claims, id_token, pending["return_path"], where)
        except SignInRefused as refusal:
            await self._refused(provider, refusal.reason, where, refusal.user)
            raise

    async def _claim(self, state: str | None, cookie_state: str | None) -> Row:
        """The pending sign-in this callback belongs to, claimed for this one use."""
        if not state or len(state) > 200 or not cookie_state or not hmac.compare_digest(state, cookie_state):
            raise SignInRefused("bad_state", "The sign-in was not started in this browser, or has been used.")
        now = clock.now()
        async with self.db.write():
            pending = await self.repo.pending(_state_hash(state))
            if pending is None:
                raise SignInRefused("bad_state", "No sign-in was started with this state.")
            if pending["expires_at"] <= now:
                raise SignInRefused("state_expired", "The sign-in took too long; start again.")
            if pending["used_at"] is not None or not await self.repo.mark_used(pending["id"], now):
                raise SignInRefused("state_used", "This sign-in has already been completed once.")
        return pending

    async def _tokens(self, provider: Row, pending: Row, code: str) -> tuple[dict[str, Any], str]:
        secret = self.sealer.open(provider["client_secret"])
        if secret is None:
            raise SignInRefused("provider_misconfigured", "The client secret cannot be read with the server's key.")
        meta = await self.oidc.metadata(provider["issuer"])
        id_token = await self.oidc.exchange(meta, client_id=provider["client_id"], client_secret=secret,
                                            code=code[:2000], redirect_uri=callback_uri(self.settings),
                                            code_verifier=pending["code_verifier"])
        claims = await self.oidc.verify(meta, id_token, client_id=provider["client_id"], nonce=pending["nonce"])
        return claims, id_token

    async def _open(self, provider: Row, claims: dict[str, Any], id_token: str, return_path: str,
                    where: Where) -> Finished:
        email = str(claims.get("email") or "").strip().lower()
        if "@" not in email or len(email) > 254:
            raise SignInRefused("no_email", "The identity provider sent no e-mail address.")
        if claims.get("email_verified") is False:
            raise SignInRefused("email_unverified", "The identity provider has not verified the e-mail address.")
        if domain_of(email) not in provider["domains"]:
            raise SignInRefused("email_domain", "The e-mail address is not in a domain this provider signs in.")
        municipality = provider["municipality"]
        async with self.db.write():
            login = await AuthRepository().find_login(email)
            if login and login["municipality"] != municipality:
                raise SignInRefused("other_municipality", "The address belongs to an account elsewhere.")
            if login and not login["active"]:
                raise SignInRefused("inactive", "The account is deactivated.", user=login["id"])
            user_id = await self._account(provider, claims, email, login)
            session, session_id = await self.sessions.open_session(
                user_id, municipality, address=where.address, user_agent=where.user_agent,
                method={"method": "oidc", "provider": provider["display_name"]})
            now = clock.now()
            await self.repo.forget_session(session_id, now - timedelta(days=self.settings.session_days))
            await self.repo.remember_session(session_id, provider["id"], id_token, now)
        return Finished(session=session, return_path=return_path)

    async def _account(self, provider: Row, claims: dict[str, Any], email: str, login: Row | None) -> UUID:
        """The person's account: made on the first sign-in, its unit and roles refreshed on every one."""
        users = UserRepository(provider["municipality"])
        unit = mapped_unit(provider, claims)
        if login is None:
            user_id = uuid4()
            language = "en" if str(claims.get("locale", "")).lower().startswith("en") else "sv"
            name = str(claims.get("name") or email.partition("@")[0])[:200].strip() or email
            await users.insert({"id": user_id, "email": email, "name": name, "unit": unit or provider["default_unit"],
                                "password_hash": NO_PASSWORD, "language": language},
                               mapped_roles(provider, claims, []), clock.now())
            user = await users.get(user_id)
            await record(None, "user.created", "user", user_id, object_name=user["name"],
                         municipality_id=provider["municipality"], actor_id=user_id,
                         after={"email": email, "name": user["name"], "unit_id": user["unit_id"],
                                "unit_name": user["unit_name"], "roles": user["roles"], "method": "oidc"})
            return user_id
        before = await users.get(login["id"])
        roles = mapped_roles(provider, claims, before["roles"])
        self_actor = Actor(before["id"], provider["municipality"], before["unit_id"], frozenset(before["roles"]),
                           uuid4())
        if unit and unit != before["unit_id"]:
            await users.update(before["id"], before["version"], {"unit": unit})
            after = await users.get(before["id"])
            await record(self_actor, "user.unit_changed", "user", before["id"], object_name=before["name"],
                         before={"unit_id": before["unit_id"], "unit_name": before["unit_name"]},
                         after={"unit_id": after["unit_id"], "unit_name": after["unit_name"]})
        if roles != before["roles"]:
            await users.set_roles(before["id"], roles)
            await record(self_actor, "user.roles_changed", "user", before["id"], object_name=before["name"],
                         before={"roles": before["roles"]}, after={"roles": roles})
        return before["id"]

    async def _refused(self, provider: Row | None, reason: str, where: Where, user_id: UUID | None = None) -> None:
        async with self.db.write():
            await record(None, "session.sign_in_failed", "user", user_id or "",
                         municipality_id=provider["municipality"] if provider else None,
                         after={"reason": reason, "method": "oidc"}, address=where.address, user_agent=where.user_agent)

    async def sign_out(self, actor: Actor) -> str | None:
        """End the Delbar session; the provider's sign-out address when it offers one."""
        async with self.db.read():
            held = await self.repo.session(actor.session_id)
            provider = await self.repo.provider(held["provider"]) if held else None
        await self.sessions.logout(actor)
        if held is None or provider is None:
            return None
        async with self.db.write():
            await self.repo.forget_session(actor.session_id, clock.now() - timedelta(days=self.settings.session_days))
        try:
            meta = await self.oidc.metadata(provider["issuer"])
        except SignInRefused:
            return None  # signed out of Delbar; the provider's session is theirs to end
        if not meta.end_session_endpoint:
            return None
        query = urlencode({"id_token_hint": held["id_token"], "post_logout_redirect_uri": signed_out_uri(self.settings),
                           "client_id": provider["client_id"]})
        separator = "&" if "?" in meta.end_session_endpoint else "?"
        return f"{meta.end_session_endpoint}{separator}{query}"
