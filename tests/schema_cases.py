"""The app's own OpenAPI document as schemathesis sees it, and its cases sent through httpx."""

from __future__ import annotations

from typing import Any

import httpx
import requests
import schemathesis
from schemathesis.generation.case import Case

BASE_URL = "http://testserver.local"


async def openapi_document(client: httpx.AsyncClient) -> dict[str, Any]:
    """The contract clients are generated from: what /schema/openapi.json serves."""
    response = await client.get("/schema/openapi.json")
    assert response.status_code == 200, response.text
    return response.json()


def load_schema(document: dict[str, Any]) -> Any:
    return schemathesis.openapi.from_dict(document)


def operations(schema: Any) -> list[Any]:
    return [result.ok() for result in schema.get_all_operations()]


def request_args(case: Case) -> dict[str, Any]:
    """The request a case describes, encoded once by requests (JSON, multipart, raw bytes) for httpx."""
    kwargs = case.as_transport_kwargs(base_url=BASE_URL)
    prepared = requests.Request(
        method=kwargs["method"], url=kwargs["url"], headers=kwargs.get("headers"), params=kwargs.get("params"),
        data=kwargs.get("data"), json=kwargs.get("json"), files=kwargs.get("files"),
    ).prepare()
    body = prepared.body.encode() if isinstance(prepared.body, str) else prepared.body
    return {"method": prepared.method, "url": prepared.url, "headers": dict(prepared.headers), "content": body}


async def send(client: httpx.AsyncClient, case: Case, headers: dict[str, str] | None = None) -> httpx.Response:
    args = request_args(case)
    args["headers"] = {**(headers or {}), **args["headers"]}
    return await client.request(**args)
