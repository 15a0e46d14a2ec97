"""Media types: a JSON endpoint refuses a body of any other type with a 415 that says what it takes."""

from __future__ import annotations

import json

import pytest

from backend.catalog.tables import Listing
from tests.backend.catalog.helpers import listing_body
from tests.factories import login

pytestmark = pytest.mark.anyio


class TestJsonBodies:
    @pytest.mark.parametrize("content_type", ["text/plain", "application/xml", "image/png", None,
                                              "multipart/form-data; boundary=b"])
    async def test_a_listing_sent_as_another_type_is_a_415(self, client, ystad, content_type):
        await login(client, ystad.employee_email)
        headers = {"Content-Type": content_type} if content_type else {}
        body = json.dumps(listing_body("Stol")).encode()
        response = await client.post("/api/listings", content=body, headers=headers)
        assert response.status_code == 415, response.text
        assert response.json() == {"error": "unsupported_media_type",
                                   "detail": "Send this as JSON, with Content-Type: application/json."}
        assert await Listing.count() == 0

    async def test_json_with_a_charset_is_taken(self, client, ystad):
        await login(client, ystad.employee_email)
        response = await client.post("/api/listings", content=json.dumps(listing_body("Stol")).encode(),
                                     headers={"Content-Type": "application/json; charset=utf-8"})
        assert response.status_code == 201

    async def test_a_request_without_a_body_is_not_a_media_type_question(self, client, ystad):
        await login(client, ystad.employee_email)
        response = await client.post("/api/listings")
        assert response.status_code == 400
