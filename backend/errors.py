"""The project's errors and the one place that renders every error as {"error", "detail"}."""

from __future__ import annotations

import logging

import msgspec
from litestar import Request, Response
from litestar.exceptions import ClientException, HTTPException, ValidationException
from litestar.status_codes import HTTP_500_INTERNAL_SERVER_ERROR

log = logging.getLogger("delbar.errors")


class DelbarError(Exception):
    """A failure a client can act on; services raise these, never HTTP types."""

    status_code = 400
    error = "invalid"

    def __init__(self, detail: str, *, error: str | None = None) -> None:
        super().__init__(detail)
        self.detail = detail
        if error:
            self.error = error


class Invalid(DelbarError):
    status_code, error = 400, "invalid"


class NotAuthenticated(DelbarError):
    status_code, error = 401, "not_authenticated"


class Forbidden(DelbarError):
    status_code, error = 403, "forbidden"


class NotFound(DelbarError):
    status_code, error = 404, "not_found"


class Conflict(DelbarError):
    status_code, error = 409, "conflict"


class Unprocessable(DelbarError):
    """Well-formed, but the content cannot be used as it is (an empty or too long message)."""

    status_code, error = 422, "unprocessable"


class RateLimited(DelbarError):
    status_code, error = 429, "rate_limited"

    def __init__(self, detail: str, *, retry_after: int) -> None:
        super().__init__(detail)
        self.retry_after = retry_after


class ErrorBody(msgspec.Struct, kw_only=True, forbid_unknown_fields=True):
    """Every error the app answers: a stable code for programs and a sentence for people."""

    error: str
    detail: str


_CODES_BY_STATUS = {
    400: "bad_request",
    401: "not_authenticated",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    409: "conflict",
    413: "too_large",
    415: "unsupported_media_type",
    429: "rate_limited",
}


_READABLE = {
    405: "This method is not allowed on this address.",
    413: "The request body is larger than this endpoint accepts.",
}


def _json(status: int, error: str, detail: str, headers: dict[str, str] | None = None) -> Response:
    return Response(ErrorBody(error=error, detail=detail), status_code=status, headers=headers)


def delbar_error_handler(_: Request, exc: DelbarError) -> Response:
    retry_after = getattr(exc, "retry_after", None)  # rate limits; a service that is down for a while
    headers = {"Retry-After": str(retry_after)} if retry_after is not None else None
    return _json(exc.status_code, exc.error, exc.detail, headers)


def validation_error_handler(_: Request, exc: ValidationException) -> Response:
    """Turn Litestar's validation failures into one readable sentence."""
    reasons = []
    for item in exc.extra if isinstance(exc.extra, list) else []:
        if isinstance(item, dict):
            where = item.get("key") or item.get("source") or ""
            reasons.append(f"{item.get('message', '')} ({where})" if where else str(item.get("message", "")))
    detail = "; ".join(r for r in reasons if r) or str(exc.detail)
    return _json(400, "invalid_request", detail)


def http_error_handler(_: Request, exc: HTTPException) -> Response:
    if exc.status_code >= 500:
        log.error("HTTP %s: %s", exc.status_code, exc.detail, exc_info=exc)
        return _json(exc.status_code, "internal_error", "Something went wrong on our side; it has been logged.")
    error = _CODES_BY_STATUS.get(exc.status_code, "bad_request")
    detail = _READABLE.get(exc.status_code, str(exc.detail))
    return _json(exc.status_code, error, detail, exc.headers)


def internal_error_handler(_: Request, exc: Exception) -> Response:
    log.exception("Unhandled error", exc_info=exc)
    return _json(HTTP_500_INTERNAL_SERVER_ERROR, "internal_error",
                 "Something went wrong on our side; it has been logged.")


EXCEPTION_HANDLERS = {
    DelbarError: delbar_error_handler,
    ValidationException: validation_error_handler,
    HTTPException: http_error_handler,
    Exception: internal_error_handler,
}


class DelbarRequest(Request):
    """A Request whose JSON decoding turns undecodable bodies into 400s instead of 500s."""

    async def json(self):  # type: ignore[override]
        try:
            return await super().json()
        except UnicodeDecodeError as exc:
            raise ClientException("The body is not valid UTF-8.") from exc
        except RecursionError as exc:
            raise ClientException("The JSON body is nested too deeply.") from exc
