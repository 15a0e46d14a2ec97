"""Operations endpoints: liveness with a database check, and the running version."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from litestar import Response, get
from litestar.openapi import ResponseSpec
from litestar.status_codes import HTTP_200_OK, HTTP_503_SERVICE_UNAVAILABLE

from backend.deps import DbDep
from backend.schemas import Schema
from backend.security import PUBLIC


class HealthRead(Schema, kw_only=True):
    status: str
    database: str


class VersionRead(Schema, kw_only=True):
    name: str
    version: str


def app_version() -> str:
    try:
        return version("delbar")
    except PackageNotFoundError:
        return "0.0.0+unknown"


@get("/health", opt={PUBLIC: True}, tags=["ops"], cache_control=None,
     responses={HTTP_503_SERVICE_UNAVAILABLE: ResponseSpec(HealthRead, description="The database does not answer.")})
async def health(db: DbDep) -> Response[HealthRead]:
    """Answer 200 only when the database answers too."""
    try:
        ok = await db.ping()
    except Exception:  # Any database failure means "not healthy", reported as 503
        ok = False
    status = HTTP_200_OK if ok else HTTP_503_SERVICE_UNAVAILABLE
    return Response(HealthRead(status="ok" if ok else "unavailable", database="ok" if ok else "unreachable"),
                    status_code=status, headers={"Cache-Control": "no-store"})


@get("/api/version", opt={PUBLIC: True}, tags=["ops"])
async def get_version() -> VersionRead:
    return VersionRead(name="delbar", version=app_version())


route_handlers = [health, get_version]
