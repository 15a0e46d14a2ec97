"""Two municipalities in one network, an Ystad listing and people on both sides."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

import pytest

from tests.backend.bookings.helpers import make_listing
from tests.factories import login, make_network, make_user


@dataclass
class World:
    listing: UUID
    items: list[UUID]
    requester: object
    approver: object
    coordinator_email: str
    driver: UUID
    driver_email: str


@pytest.fixture
async def world(ystad, skurup) -> World:
    await make_network("Sydkust", ystad.id, skurup.id)
    coordinator_email, driver_email = "samordnare@ystad.test", "chauffor@ystad.test"
    await make_user(ystad.id, ystad.ame_unit, coordinator_email, "coordinator")
    driver = await make_user(ystad.id, ystad.ame_unit, driver_email, "driver")
    listing, items = await make_listing(ystad)
    return World(listing, items, skurup, ystad, coordinator_email, driver, driver_email)


@pytest.fixture
async def as_requester(client, world):
    """The client, signed in as an employee in Skurup."""
    await login(client, world.requester.employee_email)
    return client


@pytest.fixture
async def as_owner(new_client, world):
    """A second browser, signed in as the Ystad employee in the owning unit."""
    owner = await new_client()
    await login(owner, world.approver.employee_email)
    return owner
