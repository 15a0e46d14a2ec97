"""HTTP for the coordinator's work queue."""

from __future__ import annotations

from typing import Annotated

import msgspec
from litestar import Controller, get
from litestar.params import FromQuery

from backend.deps import ActorDep, DbDep
from backend.workqueue import schemas
from backend.workqueue.service import WorkQueueService

StaleDays = Annotated[int, msgspec.Meta(ge=1, le=3650)]


class WorkQueueController(Controller):
    path = "/api/workqueue"
    tags = ["workqueue"]

    @get("/")
    async def get_workqueue(
        self, db: DbDep, actor: ActorDep, stale_days: FromQuery[StaleDays] = 60
    ) -> list[schemas.QueueSection]:
        return [schemas.QueueSection(key=s["key"], available=s["available"], count=s["count"],
                                     rows=[schemas.QueueRow(**r) for r in s["rows"]])
                for s in await WorkQueueService(db, actor).queue(stale_days)]
