"""Password hashing: production's Argon2 parameters, and the cheap choice only test suites make."""

from __future__ import annotations

from dataclasses import replace

import pytest
from argon2 import extract_parameters

from backend.accounts.passwords import hash_password, verify_password
from backend.accounts.tables import User
from backend.app import create_app
from backend.settings import Settings
from tests.clients import app_client
from tests.factories import login


def assert_standard(password_hash: str) -> None:
    """argon2-cffi's recommended Argon2id parameters (RFC 9106, low memory)."""
    parameters = extract_parameters(password_hash)
    assert (parameters.type.name, parameters.time_cost, parameters.memory_cost, parameters.parallelism) == (
        "ID", 3, 65536, 4)


class TestHashing:
    def test_the_default_hash_has_the_recommended_parameters(self):
        assert_standard(hash_password("long enough secret"))

    def test_a_minimal_hash_is_cheap_and_still_verifies(self):
        password_hash = hash_password("long enough secret", "minimal")
        assert extract_parameters(password_hash).memory_cost == 8
        assert verify_password(password_hash, "long enough secret")
        assert not verify_password(password_hash, "wrong secret")


class TestSettings:
    def test_standard_hashing_is_the_default_and_the_environment_cannot_change_it(self):
        assert Settings().password_hashing == "standard"
        assert Settings.from_env({"DELBAR_PASSWORD_HASHING": "minimal"}).password_hashing == "standard"

    @pytest.mark.anyio
    async def test_a_user_created_with_default_settings_gets_a_standard_hash(self, settings, ystad):
        async with app_client(create_app(replace(settings, password_hashing="standard"))) as client:
            await login(client, ystad.admin_email)
            body = {"email": "ny@ystad.test", "name": "Ny Person", "unit_id": str(ystad.ame_unit),
                    "roles": ["driver"], "password": "long enough secret"}
            assert (await client.post("/api/users", json=body)).status_code == 201
            row = await User.select(User.password_hash).where(User.email == "ny@ystad.test").first()
        assert_standard(row["password_hash"])
