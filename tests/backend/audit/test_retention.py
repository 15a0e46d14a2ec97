"""Retention: the personal data in audit entries (address, browser, actor's name) is blanked after
the configured days by the daily clean-up; the entry itself, what was done, stays."""

from __future__ import annotations

from datetime import timedelta

import pytest

from backend import clock
from backend.audit.service import blank_personal_data
from backend.audit.tables import AuditEvent
from backend.push.retention import purge
from tests.factories import login

pytestmark = pytest.mark.anyio
DAYS = 90


async def sign_ins() -> list[dict]:
    return await AuditEvent.select().where(AuditEvent.action == "session.signed_in")


class TestBlanking:
    async def test_entries_older_than_the_retention_lose_address_browser_and_name(self, app, client, ystad):
        await login(client, ystad.admin_email)
        counts = await purge(app.state.db, clock.now() + timedelta(days=DAYS + 1), DAYS)
        assert counts["audit_entries_blanked"] == 1
        [entry] = await sign_ins()
        assert (entry["address"], entry["user_agent"], entry["actor_name"]) == ("", "", "")
        assert entry["actor"] == ystad.admin and entry["action"] == "session.signed_in"

    async def test_a_person_s_name_as_the_object_is_blanked_a_unit_s_is_kept(self, app, client, ystad):
        await login(client, ystad.admin_email)
        await client.patch(f"/api/users/{ystad.employee}", json={"version": 1, "roles": ["driver"]})
        await client.patch(f"/api/units/{ystad.ame_unit}", json={"version": 1, "name": "AME Syd"})
        await blank_personal_data(app.state.db, clock.now() + timedelta(days=DAYS + 1), DAYS)
        names = {r["object_type"]: r["object_name"] for r in await AuditEvent.select().where(
            AuditEvent.action.is_in(["user.roles_changed", "unit.renamed"]))}
        assert names == {"user": "", "unit": "AME Syd"}

    async def test_younger_entries_keep_them(self, app, client, ystad):
        await login(client, ystad.admin_email)
        assert await blank_personal_data(app.state.db, clock.now() + timedelta(days=DAYS - 1), DAYS) == {}
        [entry] = await sign_ins()
        assert entry["address"] and entry["actor_name"]

    async def test_many_entries_go_in_chunks_and_a_second_run_blanks_nothing(self, app, client, new_client, ystad):
        for _ in range(3):
            await login(await new_client(), ystad.employee_email)
        later = clock.now() + timedelta(days=DAYS + 1)
        assert await blank_personal_data(app.state.db, later, DAYS, chunk=2) == {"audit_entries_blanked": 3}
        assert await blank_personal_data(app.state.db, later, DAYS) == {}

    async def test_less_than_a_day_is_refused(self, app, client):
        with pytest.raises(ValueError):
            await blank_personal_data(app.state.db, clock.now(), 0)
