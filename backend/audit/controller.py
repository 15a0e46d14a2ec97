"""HTTP for the audit trail: the admin's filtered, paged list, the people in it, and the CSV export."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response, get
from litestar.params import FromQuery

from backend.audit import schemas
from backend.audit.service import AuditService
from backend.deps import ActorDep, DbDep
from backend.params import OptionalDay, bounded

Page = bounded(1, 10_000, "Which page of entries, newest first.")
PerPage = bounded(1, 200, "Entries per page.")


def _entry(row: dict) -> schemas.AuditEntryRead:
    return schemas.AuditEntryRead(
        id=row["id"], at=row["at"], actor_id=row["actor"], actor_name=row["actor_name"], action=row["action"],
        object_type=row["object_type"], object_id=row["object_id"],
        object_name=row["object_name"], before=row["before"], after=row["after"],
        address=row["address"], user_agent=row["user_agent"],
    )


class AuditController(Controller):
    path = "/api/audit"
    tags = ["audit"]

    @get("/")
    async def list_audit(
        self, db: DbDep, actor: ActorDep, action: FromQuery[schemas.ActionFilter | None] = None,
        actor_id: FromQuery[UUID | None] = None, since: FromQuery[OptionalDay] = None,
        until: FromQuery[OptionalDay] = None, page: FromQuery[Page] = 1, per_page: FromQuery[PerPage] = 50,
    ) -> schemas.AuditPage:
        rows, total = await AuditService(db, actor).page(
            action=action, actor=actor_id, since=since, until=until, limit=per_page, offset=(page - 1) * per_page)
        return schemas.AuditPage(entries=[_entry(r) for r in rows], total=total, page=page, per_page=per_page)

    @get("/actors")
    async def list_audit_actors(self, db: DbDep, actor: ActorDep) -> list[schemas.AuditActor]:
        return [schemas.AuditActor(id=r["id"], name=r["name"]) for r in await AuditService(db, actor).actors()]

    @get("/csv", media_type="text/csv")
    async def get_audit_csv(
        self, db: DbDep, actor: ActorDep, action: FromQuery[schemas.ActionFilter | None] = None,
        actor_id: FromQuery[UUID | None] = None, since: FromQuery[OptionalDay] = None,
        until: FromQuery[OptionalDay] = None,
    ) -> Response[bytes]:
        text = await AuditService(db, actor).csv(action=action, actor=actor_id, since=since, until=until)
        return Response(text.encode("utf-8"), media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="handelselogg.csv"'})
