"""notify(): rows only, inside the caller's transaction."""

from __future__ import annotations

import pytest

from backend.push.outbox import notify
from tests.factories import login

pytestmark = pytest.mark.anyio


class TestNotify:
    async def test_outside_a_write_transaction_is_a_programming_error(self, client, ystad):
        with pytest.raises(RuntimeError):
            await notify([ystad.employee], "want_matched", "Stol", "", "/")

    async def test_rolls_back_with_the_change_that_caused_it(self, app, client, ystad):
        await login(client, ystad.employee_email)
        with pytest.raises(ZeroDivisionError):
            async with app.state.db.write():
                await notify([ystad.employee], "want_matched", "Stol", "", "/")
                raise ZeroDivisionError
        assert (await client.get("/api/notifications")).json()["items"] == []

    async def test_unknown_kind_is_refused(self, app, client, ystad):
        with pytest.raises(ValueError):
            async with app.state.db.write():
                await notify([ystad.employee], "party", "Fest", "", "/")

    async def test_each_user_once_even_when_named_twice(self, app, client, ystad):
        await login(client, ystad.employee_email)
        async with app.state.db.write():
            ids = await notify([ystad.employee, ystad.employee], "want_matched", "Stol", "", "/")
        assert len(ids) == 1
