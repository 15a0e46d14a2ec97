"""Network (samverkan) use cases: create, invite, accept, leave. Admins only."""

from __future__ import annotations

from uuid import UUID, uuid4

from backend import clock
from backend.accounts import schemas
from backend.accounts.repository import MunicipalityRepository, NetworkRepository, Row
from backend.audit.service import record
from backend.db import Database
from backend.errors import Conflict, Invalid, NotFound
from backend.tenancy import Actor


class NetworkService:
    """A municipality joins a network only by accepting an invitation from a member."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.networks = NetworkRepository(actor.municipality_id)
        self.municipalities = MunicipalityRepository()

    async def list(self) -> list[Row]:
        async with self.db.read():
            return await self.networks.list()

    async def list_municipalities(self) -> list[Row]:
        async with self.db.read():
            return await self.municipalities.list()

    async def _own_status(self, network_id: UUID) -> str:
        network = await self.networks.get(network_id)
        if network is None:
            raise NotFound("No such network.")
        return next(m["status"] for m in network["members"] if m["municipality_id"] == self.actor.municipality_id)

    async def create(self, data: schemas.NetworkCreate) -> Row:
        self.actor.require("admin")
        network_id = data.id or uuid4()
        async with self.db.write():
            existing = await self.networks.get(network_id)
            if existing:
                return existing
            if await self.networks.exists_anywhere(network_id):  # a network we are not in: not a replay of ours
                raise Conflict("That id is already in use.")
            if await self.networks.name_taken(data.name):  # maybe another's network: its name is not repeated
                raise Conflict("That network name is already taken; choose another.", error="name_taken")
            await self.networks.create(network_id, data.name, clock.now())
            await record(self.actor, "network.created", "network", network_id, object_name=data.name,
                         after={"name": data.name})
            return await self.networks.get(network_id)

    async def invite(self, network_id: UUID, municipality_id: UUID) -> Row:
        self.actor.require("admin")
        async with self.db.write():
            if await self._own_status(network_id) != "active":
                raise NotFound("No such network.")
            if await self.municipalities.get(municipality_id) is None:
                raise Invalid("No such municipality.", error="unknown_municipality")
            network = await self.networks.get(network_id)
            if any(m["municipality_id"] == municipality_id for m in network["members"]):
                return network
            await self.networks.invite(network_id, municipality_id, clock.now())
            invited = await self.municipalities.get(municipality_id)
            await record(self.actor, "network.member_added", "network", network_id, object_name=network["name"],
                         after={"invited_municipality": invited["name"]})
            return await self.networks.get(network_id)

    async def accept(self, network_id: UUID) -> Row:
        self.actor.require("admin")
        async with self.db.write():
            status = await self._own_status(network_id)
            await self.networks.set_own_status(network_id, "active")
            await record(self.actor, "network.joined", "network", network_id, before={"status": status},
                         after={"status": "active"})
            return await self.networks.get(network_id)

    async def leave(self, network_id: UUID) -> None:
        self.actor.require("admin")
        async with self.db.write():
            await self._own_status(network_id)
            await self.networks.leave(network_id)
            await record(self.actor, "network.left", "network", network_id)
