"""Password links by e-mail: a reset for a local account, and an invitation an admin sends.

A link's token is random and kept only as its SHA-256; it works once and for a limited time.
Asking for a reset answers the same whether or not the address has an account (no user
enumeration), and is rate limited per address asked for and per client.
"""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta
from uuid import UUID, uuid4

from backend import clock
from backend.accounts import schemas as account_schemas
from backend.accounts.passwords import hash_password_async
from backend.accounts.repository import SessionRepository, UserRepository
from backend.accounts.service import UserService
from backend.audit.service import record
from backend.db import Database
from backend.errors import Invalid, RateLimited
from backend.mail import schemas
from backend.mail.outbox import queue
from backend.mail.repository import Row, TokenRepository
from backend.mail.signing import token_hash
from backend.tenancy import Actor

RESET_VALID = timedelta(hours=1)
INVITE_VALID = timedelta(days=7)
WINDOW = timedelta(hours=1)
# Links sent to one account per hour, and reset requests from one client per hour.
PER_ACCOUNT = 3
PER_CLIENT = 20
SAME_ANSWER = "If the address has an account, a link to choose a new password is on its way."
INVALID_LINK = "This link no longer works: it was used already or is too old. Ask for a new one."


def _key(text: str) -> str:
    return hashlib.sha256(text.strip().lower().encode()).hexdigest()


class PasswordLinks:
    def __init__(self, db: Database, *, password_hashing: str = "standard") -> None:
        self.db, self.password_hashing = db, password_hashing
        self.tokens = TokenRepository()

    async def _issue(self, user_id: UUID, purpose: str, valid_for: timedelta) -> str:
        token = secrets.token_urlsafe(32)
        now = clock.now()
        await self.tokens.insert({"id": uuid4(), "token_hash": token_hash(token), "user": user_id, "purpose": purpose,
                                  "expires_at": now + valid_for, "used": False, "created_at": now})
        return token

    async def request_reset(self, email: str, client: str) -> str:
        """Send a reset link if the address has an active account; the same answer either way."""
        email, now = email.strip().lower(), clock.now()
        account, address = _key(email), _key(client or "unknown")
        async with self.db.read():
            per_client = await self.tokens.count_requests(now - WINDOW, address=address)
            per_account = await self.tokens.count_requests(now - WINDOW, account_key=account)
        if per_client >= PER_CLIENT:
            raise RateLimited("Too many requests for new passwords; wait an hour and try again.",
                              retry_after=int(WINDOW.total_seconds()))
        async with self.db.write():
            await self.tokens.record_request(account, address, now)
            await self.tokens.forget_requests_before(now - timedelta(days=1))
            user = await self.tokens.user_by_email(email)
            if user is not None and user["active"] and per_account < PER_ACCOUNT:
                token = await self._issue(user["id"], "reset", RESET_VALID)
                await queue([user["id"]], "password_reset", "password_reset", {"email": user["email"]},
                            f"/losenord?nyckel={token}")
        return SAME_ANSWER

    async def _open(self, token: str) -> Row:
        row = await self.tokens.find(token_hash(token))
        if row is None or row["used"] or row["expires_at"] <= clock.now() or not row["active"]:
            raise Invalid(INVALID_LINK, error="invalid_link")
        return row

    async def check(self, token: str) -> Row:
        async with self.db.read():
            return await self._open(token)

    async def set_password(self, token: str, password: str) -> None:
        """Set the password from a link; every link of that person is spent and their sessions end."""
        password_hash = await hash_password_async(password, self.password_hashing)
        async with self.db.write():
            row = await self._open(token)
            await UserRepository(row["municipality"]).set_password_hash(row["user"], password_hash)
            await self.tokens.use_all_of(row["user"])
            await SessionRepository(row["municipality"]).delete_for_user(row["user"])

    async def invite(self, actor: Actor, data: schemas.InvitationCreate) -> tuple[Row, bool]:
        """An admin adds a person and e-mails them a link to choose their password; nobody else knows it."""
        actor.require("admin")
        users = UserService(self.db, actor, password_hashing=self.password_hashing)
        create = account_schemas.UserCreate(email=data.email, name=data.name, unit_id=data.unit_id, roles=data.roles,
                                            password=secrets.token_urlsafe(24), language=data.language, id=data.id)
        async with self.db.write():
            user, created = await users.create(create)
            if created:
                inviter = await UserRepository(actor.municipality_id).get(actor.user_id)
                await self.send_invitation(user, inviter["name"] if inviter else "")
                await record(actor, "user.invited", "user", user["id"], object_name=user["name"],
                             after={"email": user["email"]})
        return user, created

    async def send_invitation(self, user: Row, inviter: str) -> None:
        """Issue an invitation link and queue its e-mail; inside the caller's db.write()."""
        await self.send_invitations([user], inviter)

    async def send_invitations(self, users: list[Row], inviter: str) -> None:
        """Invite many people at once (an HR import): their links in one insert, one e-mail each."""
        now = clock.now()
        tokens = {user["id"]: secrets.token_urlsafe(32) for user in users}
        await self.tokens.insert_many([
            {"id": uuid4(), "token_hash": token_hash(token), "user": user_id, "purpose": "invite",
             "expires_at": now + INVITE_VALID, "used": False, "created_at": now} for user_id, token in tokens.items()])
        for user in users:
            params = {"inviter": inviter, "email": user["email"], "municipality": user["municipality_name"]}
            await queue([user["id"]], "invitation", "invitation", params, f"/losenord?nyckel={tokens[user['id']]}")
