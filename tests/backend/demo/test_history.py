"""The demo history: a year of reuses and purchase checks in every municipality, loaded once."""

from __future__ import annotations

import pytest

from backend.demo.seed import seed
from backend.impact.tables import ImpactEntry, PurchaseCheck
from tests.factories import login

pytestmark = pytest.mark.anyio


class TestHistory:
    async def test_every_municipality_has_twelve_months_of_reuse(self, client, app):
        await seed(app.state.db, app.state.settings)
        months = await ImpactEntry.select(ImpactEntry.municipality, ImpactEntry.month).distinct()
        assert len(months) == 3 * 12
        assert await PurchaseCheck.count().where(PurchaseCheck.decision == "bought_new") > 0

    async def test_running_twice_adds_nothing(self, client, app):
        await seed(app.state.db, app.state.settings)
        first = (await ImpactEntry.count(), await PurchaseCheck.count())
        await seed(app.state.db, app.state.settings)
        assert (await ImpactEntry.count(), await PurchaseCheck.count()) == first

    async def test_the_reporter_sees_a_trend_that_grows(self, client, app):
        await seed(app.state.db, app.state.settings)
        await login(client, "rapportor@ystad.exempel.se", "delbar-demo")
        months = (await client.get("/api/impact/report")).json()["months"]
        assert len(months) == 12 and months[-2]["reuses"] > months[0]["reuses"] > 0
