"""HTTP for networks (samverkan) and the municipality directory."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, delete, get, post
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_204_NO_CONTENT

from backend.accounts import schemas
from backend.accounts.convert import network_read
from backend.accounts.networks import NetworkService
from backend.deps import ActorDep, DbDep


class NetworkController(Controller):
    path = "/api/networks"
    tags = ["accounts"]

    @get("/")
    async def list_networks(self, db: DbDep, actor: ActorDep) -> list[schemas.NetworkRead]:
        return [network_read(n) for n in await NetworkService(db, actor).list()]

    @post("/")
    async def create_network(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.NetworkCreate]
    ) -> schemas.NetworkRead:
        return network_read(await NetworkService(db, actor).create(data))

    @post("/{network_id:uuid}/invitations")
    async def invite_to_network(
        self, db: DbDep, actor: ActorDep, network_id: FromPath[UUID], data: JSONBody[schemas.NetworkInvite]
    ) -> schemas.NetworkRead:
        return network_read(await NetworkService(db, actor).invite(network_id, data.municipality_id))

    @post("/{network_id:uuid}/accept")
    async def accept_network(self, db: DbDep, actor: ActorDep, network_id: FromPath[UUID]) -> schemas.NetworkRead:
        return network_read(await NetworkService(db, actor).accept(network_id))

    @delete("/{network_id:uuid}/membership", status_code=HTTP_204_NO_CONTENT)
    async def leave_network(self, db: DbDep, actor: ActorDep, network_id: FromPath[UUID]) -> None:
        await NetworkService(db, actor).leave(network_id)


class MunicipalityController(Controller):
    path = "/api/municipalities"
    tags = ["accounts"]

    @get("/")
    async def list_municipalities(self, db: DbDep, actor: ActorDep) -> list[schemas.MunicipalityRead]:
        return [schemas.MunicipalityRead(**m) for m in await NetworkService(db, actor).list_municipalities()]
