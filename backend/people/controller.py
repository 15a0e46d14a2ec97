"""HTTP for importing people and units from an HR system's CSV file: preview, then import."""

from __future__ import annotations

from dataclasses import dataclass

from litestar import Controller, Response, post
from litestar.datastructures import UploadFile
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import MultipartBody
from litestar.status_codes import HTTP_200_OK, HTTP_422_UNPROCESSABLE_ENTITY

from backend.deps import ActorDep, DbDep, SettingsDep
from backend.errors import Invalid
from backend.people import hr_csv, schemas
from backend.people.service import PeopleImport

# The file may be 2 MB; the multipart envelope around it gets a little room of its own.
BODY_LIMIT = hr_csv.MAX_BYTES + 64 * 1024
FILE_RULES = (f"Send the file as the `file` part of a multipart form: CSV, UTF-8 (with or without a byte "
              f"order mark), separated by `;`, `,` or tabs, at most {hr_csv.MAX_BYTES // (1024 * 1024)} MB and "
              f"{hr_csv.MAX_ROWS} rows after the header. Columns (Swedish or English names): e-post/email "
              "(required), namn/name, enhet/unit, roller/roles, språk/language; others are ignored. "
              "A larger body answers 413; a file that cannot be read answers 400 with the reason. Admins only.")
REFUSED = {HTTP_422_UNPROCESSABLE_ENTITY: ResponseSpec(
    data_container=schemas.ImportReport,
    description="Refused: some rows have errors (each row says which); nothing was imported.")}


@dataclass
class ImportFile:
    """A named part: a bare UploadFile body makes Litestar fail (500) on a form without a file."""

    file: UploadFile


async def _read(data: ImportFile) -> bytes:
    if not isinstance(data.file, UploadFile):
        raise Invalid("Send the CSV file as the `file` part of a multipart form.", error="no_file")
    return await data.file.read()


class PeopleImportController(Controller):
    path = "/api/admin/import"
    tags = ["accounts"]

    @post("/preview", request_max_body_size=BODY_LIMIT, status_code=HTTP_200_OK, description=FILE_RULES,
          raises=[Invalid])
    async def preview_people_import(self, db: DbDep, actor: ActorDep, settings: SettingsDep,
                                    data: MultipartBody[ImportFile]) -> schemas.ImportReport:
        """What importing the file would do, row by row: new person, changed fields, unchanged, errors."""
        importer = PeopleImport(db, actor, password_hashing=settings.password_hashing)
        return await importer.preview(await _read(data))

    @post("/", request_max_body_size=BODY_LIMIT, status_code=HTTP_200_OK, description=FILE_RULES,
          raises=[Invalid], responses=REFUSED)
    async def import_people(self, db: DbDep, actor: ActorDep, settings: SettingsDep,
                            data: MultipartBody[ImportFile]) -> Response[schemas.ImportReport]:
        """Import the file, all or nothing: creates units and people (invited by e-mail), updates known people."""
        importer = PeopleImport(db, actor, password_hashing=settings.password_hashing)
        report = await importer.apply(await _read(data))
        return Response(report, status_code=HTTP_200_OK if report.applied else HTTP_422_UNPROCESSABLE_ENTITY)
