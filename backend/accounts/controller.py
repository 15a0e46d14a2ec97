"""HTTP for units and users: parse, call the service, answer with structs."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response, get, patch, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend.accounts import schemas
from backend.accounts.convert import unit_read, user_read
from backend.accounts.service import UnitService, UserService
from backend.deps import ActorDep, DbDep, SettingsDep
from backend.openapi import retried


def _created(body: object, created: bool) -> Response:
    """201 for a new row, 200 when a retried create found the row it made before."""
    return Response(body, status_code=HTTP_201_CREATED if created else HTTP_200_OK)


class UnitController(Controller):
    path = "/api/units"
    tags = ["accounts"]

    @get("/")
    async def list_units(self, db: DbDep, actor: ActorDep) -> list[schemas.UnitRead]:
        return [unit_read(u) for u in await UnitService(db, actor).list()]

    @get("/{unit_id:uuid}")
    async def get_unit(self, db: DbDep, actor: ActorDep, unit_id: FromPath[UUID]) -> schemas.UnitRead:
        return unit_read(await UnitService(db, actor).get(unit_id))

    @post("/", responses=retried(schemas.UnitRead))
    async def create_unit(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.UnitCreate]
    ) -> Response[schemas.UnitRead]:
        row, created = await UnitService(db, actor).create(data)
        return _created(unit_read(row), created)

    @patch("/{unit_id:uuid}")
    async def update_unit(
        self, db: DbDep, actor: ActorDep, unit_id: FromPath[UUID], data: JSONBody[schemas.UnitUpdate]
    ) -> schemas.UnitRead:
        return unit_read(await UnitService(db, actor).update(unit_id, data))


class UserController(Controller):
    path = "/api/users"
    tags = ["accounts"]

    @get("/")
    async def list_users(self, db: DbDep, actor: ActorDep) -> list[schemas.UserRead]:
        return [user_read(u) for u in await UserService(db, actor).list()]

    @get("/{user_id:uuid}")
    async def get_user(self, db: DbDep, actor: ActorDep, user_id: FromPath[UUID]) -> schemas.UserRead:
        return user_read(await UserService(db, actor).get(user_id))

    @post("/", responses=retried(schemas.UserRead))
    async def create_user(
        self, db: DbDep, actor: ActorDep, settings: SettingsDep, data: JSONBody[schemas.UserCreate]
    ) -> Response[schemas.UserRead]:
        row, created = await UserService(db, actor, password_hashing=settings.password_hashing).create(data)
        return _created(user_read(row), created)

    @patch("/{user_id:uuid}")
    async def update_user(
        self, db: DbDep, actor: ActorDep, user_id: FromPath[UUID], data: JSONBody[schemas.UserUpdate]
    ) -> schemas.UserRead:
        return user_read(await UserService(db, actor).update(user_id, data))

    @post("/{user_id:uuid}/password", status_code=HTTP_204_NO_CONTENT)
    async def reset_password(
        self, db: DbDep, actor: ActorDep, settings: SettingsDep, user_id: FromPath[UUID],
        data: JSONBody[schemas.PasswordReset],
    ) -> None:
        await UserService(db, actor, password_hashing=settings.password_hashing).reset_password(user_id, data.password)

    @get("/{user_id:uuid}/sessions")
    async def list_user_sessions(
        self, db: DbDep, actor: ActorDep, user_id: FromPath[UUID]
    ) -> list[schemas.DeviceSessionRead]:
        rows = await UserService(db, actor).list_sessions(user_id)
        return [schemas.DeviceSessionRead(**r, current=r["id"] == actor.session_id) for r in rows]
