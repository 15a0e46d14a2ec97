"""The OpenAPI contract at /schema/openapi.json, finished in one place from what the server really does.

Litestar documents each handler's success body and its own error body; the app answers errors as
`ErrorBody` (backend/errors.py). `finish()` rewrites every operation's error responses from rules
that hold for every handler (a new endpoint is documented the day it is added) and applies what
handlers declare about themselves: `responses=` (other success statuses), `raises=` (errors the
rules cannot see) and `opt={MEDIA_TYPES: …}` (a body in several media types).
"""

from __future__ import annotations

from typing import Any

import msgspec
from litestar import Litestar, Request
from litestar.openapi import ResponseSpec
from litestar.openapi.plugins import JsonRenderPlugin
from litestar.routes import HTTPRoute

from backend.errors import ErrorBody
from backend.security import PUBLIC

# Handler opt key: the media types one success status is served in (e.g. labels: PDF, PNG, ZPL).
MEDIA_TYPES = "media_types"
METHODS = ("get", "put", "post", "delete", "patch")
ERROR_REF = {"$ref": "#/components/schemas/ErrorBody"}
DESCRIPTIONS = {
    400: "The request is malformed or breaks a rule (`error` says which).",
    401: "Not signed in, or the session has ended.",
    403: "The signed-in user lacks a role this needs, or a write came without its CSRF token (X-CSRF-Token).",
    404: "No such object in the signed-in user's municipality.",
    409: "It conflicts with the current state: a stale version, a taken name or id, a wrong status.",
    413: "The request body is larger than this endpoint accepts.",
    415: "The request body is not in a media type this endpoint accepts.",
    422: "Well-formed, but the content cannot be used (`detail` says why).",
    429: "Too many attempts; wait for Retry-After seconds.",
    503: "A service this needs (the photo store) cannot be reached right now; nothing was changed. Try again later.",
}


def retried(read: type) -> dict[int, ResponseSpec]:
    """The 200 of an idempotent create: a retried request gets the object it made the first time."""
    return {200: ResponseSpec(data_container=read, description="A retry: the object this request made before.")}


class ContractJson(JsonRenderPlugin):
    """Serves the schema as JSON after finishing it once for this app."""

    def __init__(self) -> None:
        super().__init__()
        self._finished: dict[str, Any] | None = None

    def render(self, request: Request, openapi_schema: dict[str, Any]) -> bytes:
        if self._finished is not openapi_schema:
            finish(openapi_schema, request.app)
            self._finished = openapi_schema
        return super().render(request, openapi_schema)


def finish(doc: dict[str, Any], app: Litestar) -> None:
    """Give every operation its real success media types and its error responses as ErrorBody."""
    components = doc.setdefault("components", {}).setdefault("schemas", {})
    _, defs = msgspec.json.schema_components([ErrorBody], ref_template="#/components/schemas/{name}")
    components.update(defs)
    for schema in components.values():
        if "properties" in schema:
            schema.setdefault("additionalProperties", False)  # every API Struct forbids unknown fields
    handlers = {(route.path_format or "/", method.lower()): handler
                for route in app.routes if isinstance(route, HTTPRoute)
                for handler in route.route_handlers for method in handler.http_methods}
    for path, item in doc.get("paths", {}).items():
        for method, operation in item.items():
            if method in METHODS:
                _finish_operation(operation, handlers[(path, method)], method, components)


def _finish_operation(operation: dict[str, Any], handler: Any, method: str, components: dict[str, Any]) -> None:
    responses = operation.setdefault("responses", {})
    for status, response in responses.items():
        if status == "204":
            response.pop("content", None)
        elif status.startswith("2") and handler.opt.get(MEDIA_TYPES):
            response["content"] = {media: {"schema": {"type": "string"}} for media in handler.opt[MEDIA_TYPES]}
    declared = {str(status) for status in (handler.responses or {})}
    for status in [s for s in responses if s.startswith(("4", "5")) and s not in declared]:
        del responses[status]
    for status in sorted(error_statuses(operation, handler, method, components)):
        if str(status) not in declared:
            responses[str(status)] = {"description": DESCRIPTIONS.get(status, "An error."),
                                      "content": {"application/json": {"schema": ERROR_REF}}}


def error_statuses(operation: dict[str, Any], handler: Any, method: str, components: dict[str, Any]) -> set[int]:
    """The error statuses this operation can answer, by rules every handler follows."""
    parameters = operation.get("parameters", [])
    body = operation.get("requestBody")
    statuses = {getattr(exc, "status_code", 400) for exc in handler.raises or ()}
    if parameters or body:
        statuses.add(400)
    if not handler.opt.get(PUBLIC):
        statuses |= {401, 403}
        if method != "get" and (body or parameters):
            statuses.add(409)  # versions, client ids, unique names and status steps are checked on writes
    if any(p.get("in") == "path" for p in parameters) or _names_an_id(operation, components):
        statuses.add(404)
    if body:
        statuses |= {413, 415}
    return statuses


def _names_an_id(operation: dict[str, Any], components: dict[str, Any]) -> bool:
    """Whether a query parameter or the body carries an object's id (one not ours answers 404)."""
    schemas = [p.get("schema", {}) for p in operation.get("parameters", []) if p.get("in") == "query"]
    body = operation.get("requestBody", {}).get("content", {})
    schemas += [media.get("schema", {}) for media in body.values()]
    return any(_has_uuid(s, components, set()) for s in schemas)


def _has_uuid(schema: Any, components: dict[str, Any], seen: set[str]) -> bool:
    if isinstance(schema, list):
        return any(_has_uuid(s, components, seen) for s in schema)
    if not isinstance(schema, dict):
        return False
    if schema.get("format") == "uuid":
        return True
    ref = schema.get("$ref", "")
    if ref:
        name = ref.rsplit("/", 1)[-1]
        if name in seen:
            return False
        seen.add(name)
        return _has_uuid(components.get(name, {}), components, seen)
    properties = schema.get("properties", {})
    # A client-made "id" names the new object itself, never an existing one.
    if any(_has_uuid(v, components, seen) for k, v in properties.items() if k != "id"):
        return True
    return any(_has_uuid(v, components, seen) for k, v in schema.items() if k not in ("examples", "properties"))
