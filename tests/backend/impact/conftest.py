"""Impact fixtures: the seeded categories and national factors, which emptying the tables removed."""

from __future__ import annotations

import pytest

from backend.catalog import categories
from backend.impact import factors


@pytest.fixture
async def seeded(client) -> None:
    await categories.seed()
    await factors.seed()
