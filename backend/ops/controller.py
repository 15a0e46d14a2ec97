"""Operations endpoints: health (liveness and readiness), the running version, and metrics."""

from __future__ import annotations

import hmac
from importlib.metadata import PackageNotFoundError, version
from typing import Annotated

from litestar import Response, get
from litestar.openapi import ResponseSpec
from litestar.params import HeaderParameter
from litestar.status_codes import HTTP_200_OK, HTTP_401_UNAUTHORIZED, HTTP_404_NOT_FOUND, HTTP_503_SERVICE_UNAVAILABLE
from prometheus_client import CONTENT_TYPE_LATEST

from backend.deps import DbDep, SettingsDep
from backend.errors import ErrorBody, NotAuthenticated, NotFound
from backend.openapi import MEDIA_TYPES
from backend.ops.metrics import scrape
from backend.schemas import Schema
from backend.security import PUBLIC


class HealthRead(Schema, kw_only=True):
    status: str
    database: str


class LiveRead(Schema, kw_only=True):
    status: str


class VersionRead(Schema, kw_only=True):
    name: str
    version: str


def app_version() -> str:
    try:
        return version("delbar")
    except PackageNotFoundError:
        return "0.0.0+unknown"


UNREACHABLE = {HTTP_503_SERVICE_UNAVAILABLE: ResponseSpec(HealthRead, description="The database does not answer.")}


async def _database_health(db: DbDep) -> Response[HealthRead]:
    try:
        ok = await db.ping()
    except Exception:  # Any database failure means "not healthy", reported as 503
        ok = False
    status = HTTP_200_OK if ok else HTTP_503_SERVICE_UNAVAILABLE
    return Response(HealthRead(status="ok" if ok else "unavailable", database="ok" if ok else "unreachable"),
                    status_code=status, headers={"Cache-Control": "no-store"})


@get("/health", opt={PUBLIC: True}, tags=["ops"], cache_control=None, responses=UNREACHABLE)
async def health(db: DbDep) -> Response[HealthRead]:
    """Answer 200 only when the database answers too."""
    return await _database_health(db)


@get("/health/ready", opt={PUBLIC: True}, tags=["ops"], cache_control=None, responses=UNREACHABLE)
async def ready(db: DbDep) -> Response[HealthRead]:
    """Readiness: 200 when this process can serve, i.e. the database answers; 503 otherwise."""
    return await _database_health(db)


@get("/health/live", opt={PUBLIC: True}, tags=["ops"], cache_control=None,
     response_description="The process answers.")
async def live() -> Response[LiveRead]:
    """Liveness: the process answers, whatever the database does (restart it only when this fails)."""
    return Response(LiveRead(status="ok"), headers={"Cache-Control": "no-store"})


@get("/api/version", opt={PUBLIC: True}, tags=["ops"])
async def get_version() -> VersionRead:
    return VersionRead(name="delbar", version=app_version())


@get("/metrics", opt={PUBLIC: True, MEDIA_TYPES: [CONTENT_TYPE_LATEST]}, tags=["ops"], cache_control=None,
     response_description="Prometheus text format: requests and latency per route, outboxes, scan verdicts, "
                          "the database pool.",
     responses={
         HTTP_401_UNAUTHORIZED: ResponseSpec(ErrorBody, description="No bearer token, or not the metrics token."),
         HTTP_404_NOT_FOUND: ResponseSpec(ErrorBody, description="Metrics are off: DELBAR_METRICS_TOKEN is not set."),
     })
async def metrics(db: DbDep, settings: SettingsDep,
                  authorization: Annotated[str | None, HeaderParameter(name="Authorization", required=False,
                                                                       max_length=1000)] = None) -> Response[bytes]:
    """Prometheus text format for operators: only with `Authorization: Bearer <DELBAR_METRICS_TOKEN>`."""
    if not settings.metrics_token:
        raise NotFound("Metrics are off on this server.")
    given = (authorization or "").removeprefix("Bearer ").encode()
    if not authorization or not authorization.startswith("Bearer ") or not hmac.compare_digest(
            given, settings.metrics_token.encode()):
        raise NotAuthenticated("The metrics need the operator's bearer token.")
    body = await scrape(db, settings.metrics_multiprocess_dir)
    return Response(body, media_type=CONTENT_TYPE_LATEST, headers={"Cache-Control": "no-store"})


route_handlers = [health, live, ready, get_version, metrics]
