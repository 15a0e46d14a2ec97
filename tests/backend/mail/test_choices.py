"""Each person's channel per kind (on the push settings), and the municipality's defaults set by an admin."""

from __future__ import annotations

import pytest

from backend.mail.outbox import channels_for
from tests.backend.mail.test_worker import statuses
from tests.factories import login

pytestmark = pytest.mark.anyio

DEFAULTS = {"want_matched": "digest", "booking_requested": "email", "booking_approved": "both",
            "booking_declined": "push", "booking_cancelled": "push", "booking_changed": "push",
            "pickup_due": "push", "return_due": "push", "job_assigned": "push", "job_changed": "none",
            "message_received": "email"}


async def channel(app, user_id, kind: str) -> str:
    async with app.state.db.read():
        return (await channels_for([user_id], kind))[user_id]


async def set_defaults(admin, channels: dict, off: list[str], version: int = 1):
    return await admin.put("/api/mail/defaults", json={"version": version, "channels": channels, "off_kinds": off})


class TestOwnChoices:
    async def test_everything_is_push_until_someone_chooses(self, client, ystad):
        await login(client, ystad.employee_email)
        prefs = (await client.get("/api/push/preferences")).json()
        assert set(prefs["channels"].values()) == {"push"} and prefs["off_kinds"] == []

    async def test_a_choice_per_kind_is_kept_and_push_follows_it(self, app, client, ystad):
        await login(client, ystad.employee_email)
        channels = (await client.get("/api/push/preferences")).json()["channels"]
        channels |= {"booking_approved": "email", "want_matched": "digest", "pickup_due": "both",
                     "return_due": "none"}
        saved = await client.put("/api/push/preferences", json={"version": 1, "channels": channels})
        assert saved.status_code == 200, saved.text
        body = saved.json()
        assert body["channels"] == channels and body["version"] == 2
        assert body["kinds"]["booking_approved"] is False and body["kinds"]["pickup_due"] is True
        assert await channel(app, ystad.employee, "want_matched") == "digest"
        assert await channel(app, ystad.employee, "booking_approved") == "email"

    async def test_turning_push_off_by_kind_alone_still_works(self, client, ystad):
        await login(client, ystad.employee_email)
        kinds = (await client.get("/api/push/preferences")).json()["kinds"] | {"want_matched": False}
        saved = (await client.put("/api/push/preferences", json={"version": 1, "kinds": kinds})).json()
        assert saved["channels"]["want_matched"] == "none" and saved["channels"]["pickup_due"] == "push"

    async def test_an_unknown_channel_or_no_choice_at_all_is_refused(self, client, ystad):
        await login(client, ystad.employee_email)
        bad = await client.put("/api/push/preferences", json={"version": 1, "channels": {"want_matched": "fax"}})
        assert bad.status_code == 400
        empty = await client.put("/api/push/preferences", json={"version": 1})
        assert empty.status_code == 400 and empty.json()["error"] == "no_choices"


class TestDefaults:
    async def test_an_admin_sets_the_defaults_people_without_a_choice_get(self, app, client, new_client, ystad):
        admin = await new_client()
        await login(admin, ystad.admin_email)
        saved = await set_defaults(admin, DEFAULTS, [])
        assert saved.status_code == 200, saved.text
        assert saved.json()["channels"] == DEFAULTS and saved.json()["version"] == 2
        assert await channel(app, ystad.employee, "want_matched") == "digest"
        assert await channel(app, ystad.employee, "booking_requested") == "email"
        await login(client, ystad.employee_email)
        prefs = (await client.get("/api/push/preferences")).json()
        assert prefs["channels"]["booking_approved"] == "both" and prefs["kinds"]["booking_requested"] is False

    async def test_a_persons_own_choice_wins_over_the_default(self, app, client, new_client, ystad):
        await login(client, ystad.employee_email)
        channels = (await client.get("/api/push/preferences")).json()["channels"] | {"want_matched": "push"}
        await client.put("/api/push/preferences", json={"version": 1, "channels": channels})
        admin = await new_client()
        await login(admin, ystad.admin_email)
        await set_defaults(admin, DEFAULTS, [])
        assert await channel(app, ystad.employee, "want_matched") == "push"

    async def test_a_kind_switched_off_reaches_nobody_but_the_list(self, app, client, new_client, ystad, inbox):
        from backend.push.outbox import notify_message

        admin = await new_client()
        await login(admin, ystad.admin_email)
        await set_defaults(admin, DEFAULTS | {"want_matched": "email"}, ["want_matched"])
        assert await channel(app, ystad.employee, "want_matched") == "none"
        async with app.state.db.write():
            await notify_message([ystad.employee], "want_matched", "want_matched", {"listing": "Soffa"}, "/")
        assert await statuses(app) == {}
        await login(client, ystad.employee_email)
        assert len((await client.get("/api/notifications")).json()["items"]) == 1
        assert (await client.get("/api/push/preferences")).json()["off_kinds"] == ["want_matched"]

    async def test_only_admins_set_defaults_and_a_stale_version_is_refused(self, client, new_client, ystad, skurup):
        await login(client, ystad.employee_email)
        assert (await client.get("/api/mail/defaults")).status_code == 403
        assert (await set_defaults(client, DEFAULTS, [])).status_code == 403
        admin = await new_client()
        await login(admin, ystad.admin_email)
        assert (await set_defaults(admin, DEFAULTS, [])).status_code == 200
        stale = await set_defaults(admin, DEFAULTS, [], version=1)
        assert stale.status_code == 409 and stale.json()["error"] == "stale_version"
        other = await new_client()
        await login(other, skurup.admin_email)
        assert (await other.get("/api/mail/defaults")).json()["version"] == 1  # Skurup's own, untouched
