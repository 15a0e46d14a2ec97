"""The one check of request media types: a JSON endpoint takes a body only as application/json.

Litestar decodes a JSON body whatever Content-Type it came with (text/plain, image/png, none).
Run before any handler (an app-wide before_request hook); endpoints declared multipart are
left to Litestar, which reads them as forms. A request without a body is not checked here.
"""

from __future__ import annotations

from functools import cache

from litestar import Request
from litestar.enums import RequestEncodingType
from litestar.exceptions import HTTPException
from litestar.handlers import HTTPRouteHandler
from litestar.status_codes import HTTP_415_UNSUPPORTED_MEDIA_TYPE

NOT_JSON = "Send this as JSON, with Content-Type: application/json."


@cache
def _takes_json(handler: HTTPRouteHandler) -> bool:
    data = handler.parsed_fn_signature.parameters.get("data")
    if data is None:
        return False
    media_type = getattr(data.kwarg_definition, "media_type", None)
    return media_type in (None, RequestEncodingType.JSON)


def _has_body(request: Request) -> bool:
    length = request.headers.get("content-length")
    return bool(length and length.strip() != "0") or "transfer-encoding" in request.headers


async def require_json_body(request: Request) -> None:
    """before_request: 415 for a body that is not JSON sent to an endpoint that takes JSON."""
    if not _takes_json(request.route_handler) or not _has_body(request):
        return
    if request.content_type[0].lower() != "application/json":
        raise HTTPException(status_code=HTTP_415_UNSUPPORTED_MEDIA_TYPE, detail=NOT_JSON)
