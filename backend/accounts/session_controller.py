"""HTTP for signing in and out, the current session, password change and device sessions."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Request, Response, delete, get, post, put
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend.accounts import schemas
from backend.accounts.convert import user_read
from backend.accounts.deps import SessionsDep
from backend.accounts.repository import UserRepository
from backend.accounts.service import UserService
from backend.deps import ActorDep, DbDep
from backend.errors import Forbidden, NotAuthenticated, RateLimited
from backend.security import (
    CSRF_EXEMPT,
    PUBLIC,
    check_same_origin,
    clear_session_cookie,
    set_session_cookie,
)


async def _session_read(db: DbDep, user_id: UUID, municipality_id: UUID, csrf_token: str) -> schemas.SessionRead:
    async with db.read():
        user = await UserRepository(municipality_id).get(user_id)
    return schemas.SessionRead(user=user_read(user), csrf_token=csrf_token)


class SessionController(Controller):
    path = "/api/session"
    tags = ["session"]

    @get("/")
    async def get_session(self, request: Request, db: DbDep, actor: ActorDep) -> schemas.SessionRead:
        return await _session_read(db, actor.user_id, actor.municipality_id, request.auth)

    @post("/", opt={PUBLIC: True, CSRF_EXEMPT: True}, status_code=HTTP_201_CREATED,
          raises=[NotAuthenticated, Forbidden, RateLimited])
    async def login(
        self, request: Request, db: DbDep, sessions: SessionsDep, data: JSONBody[schemas.LoginRequest]
    ) -> Response[schemas.SessionRead]:
        check_same_origin(request)
        address = request.client.host if request.client else "unknown"
        session = await sessions.login(
            data.email, data.password, address=address, user_agent=request.headers.get("user-agent", "")
        )
        body = await _session_read(db, session.user_id, session.municipality_id, session.csrf_token)
        response = Response(body, status_code=HTTP_201_CREATED)
        set_session_cookie(request, response, session)
        return response

    @delete("/", status_code=HTTP_204_NO_CONTENT)
    async def logout(self, sessions: SessionsDep, actor: ActorDep) -> Response[None]:
        await sessions.logout(actor)
        response: Response[None] = Response(None, status_code=HTTP_204_NO_CONTENT)
        clear_session_cookie(response)
        return response

    @put("/language")
    async def set_language(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.LanguageChange]
    ) -> schemas.UserRead:
        return user_read(await UserService(db, actor).set_own_language(data.language))

    @post("/password", status_code=HTTP_204_NO_CONTENT)
    async def change_password(
        self, sessions: SessionsDep, actor: ActorDep, data: JSONBody[schemas.PasswordChange]
    ) -> None:
        await sessions.change_password(actor, data.current_password, data.new_password)


class DeviceSessionController(Controller):
    """The signed-in devices of the current user, to sign one out."""

    path = "/api/sessions"
    tags = ["session"]

    @get("/")
    async def list_sessions(self, db: DbDep, actor: ActorDep) -> list[schemas.DeviceSessionRead]:
        rows = await UserService(db, actor).list_sessions(actor.user_id)
        return [schemas.DeviceSessionRead(**r, current=r["id"] == actor.session_id) for r in rows]

    @delete("/{session_id:uuid}", status_code=HTTP_204_NO_CONTENT)
    async def revoke_session(self, db: DbDep, actor: ActorDep, session_id: FromPath[UUID]) -> None:
        await UserService(db, actor).revoke_session(session_id)
