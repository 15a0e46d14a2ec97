"""The demo data: the reference network, one user per role, idempotent."""

from __future__ import annotations

import pytest

from backend.accounts.tables import Municipality, NetworkMembership, Unit, User, UserRole
from backend.demo.data import DEMO_PASSWORD
from backend.demo.seed import seed
from backend.locations.tables import Location
from tests.factories import login

pytestmark = pytest.mark.anyio


async def counts() -> tuple[int, ...]:
    return tuple([await t.count() for t in (Municipality, Unit, User, UserRole, NetworkMembership, Location)])


class TestSeed:
    async def test_creates_three_networked_municipalities_with_every_role(self, client, app):
        logins = await seed(app.state.db, app.state.settings)
        names = await Municipality.select(Municipality.name).output(as_list=True)
        assert sorted(names) == ["Skurup", "Trelleborg", "Ystad"]
        assert await NetworkMembership.count().where(NetworkMembership.status == "active") == 3
        roles = {(m, r) for m, r, _ in logins}
        assert len(roles) == 18
        assert await Location.count().where(Location.kind == "shelf") == 21

    async def test_running_twice_changes_nothing(self, client, app):
        await seed(app.state.db, app.state.settings)
        first = await counts()
        hashes = await User.select(User.password_hash).output(as_list=True)
        await seed(app.state.db, app.state.settings)
        assert await counts() == first
        assert await User.select(User.password_hash).output(as_list=True) == hashes

    async def test_demo_users_can_sign_in_with_the_printed_password(self, client, app):
        await seed(app.state.db, app.state.settings)
        await login(client, "samordnare@ystad.exempel.se", DEMO_PASSWORD)
        user = (await client.get("/api/session")).json()["user"]
        assert user["roles"] == ["coordinator"] and user["unit"]["name"] == "Arbetsmarknadsenheten"

    async def test_each_ame_charges_for_transport(self, client, app):
        await seed(app.state.db, app.state.settings)
        await login(client, "samordnare@skurup.exempel.se", DEMO_PASSWORD)
        tariff = (await client.get("/api/transport-tariff")).json()
        assert (tariff["fee_ore"], tariff["payee_unit"]["name"]) == (45_000, "Arbetsmarknadsenheten")
