"""HTTP for wants (efterlysningar) and their matches."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from litestar import Controller, Response, get, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend.catalog import convert, schemas
from backend.catalog.wants import WantService
from backend.deps import ActorDep, DbDep
from backend.openapi import retried


class WantController(Controller):
    path = "/api/wants"
    tags = ["catalog"]

    @get("/")
    async def list_wants(
        self, db: DbDep, actor: ActorDep, show: FromQuery[Literal["mine", "open"]] = "mine"
    ) -> list[schemas.WantRead]:
        service = WantService(db, actor)
        rows = await (service.mine() if show == "mine" else service.open())
        return [convert.want_read(r, actor.user_id) for r in rows]

    @post("/", responses=retried(schemas.WantRead))
    async def create_want(self, db: DbDep, actor: ActorDep,
                          data: JSONBody[schemas.WantCreate]) -> Response[schemas.WantRead]:
        row, created = await WantService(db, actor).create(data)
        return Response(convert.want_read(row, actor.user_id), status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @post("/{want_id:uuid}/close", status_code=HTTP_200_OK)
    async def close_want(
        self, db: DbDep, actor: ActorDep, want_id: FromPath[UUID], data: JSONBody[schemas.WantClose]
    ) -> schemas.WantRead:
        return convert.want_read(await WantService(db, actor).close(want_id, data.version), actor.user_id)

    @get("/matches")
    async def list_want_matches(self, db: DbDep, actor: ActorDep) -> list[schemas.MatchRead]:
        return [convert.match_read(m, listing) for m, listing in await WantService(db, actor).matches()]
