"""HTTP for transport jobs: the coordinator's planning list and the driver's day list."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal
from uuid import UUID

from litestar import Controller, Response, get, post, put
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery, JSONBody, MultipartBody

from backend.catalog.controller import PHOTO_CACHE, UPLOAD_BODY_LIMIT, PhotoSize
from backend.catalog.storage import photo_store
from backend.deps import ActorDep, DbDep, SettingsDep
from backend.impact.controller import work_read
from backend.impact.schemas import JobWorkCreate, WorkRead
from backend.params import OptionalDay
from backend.schemas import BulkDone
from backend.transport import schemas
from backend.transport.board import BoardService
from backend.transport.repository import Row
from backend.transport.service import JobService, Receipt
from backend.transport.tariff import TariffService

JobStatus = Literal["unassigned", "open", "planned", "assigned", "in_transit", "done", "cancelled"]


def _place(location_id: UUID | None, name: str | None, address: str) -> schemas.Place:
    return schemas.Place(location_id=location_id, name=name or "", address=address or "")


def _known_place(place: Row | None) -> schemas.Place | None:
    if place is None:
        return None
    return schemas.Place(location_id=place["location_id"], name=place["name"], address=place["address"],
                         path=place["path"])


def _job_fields(row: Row) -> dict:
    storage = None
    if row["storage_location_id"]:
        storage = _place(row["storage_location_id"], row["storage_location_name"], row["storage_location_address"])
    pickup = _known_place(row.get("pickup_place")) or _place(
        row["pickup_location_id"], row["pickup_location_name"], row["pickup_address"])
    return dict(
        id=row["id"], status=row["status"], wanted_date=row["wanted_date"], pickup=pickup,
        delivery=_place(None, "", row["delivery_address"]),
        items=[schemas.JobItem(id=i["id"], title=i["title"], code=i["code"], state=i["state"],
                               thumbnail_url=f"/api/photos/{i['photo_id']}/thumb" if i["photo_id"] else None,
                               place=_known_place(i["place"]))
               for i in row["items"]],
        storage=storage, day=row["day"],
        driver=schemas.Person(id=row["driver_id"], name=row["driver_name"]) if row["driver_id"] else None,
        booking_id=row["booking_id"], version=row["version"], leg=row["leg"], time_window=row["time_window"],
        recipient_name=row["recipient_name"], recipient_phone=row["recipient_phone"], room=row["room"],
        note=row["note"], proof=schemas.proof_read(row.get("proof"), f"/api/transport-jobs/{row['id']}/proof"))


@dataclass
class ProofUpload:
    """The receipt as a multipart form: the recipient's name, how they signed, and the image (a PNG of the
    signature drawn on the screen, or a photo)."""

    recipient_name: schemas.RecipientName
    kind: schemas.ProofKind
    file: UploadFile


def job_read(row: Row) -> schemas.JobRead:
    return schemas.JobRead(**_job_fields(row))


def board_job(row: Row) -> schemas.BoardJob:
    return schemas.BoardJob(**_job_fields(row), driving=row["driving_name"], requester=row["requester_name"],
                            fee_ore=row["fee_ore"], movable=row["movable"])


class TransportJobController(Controller):
    path = "/api/transport-jobs"
    tags = ["transport"]

    @get("/")
    async def list_jobs(self, db: DbDep, actor: ActorDep, driver: FromQuery[Literal["me"] | None] = None,
                        day: FromQuery[OptionalDay] = None,
                        status: FromQuery[JobStatus | None] = None) -> list[schemas.JobRead]:
        rows = await JobService(db, actor).list(driver == "me", day, status)
        return [job_read(r) for r in rows]

    @get("/drivers")
    async def list_drivers(self, db: DbDep, actor: ActorDep) -> list[schemas.Person]:
        return [schemas.Person(id=r["id"], name=r["name"]) for r in await JobService(db, actor).drivers()]

    @get("/board")
    async def get_board(self, db: DbDep, actor: ActorDep, start: FromQuery[OptionalDay] = None) -> schemas.BoardRead:
        """The day board: from `start` (today when absent or past), five working days × the drivers."""
        board = await BoardService(db, actor).read(start)
        return schemas.BoardRead(today=board["today"], days=board["days"], jobs=[board_job(r) for r in board["jobs"]],
                                 drivers=[schemas.Person(id=r["id"], name=r["name"]) for r in board["drivers"]])

    @get("/{job_id:uuid}")
    async def get_job(self, db: DbDep, actor: ActorDep, job_id: FromPath[UUID]) -> schemas.JobRead:
        return job_read(await JobService(db, actor).get(job_id))

    @post("/assign", status_code=200)
    async def assign_jobs(self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.JobsAssign]) -> BulkDone:
        """Plan several jobs onto one driver and day at once, all or none."""
        ids = await JobService(db, actor).assign_many(data.ids, data.driver_id, data.day)
        return BulkDone(done=len(ids), ids=ids)

    @post("/{job_id:uuid}/assign", status_code=200)
    async def assign_job(self, db: DbDep, actor: ActorDep, job_id: FromPath[UUID],
                         data: JSONBody[schemas.JobAssign]) -> schemas.JobRead:
        return job_read(await JobService(db, actor).assign(job_id, data.driver_id, data.day, data.version))

    @post("/{job_id:uuid}/unassign", status_code=200)
    async def unassign_job(self, db: DbDep, actor: ActorDep, job_id: FromPath[UUID],
                           data: JSONBody[schemas.JobUnassign]) -> schemas.JobRead:
        """Take an assigned job off its driver: it waits for a plan again and leaves the driver's day."""
        return job_read(await JobService(db, actor).unassign(job_id, data.version))

    @post("/{job_id:uuid}/done", status_code=200)
    async def finish_job(self, db: DbDep, actor: ActorDep, job_id: FromPath[UUID],
                         data: JSONBody[schemas.JobDone]) -> schemas.JobRead:
        return job_read(await JobService(db, actor).finish(job_id, "done", data.version, data.work))

    @post("/{job_id:uuid}/work", status_code=200)
    async def record_job_work(self, db: DbDep, actor: ActorDep, job_id: FromPath[UUID],
                              data: JSONBody[JobWorkCreate]) -> list[WorkRead]:
        """Who did a finished job and how long it took (a job finished by its delivery scans gets it afterwards)."""
        return [work_read(r) for r in await JobService(db, actor).record_work(job_id, data.work)]

    @post("/{job_id:uuid}/proof", status_code=200, request_max_body_size=UPLOAD_BODY_LIMIT)
    async def prove_delivery(self, db: DbDep, actor: ActorDep, settings: SettingsDep, job_id: FromPath[UUID],
                             data: MultipartBody[ProofUpload]) -> schemas.JobRead:
        """Proof of delivery: once the job's items are scanned as delivered, the recipient signs on the driver's
        phone (or the driver photographs the handover) and their name is typed. One receipt per job: the same
        one sent again (a phone replaying its queue) answers as before; another is refused (409)."""
        receipt = Receipt(data.recipient_name, data.kind, await data.file.read(), settings.photo_max_bytes,
                          settings.photo_max_pixels)
        return job_read(await JobService(db, actor).prove(job_id, receipt, photo_store(settings)))

    @get("/{job_id:uuid}/proof/{size:str}", media_type="image/webp")
    async def get_proof_image(self, db: DbDep, actor: ActorDep, settings: SettingsDep, job_id: FromPath[UUID],
                              size: FromPath[PhotoSize]) -> Response[bytes]:
        """The receipt's image, for the job's driver and the coordinators."""
        data = await JobService(db, actor).proof_image(job_id, size, photo_store(settings))
        return Response(data, media_type="image/webp", headers={"Cache-Control": PHOTO_CACHE})

    @post("/{job_id:uuid}/cancel", status_code=200)
    async def cancel_job(self, db: DbDep, actor: ActorDep, job_id: FromPath[UUID],
                         data: JSONBody[schemas.JobAction]) -> schemas.JobRead:
        return job_read(await JobService(db, actor).finish(job_id, "cancelled", data.version))


def tariff_read(row: Row | None) -> schemas.TariffRead:
    if row is None:
        return schemas.TariffRead(fee_ore=0, payee_unit=None, version=None, updated_at=None)
    return schemas.TariffRead(fee_ore=row["fee_ore"], version=row["version"], updated_at=row["updated_at"],
                              payee_unit=schemas.Person(id=row["payee_unit_id"], name=row["payee_unit_name"]))


class TransportTariffController(Controller):
    path = "/api/transport-tariff"
    tags = ["transport"]

    @get("/")
    async def get_tariff(self, db: DbDep, actor: ActorDep) -> schemas.TariffRead:
        return tariff_read(await TariffService(db, actor).get())

    @put("/")
    async def set_tariff(self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.TariffUpdate]) -> schemas.TariffRead:
        return tariff_read(await TariffService(db, actor).set(data.fee_ore, data.payee_unit_id, data.version))
