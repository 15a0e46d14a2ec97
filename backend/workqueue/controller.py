"""HTTP for the coordinator's work queue."""

from __future__ import annotations

from litestar import Controller, get
from litestar.params import FromQuery

from backend.deps import ActorDep, DbDep
from backend.params import bounded
from backend.workqueue import schemas
from backend.workqueue.service import WorkQueueService

StaleDays = bounded(1, 3650, "A published listing untouched for more days than this is stale.")


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
