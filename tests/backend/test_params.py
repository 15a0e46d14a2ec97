"""Query and path parameters: every bound and format is checked before a handler runs and documented."""

from __future__ import annotations

import msgspec
import pytest
from litestar.params import BodyKwarg, DependencyKwarg

from tests.factories import login, make_user

pytestmark = pytest.mark.anyio

ALL_ROLES = ("employee", "warehouse", "driver", "coordinator", "admin", "reporter")
# Litestar's own schema route and the app shell's file route (the shell answers 404 to anything unknown).
UNBOUNDED = {("/schema/{path:str}", "path"), ("/{path:path}", "path"), ("/", "path")}
RESERVED = {"request", "state", "scope", "headers", "cookies", "query", "data", "socket", "body"}


def _core(info: msgspec.inspect.Type) -> list[msgspec.inspect.Type]:
    """The types a parameter decodes to, without None and metadata wrappers."""
    if isinstance(info, msgspec.inspect.Metadata):
        return _core(info.type)
    if isinstance(info, msgspec.inspect.UnionType):
        return [t for member in info.types for t in _core(member)]
    return [] if isinstance(info, msgspec.inspect.NoneType) else [info]


def _unchecked(info: msgspec.inspect.Type) -> bool:
    if isinstance(info, msgspec.inspect.IntType | msgspec.inspect.FloatType):
        return (info.ge is None and info.gt is None) or (info.le is None and info.lt is None)
    if isinstance(info, msgspec.inspect.StrType):
        return info.max_length is None and info.pattern is None
    if isinstance(info, msgspec.inspect.ListType):
        return info.max_length is None or any(_unchecked(t) for t in _core(info.item_type))
    return False


def _parameters(app):
    """(path, name, the enforced msgspec type) of every query and path parameter of every route."""
    for route in app.routes:
        for handler in getattr(route, "route_handlers", []):
            enforced = {f.name: f.type for f in msgspec.inspect.type_info(handler.signature_model).fields}
            for name, field in handler.parsed_fn_signature.parameters.items():
                kwarg = field.kwarg_definition
                if name in RESERVED or isinstance(kwarg, DependencyKwarg | BodyKwarg) or name in app.dependencies:
                    continue
                if getattr(kwarg, "header", None) or getattr(kwarg, "cookie", None):
                    continue
                yield route.path, name, enforced[name]


class TestEveryParameterIsBounded:
    def test_every_number_string_and_list_parameter_has_enforced_bounds(self, app):
        missing = [(path, name) for path, name, info in _parameters(app)
                   if (path, name) not in UNBOUNDED and any(_unchecked(t) for t in _core(info))]
        assert missing == []

    async def test_the_openapi_shows_every_bound(self, client):
        spec = (await client.get("/schema/openapi.json")).json()
        missing = [(method, path, parameter["name"]) for path, operations in spec["paths"].items()
                   for method, operation in operations.items() for parameter in operation.get("parameters", [])
                   if parameter["in"] in ("query", "path") and not _documented(parameter["schema"])]
        assert missing == []


def _documented(schema: dict) -> bool:
    """Whether an OpenAPI parameter schema shows its bounds or its format (on itself or on a oneOf member)."""
    outer = {key: value for key, value in schema.items() if key != "oneOf"}
    members = [{**outer, **member} for member in schema.get("oneOf", [{}])]
    return all(_shown(member) for member in members if member.get("type") != "null")


def _shown(schema: dict) -> bool:
    kinds = schema.get("type")
    kind = next((k for k in kinds if k != "null"), None) if isinstance(kinds, list) else kinds
    if kind in ("integer", "number"):
        return "minimum" in schema and "maximum" in schema
    if kind == "string":
        return any(key in schema for key in ("pattern", "maxLength", "enum", "const", "format"))
    if kind == "array":
        return "maxItems" in schema and _documented(schema.get("items", {}))
    return kind == "boolean"


class TestOutOfBounds:
    @pytest.mark.parametrize(("url", "name"), [
        ("/api/workqueue?stale_days=1000000000", "stale_days"),
        ("/api/workqueue?stale_days=0", "stale_days"),
        ("/api/notifications?limit=-1", "limit"),
        ("/api/notifications?limit=0", "limit"),
        ("/api/notifications?limit=1000", "limit"),
        ("/api/notifications?before=100000000000000000000", "before"),
        ("/api/notifications?before=0", "before"),
        ("/api/impact/report?from_month=0", "from_month"),
        ("/api/impact/report?from_month=0001-01", "from_month"),
        ("/api/impact/report?to_month=juni", "to_month"),
        ("/api/impact/report/csv?from_month=2026-13", "from_month"),
        ("/api/billing/periods/9999-99", "month"),
        ("/api/billing/periods/0001-01/basis.csv", "month"),
        ("/api/listings?page=0", "page"),
        ("/api/listings?per_page=101", "per_page"),
        ("/api/transport-jobs?day=9999-12-31", "day"),
        ("/api/listings/00000000-0000-0000-0000-000000000000/availability?start=9999-12-31", "start"),
    ])
    async def test_a_value_out_of_bounds_is_a_400_that_names_the_parameter(self, client, ystad, url, name):
        await make_user(ystad.id, ystad.ame_unit, "alla@ystad.test", *ALL_ROLES)
        await login(client, "alla@ystad.test")
        response = await client.get(url)
        assert response.status_code == 400, response.text
        assert response.json()["error"] == "invalid_request" and f"({name})" in response.json()["detail"]


class TestUploads:
    def test_no_handler_takes_a_bare_file_as_its_body(self, app):
        """A bare UploadFile body fails inside Litestar (500) on a form without a file: name the part."""
        from litestar.datastructures import UploadFile

        bare = [route.path for route in app.routes for handler in getattr(route, "route_handlers", [])
                if (data := handler.parsed_fn_signature.parameters.get("data")) and data.annotation is UploadFile]
        assert bare == []
