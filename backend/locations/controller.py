"""HTTP for locations."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response, get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend.deps import ActorDep, DbDep
from backend.locations import schemas
from backend.locations.repository import Row
from backend.locations.service import LocationService
from backend.openapi import retried


def location_read(row: Row) -> schemas.LocationRead:
    return schemas.LocationRead(id=row["id"], parent_id=row["parent_id"], kind=row["kind"], name=row["name"],
                                address=row["address"], version=row["version"])


class LocationController(Controller):
    path = "/api/locations"
    tags = ["locations"]

    @get("/")
    async def list_locations(
        self, db: DbDep, actor: ActorDep, kind: FromQuery[schemas.LocationKind | None] = None
    ) -> list[schemas.LocationRead]:
        return [location_read(r) for r in await LocationService(db, actor).list(kind)]

    @get("/{location_id:uuid}")
    async def get_location(self, db: DbDep, actor: ActorDep, location_id: FromPath[UUID]) -> schemas.LocationRead:
        return location_read(await LocationService(db, actor).get(location_id))

    @post("/", responses=retried(schemas.LocationRead))
    async def create_location(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.LocationCreate]
    ) -> Response[schemas.LocationRead]:
        row, created = await LocationService(db, actor).create(data)
        return Response(location_read(row), status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @patch("/{location_id:uuid}")
    async def update_location(
        self, db: DbDep, actor: ActorDep, location_id: FromPath[UUID], data: JSONBody[schemas.LocationUpdate]
    ) -> schemas.LocationRead:
        return location_read(await LocationService(db, actor).update(location_id, data))
