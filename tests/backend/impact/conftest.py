"""Impact fixtures: the seeded categories and national factors, which emptying the tables removed."""

from __future__ import annotations

import pytest

from backend.catalog import categories
from backend.impact import factors


@pytest.fixture
async def seeded(client) -> None:
    await categories.seed()
    await factors.seed()


async def signed_in(client, tenant, role: str):
    """Sign the client in as a new user of `tenant` holding only `role`."""
    from tests.factories import login, make_user

    email = f"{role}-{tenant.id.hex[:6]}@test.se"
    await make_user(tenant.id, tenant.ame_unit, email, role)
    await login(client, email)
    return client
