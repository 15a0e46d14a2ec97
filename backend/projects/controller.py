"""HTTP for move projects: the coordinator's list, one project, its items, outcomes and report."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response, get, post, put
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend.deps import ActorDep, DbDep
from backend.errors import Conflict
from backend.openapi import retried
from backend.projects import schemas
from backend.projects.repository import Row
from backend.projects.service import ProjectService, effective_outcome


def item_read(row: Row) -> schemas.ProjectItemRead:
    return schemas.ProjectItemRead(
        id=row["id"], listing_id=row["listing_id"], title=row["title"], kind=row["kind"],
        category_sv=row["category_sv"], category_en=row["category_en"], quantity=row["quantity"],
        listing_status=row["listing_status"], taken=row["taken"], outcome=effective_outcome(row),
        thumbnail_url=f"/api/photos/{row['photo_id']}/thumb" if row["photo_id"] else None)


def project_read(row: Row) -> schemas.ProjectRead:
    location = schemas.Place(id=row["location_id"], name=row["location_name"]) if row["location_id"] else None
    return schemas.ProjectRead(
        id=row["id"], name=row["name"], address=row["address"], location=location, day=row["day"],
        share_day=row["share_day"], status=row["status"], version=row["version"],
        members=[schemas.Person(id=m["id"], name=m["name"], email=m["email"]) for m in row["members"]],
        items=[item_read(i) for i in row["items"]], created_at=row["created_at"])


def report_read(row: Row) -> schemas.ProjectReport:
    totals = row["totals"]
    return schemas.ProjectReport(
        project_id=row["project_id"], items=row["items"], pieces_reused=totals["pieces"],
        co2e_kg=round(totals["co2e"] / 1000, 1), saved_ore=totals["saved"], waste_kg=round(totals["waste"] / 1000, 1),
        outcomes=schemas.OutcomeCounts(**row["counts"]),
        factors=[schemas.FactorUsed(category_slug=f["category_slug"], version=f["version"], source=f["source"])
                 for f in row["factors"]])


class ProjectController(Controller):
    path = "/api/projects"
    tags = ["projects"]

    @get("/")
    async def list_projects(self, db: DbDep, actor: ActorDep) -> list[schemas.ProjectSummary]:
        """The municipality's move projects, latest day first (coordinators and admins)."""
        return [schemas.ProjectSummary(id=r["id"], name=r["name"], address=r["address"], day=r["day"],
                                       share_day=r["share_day"], status=r["status"], item_count=r["item_count"])
                for r in await ProjectService(db, actor).list()]

    @get("/people")
    async def list_project_people(self, db: DbDep, actor: ActorDep) -> list[schemas.Person]:
        """The municipality's active people, who can be a project's collaborators."""
        return [schemas.Person(id=r["id"], name=r["name"], email=r["email"])
                for r in await ProjectService(db, actor).people()]

    @post("/", responses=retried(schemas.ProjectRead), raises=[Conflict])
    async def create_project(self, db: DbDep, actor: ActorDep,
                             data: JSONBody[schemas.ProjectCreate]) -> Response[schemas.ProjectRead]:
        row, created = await ProjectService(db, actor).create(data)
        return Response(project_read(row), status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @get("/{project_id:uuid}")
    async def get_project(self, db: DbDep, actor: ActorDep, project_id: FromPath[UUID]) -> schemas.ProjectRead:
        return project_read(await ProjectService(db, actor).get(project_id))

    @put("/{project_id:uuid}")
    async def update_project(self, db: DbDep, actor: ActorDep, project_id: FromPath[UUID],
                             data: JSONBody[schemas.ProjectUpdate]) -> schemas.ProjectRead:
        """Change the name, place, day and collaborators, from the version read."""
        return project_read(await ProjectService(db, actor).update(project_id, data))

    @post("/{project_id:uuid}/items", responses=retried(schemas.ProjectRead))
    async def create_project_item(self, db: DbDep, actor: ActorDep, project_id: FromPath[UUID],
                                  data: JSONBody[schemas.ItemCreate]) -> Response[schemas.ProjectRead]:
        """Register a thing ahead of the day: a draft listing to give away (photos go to the listing)."""
        row, created = await ProjectService(db, actor).add_item(project_id, data)
        return Response(project_read(row), status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @post("/{project_id:uuid}/list-all", status_code=HTTP_200_OK)
    async def list_project_items(self, db: DbDep, actor: ActorDep, project_id: FromPath[UUID],
                                 data: JSONBody[schemas.ListAll]) -> schemas.ProjectRead:
        """Publish every draft at once: the municipality first, its network too from the share day."""
        return project_read(await ProjectService(db, actor).list_all(project_id, data))

    @put("/{project_id:uuid}/outcomes")
    async def set_project_outcomes(self, db: DbDep, actor: ActorDep, project_id: FromPath[UUID],
                                   data: JSONBody[schemas.OutcomeChange]) -> schemas.ProjectRead:
        """Set where items end up, all or none; recycling and disposal close their listings."""
        return project_read(await ProjectService(db, actor).set_outcomes(project_id, data))

    @post("/{project_id:uuid}/rest", status_code=HTTP_200_OK)
    async def send_project_rest(self, db: DbDep, actor: ActorDep, project_id: FromPath[UUID],
                                data: JSONBody[schemas.RestOutcome]) -> schemas.ProjectRead:
        """Everything nobody took and without a planned end goes to one place."""
        return project_read(await ProjectService(db, actor).rest_goes_to(project_id, data))

    @post("/{project_id:uuid}/close", status_code=HTTP_200_OK, raises=[Conflict])
    async def close_project(self, db: DbDep, actor: ActorDep, project_id: FromPath[UUID],
                            data: JSONBody[schemas.ProjectClose]) -> schemas.ProjectRead:
        """Close a listed project once every item has its end (409 `items_undecided` before); it is then read
        only: its report stays."""
        return project_read(await ProjectService(db, actor).close(project_id, data))

    @get("/{project_id:uuid}/report")
    async def get_project_report(self, db: DbDep, actor: ActorDep,
                                 project_id: FromPath[UUID]) -> schemas.ProjectReport:
        return report_read(await ProjectService(db, actor).report(project_id))
