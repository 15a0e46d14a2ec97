"""HTTP for codes: what a code points at, print batches, location labels, labels in photos."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

import anyio
from litestar import Controller, Response, get, post
from litestar.datastructures import UploadFile
from litestar.params import FromPath, JSONBody, MultipartBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend.codes import schemas
from backend.codes.photos import MAX_PHOTO_BYTES, codes_in_photo
from backend.codes.repository import Row
from backend.codes.service import CodeService
from backend.deps import ActorDep, DbDep
from backend.openapi import retried
from backend.params import CodeText


@dataclass
class PhotoFile:
    """A named part: a bare UploadFile body makes Litestar fail (500) on a form without a file."""

    file: UploadFile


def batch_read(row: Row) -> schemas.CodeBatchRead:
    return schemas.CodeBatchRead(id=row["id"], name=row["name"], size=row["size"], unlinked=row["unlinked"],
                                 created_at=row["created_at"])


class CodeController(Controller):
    path = "/api/codes"
    tags = ["codes"]

    @get("/{code:str}")
    async def get_code(self, db: DbDep, actor: ActorDep, code: FromPath[CodeText]) -> schemas.CodeRead:
        return await CodeService(db, actor).read(code)

    @post("/in-photo", request_max_body_size=MAX_PHOTO_BYTES, status_code=HTTP_200_OK)
    async def codes_in_photo(
        self, db: DbDep, actor: ActorDep,
        data: MultipartBody[PhotoFile],
    ) -> schemas.PhotoCodesRead:
        """Our labels pyzbar finds in an uploaded photo (the `file` part); none found is an answer, not an error."""
        texts = await anyio.to_thread.run_sync(codes_in_photo, await data.file.read())  # seconds of CPU: off the loop
        found = await CodeService(db, actor).known_codes(texts)
        return schemas.PhotoCodesRead(codes=found, readable=bool(found))


class CodeBatchController(Controller):
    path = "/api/code-batches"
    tags = ["codes"]

    @get("/")
    async def list_code_batches(self, db: DbDep, actor: ActorDep) -> list[schemas.CodeBatchRead]:
        return [batch_read(r) for r in await CodeService(db, actor).list_batches()]

    @post("/", responses=retried(schemas.CodeBatchRead))
    async def create_code_batch(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.CodeBatchCreate]
    ) -> Response[schemas.CodeBatchRead]:
        row, created = await CodeService(db, actor).create_batch(data)
        return Response(batch_read(row), status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @get("/{batch_id:uuid}/codes")
    async def list_batch_codes(self, db: DbDep, actor: ActorDep,
                               batch_id: FromPath[UUID]) -> list[schemas.BatchCodeRead]:
        rows = await CodeService(db, actor).batch_codes(batch_id)
        return [schemas.BatchCodeRead(code=r["text"], status=r["status"]) for r in rows]


class LocationCodeController(Controller):
    path = "/api/locations/{location_id:uuid}/code"
    tags = ["codes"]

    @post("/", responses=retried(schemas.CodeRead))
    async def create_location_code(
        self, db: DbDep, actor: ActorDep, location_id: FromPath[UUID]
    ) -> Response[schemas.CodeRead]:
        """The location's label code, made on first request (the same code after that)."""
        service = CodeService(db, actor)
        row, created = await service.code_for_location(location_id)
        read = await service.describe(row, row)
        return Response(read, status_code=HTTP_201_CREATED if created else HTTP_200_OK)
