"""The contract at /schema/openapi.json says what the server does: its errors, media types and bounds."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
import pytest

from backend.app import create_app
from backend.settings import Settings
from tests.factories import login
from tests.schema_cases import BASE_URL, openapi_document

pytestmark = pytest.mark.anyio
ERROR_REF = "#/components/schemas/ErrorBody"


@pytest.fixture(scope="module")
def document(database_url: str) -> dict:
    """The served document; serving it needs no database, so one app serves the whole module."""
    app = create_app(Settings(database_url=database_url, log_format="text", photo_dir=Path("/nonexistent")))

    async def fetch() -> dict:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=BASE_URL) as http:
            return await openapi_document(http)

    return asyncio.run(fetch())


def each_operation(document: dict):
    for path, item in document["paths"].items():
        for method, operation in item.items():
            if method in ("get", "put", "post", "patch", "delete"):
                yield method, path, operation


def op(document: dict, method: str, path: str) -> dict:
    return document["paths"][path][method]


class TestErrorResponses:
    async def test_every_error_response_is_the_error_body(self, document):
        errors = [(m, p, s, r) for m, p, o in each_operation(document) for s, r in o["responses"].items()
                  if s.startswith("4") and not (p == "/api/scans" and s == "422")
                  # a refused import answers its rows' errors, the same report a preview gives
                  and not (p in ("/api/admin/import", "/api/register/import") and s == "422")
                  # opened from an e-mail in a browser: a bad link answers a page, not JSON
                  and not (p == "/api/mail/unsubscribe" and s == "404")]
        assert errors
        assert [e[:3] for e in errors if e[3]["content"]["application/json"]["schema"] != {"$ref": ERROR_REF}] == []

    async def test_the_error_body_is_what_the_server_answers(self, document, client):
        body = (await client.get("/api/units")).json()
        schema = document["components"]["schemas"]["ErrorBody"]
        assert set(body) == set(schema["required"]) == {"error", "detail"}
        assert schema["additionalProperties"] is False

    async def test_a_validation_error_matches_the_error_body(self, client, ystad):
        response = await client.post("/api/session", json={"email": 5})
        assert response.status_code == 400
        assert set(response.json()) == {"error", "detail"}

    async def test_signed_in_operations_document_401_and_403(self, document):
        assert {"401", "403"} <= set(op(document, "get", "/api/units")["responses"])

    async def test_sign_in_documents_its_own_refusals_and_no_403_for_roles(self, document):
        statuses = set(op(document, "post", "/api/session")["responses"])
        assert statuses == {"201", "400", "401", "403", "413", "415", "429"}

    async def test_public_operations_without_input_document_no_errors(self, document):
        assert set(op(document, "get", "/api/version")["responses"]) == {"200"}

    async def test_path_parameters_bring_404_and_writes_409(self, document):
        assert {"404", "409", "415"} <= set(op(document, "patch", "/api/units/{unit_id}")["responses"])

    async def test_reads_without_ids_document_no_404(self, document):
        assert "404" not in op(document, "get", "/api/units")["responses"]


class TestSuccessResponses:
    async def test_labels_are_documented_as_pdf_png_and_zpl(self, document):
        content = op(document, "get", "/api/labels")["responses"]["200"]["content"]
        assert set(content) == {"application/pdf", "image/png", "text/plain"}

    async def test_a_photo_is_webp(self, document):
        content = op(document, "get", "/api/photos/{photo_id}/{size}")["responses"]["200"]["content"]
        assert set(content) == {"image/webp"}

    async def test_no_content_has_no_body(self, document):
        assert "content" not in op(document, "delete", "/api/session")["responses"]["204"]

    async def test_a_retried_create_documents_its_200(self, document):
        responses = op(document, "post", "/api/listings")["responses"]
        assert responses["200"]["content"] == responses["201"]["content"]

    async def test_a_rejected_scan_is_a_scan_result(self, document):
        schema = op(document, "post", "/api/scans")["responses"]["422"]["content"]["application/json"]["schema"]
        assert schema["$ref"].endswith("/ScanResult")

    async def test_bodies_refuse_unknown_fields_as_the_server_does(self, document):
        assert document["components"]["schemas"]["ListingCreate"]["additionalProperties"] is False


class TestParameters:
    async def test_search_paging_has_bounds(self, document):
        params = {p["name"]: p["schema"] for p in op(document, "get", "/api/listings")["parameters"]}
        assert (params["page"]["minimum"], params["page"]["maximum"]) == (1, 1000)
        assert (params["per_page"]["minimum"], params["per_page"]["maximum"]) == (1, 100)

    async def test_a_page_past_the_bound_is_refused(self, client, ystad):
        await login(client, ystad.employee_email)
        assert (await client.get("/api/listings?per_page=101")).status_code == 400

    async def test_photo_size_is_an_enum(self, document):
        params = {p["name"]: p["schema"] for p in op(document, "get", "/api/photos/{photo_id}/{size}")["parameters"]}
        assert set(params["size"]["enum"]) == {"display", "thumb"}
