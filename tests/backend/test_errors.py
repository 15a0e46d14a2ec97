"""Hostile and malformed input: always a 4xx with the one error shape, never a 500."""

from __future__ import annotations

import json

import pytest

from backend.accounts.tables import Unit
from tests.factories import login

pytestmark = pytest.mark.anyio

HOSTILE_NAMES = [
    "Robert'); DROP TABLE unit;--",
    "' OR '1'='1",
    "<script>alert(1)</script>",
    "Ærø ÅÄÖ åäö ß ﬁ",
    "\u202eRTL override",
    "e\u0301\u0301\u0301 combining",
    "👩🏽‍🚒 emoji",
    "x" * 200,
]


def assert_error_shape(response, status: int) -> None:
    assert response.status_code == status, response.text
    body = response.json()
    assert set(body) == {"error", "detail"} and body["detail"]


class TestMalformedBodies:
    async def test_malformed_json_is_a_400(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.post("/api/units", content=b'{"name": "x"',
                                     headers={"content-type": "application/json"})
        assert_error_shape(response, 400)

    async def test_wrong_type_is_a_400_naming_the_field(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.post("/api/units", json={"name": 42})
        assert_error_shape(response, 400)
        assert "name" in response.json()["detail"]

    async def test_unknown_field_is_a_400(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.post("/api/units", json={"name": "Ok", "is_admin": True})
        assert_error_shape(response, 400)
        assert "is_admin" in response.json()["detail"]

    async def test_ten_megabyte_body_is_a_413(self, client, ystad):
        await login(client, ystad.admin_email)
        response = await client.post("/api/units", content=b'{"name": "' + b"a" * 10_000_000 + b'"}',
                                     headers={"content-type": "application/json"})
        assert_error_shape(response, 413)

    async def test_json_array_instead_of_object_is_a_400(self, client, ystad):
        await login(client, ystad.admin_email)
        assert_error_shape(await client.post("/api/units", json=["name"]), 400)

    async def test_deeply_nested_json_is_a_400(self, client, ystad):
        await login(client, ystad.admin_email)
        deep = "[" * 5000 + "]" * 5000
        response = await client.post("/api/units", content=deep.encode(), headers={"content-type": "application/json"})
        assert_error_shape(response, 400)

    async def test_too_long_name_is_a_400(self, client, ystad):
        await login(client, ystad.admin_email)
        assert_error_shape(await client.post("/api/units", json={"name": "x" * 201}), 400)

    async def test_empty_name_is_a_400(self, client, ystad):
        await login(client, ystad.admin_email)
        assert_error_shape(await client.post("/api/units", json={"name": ""}), 400)

    async def test_nul_and_control_characters_are_a_400(self, client, ystad):
        await login(client, ystad.admin_email)
        for name in ["nul\x00byte", "bell\x07", "line\nbreak"]:
            assert_error_shape(await client.post("/api/units", json={"name": name}), 400)

    async def test_lone_surrogate_is_a_400(self, client, ystad):
        await login(client, ystad.admin_email)
        raw = b'{"name": "half \\ud800 pair"}'
        response = await client.post("/api/units", content=raw, headers={"content-type": "application/json"})
        assert_error_shape(response, 400)

    async def test_invalid_utf8_is_a_400(self, client, ystad):
        await login(client, ystad.admin_email)
        raw = b'{"name": "\xff\xfe"}'
        response = await client.post("/api/units", content=raw, headers={"content-type": "application/json"})
        assert_error_shape(response, 400)

    async def test_malformed_login_is_a_400_not_a_500(self, client):
        for body in [b"", b"null", b'{"email": null, "password": "x"}',
                     b'{"email": "a", "password": ' + b'"x"' * 3 + b"}"]:
            response = await client.post("/api/session", content=body, headers={"content-type": "application/json"})
            assert 400 <= response.status_code < 500, (body, response.text)


class TestHostileStrings:
    @pytest.mark.parametrize("name", HOSTILE_NAMES)
    async def test_hostile_names_are_stored_verbatim_and_harm_nothing(self, client, ystad, name):
        await login(client, ystad.admin_email)
        response = await client.post("/api/units", json={"name": name})
        assert response.status_code == 201, response.text
        assert response.json()["name"] == name
        assert await Unit.count() == 3

    async def test_sqlish_login_is_just_a_wrong_login(self, client, ystad):
        response = await client.post("/api/session", json={"email": "' OR 1=1 --", "password": "' OR '1'='1"})
        assert_error_shape(response, 401)

    async def test_malformed_ids_in_paths_are_404(self, client, ystad):
        await login(client, ystad.admin_email)
        for path in ["/api/units/not-a-uuid", "/api/units/' OR 1=1", "/api/users/%00"]:
            response = await client.get(path)
            assert response.status_code == 404, path
            assert json.loads(response.text)["error"] == "not_found"

    async def test_unknown_api_path_is_a_json_404(self, client):
        response = await client.get("/api/no-such-thing")
        assert_error_shape(response, 404)

    async def test_wrong_method_is_a_405(self, client, ystad):
        await login(client, ystad.admin_email)
        assert_error_shape(await client.put("/api/units"), 405)
