"""Retention: old finished pushes and old notifications go, in chunks; waiting ones stay."""

from __future__ import annotations

from uuid import uuid4

import pytest

from backend import clock
from backend.push.retention import purge
from backend.push.tables import Notification, PushDelivery, PushSubscription
from backend.settings import Settings
from tests.backend.push.conftest import queued

pytestmark = pytest.mark.anyio
DAYS = 90


async def phone_of(user_id) -> None:
    """A device row (nothing is sent in these tests, so no push service is needed)."""
    await PushSubscription.insert(PushSubscription(id=uuid4(), user=user_id, endpoint=f"https://push.test/{uuid4()}",
                                                   p256dh="p", auth="a", created_at=clock.now()))


async def titles() -> list[str]:
    return sorted(r["title"] for r in await Notification.select(Notification.title))


async def delivery_statuses() -> list[str]:
    return sorted(r["status"] for r in await PushDelivery.select(PushDelivery.status))


class TestPurge:
    async def test_old_sent_failed_and_expired_go_with_their_notifications(self, app, client, ystad, monkeypatch):
        await phone_of(ystad.employee)
        for status in ("sent", "failed", "expired"):
            await queued(app, monkeypatch, ystad.employee, f"Gammal {status}", DAYS + 1, status)
        await queued(app, monkeypatch, ystad.employee, "Ny", DAYS - 1, "sent")
        counts = await purge(app.state.db, clock.now(), DAYS)
        assert counts == {"deliveries_deleted": 3, "notifications_deleted": 3}
        assert await titles() == ["Ny"]
        assert await delivery_statuses() == ["sent"]

    async def test_a_notification_still_waiting_for_its_push_is_kept_however_old(self, app, client, ystad,
                                                                                 monkeypatch):
        await phone_of(ystad.employee)
        await phone_of(ystad.employee)
        note = await queued(app, monkeypatch, ystad.employee, "Väntar", DAYS + 30)
        # One device got it; the other is still retrying.
        [first, _] = await PushDelivery.select(PushDelivery.id).where(PushDelivery.notification == note)
        await PushDelivery.update({PushDelivery.status: "sent"}).where(PushDelivery.id == first["id"])
        counts = await purge(app.state.db, clock.now(), DAYS)
        assert counts == {"deliveries_deleted": 1}
        assert await titles() == ["Väntar"] and await delivery_statuses() == ["pending"]

    async def test_in_app_only_notifications_age_out_too(self, app, client, ystad, monkeypatch):
        await queued(app, monkeypatch, ystad.employee, "Bara i listan", DAYS + 1)
        await queued(app, monkeypatch, ystad.employee, "Nästan gammal", DAYS - 0.01)
        assert await purge(app.state.db, clock.now(), DAYS) == {"notifications_deleted": 1}
        assert await titles() == ["Nästan gammal"]

    async def test_many_rows_go_in_several_chunks(self, app, client, ystad, skurup, monkeypatch):
        await phone_of(ystad.employee)
        for number in range(5):
            await queued(app, monkeypatch, ystad.employee, f"Gammal {number}", DAYS + 2, "sent")
            await queued(app, monkeypatch, skurup.employee, f"Skurup {number}", DAYS + 2)
        counts = await purge(app.state.db, clock.now(), DAYS, chunk=2)
        assert counts == {"deliveries_deleted": 5, "notifications_deleted": 10}
        assert await titles() == [] and await delivery_statuses() == []

    async def test_running_it_again_deletes_nothing_more(self, app, client, ystad, monkeypatch):
        await queued(app, monkeypatch, ystad.employee, "Gammal", DAYS + 1)
        await purge(app.state.db, clock.now(), DAYS)
        assert await purge(app.state.db, clock.now(), DAYS) == {}

    async def test_less_than_a_day_is_refused(self, app, client):
        with pytest.raises(ValueError):
            await purge(app.state.db, clock.now(), 0)


class TestSetting:
    def test_ninety_days_unless_configured(self):
        assert Settings.from_env({}).push_retention_days == 90
        assert Settings.from_env({"DELBAR_PUSH_RETENTION_DAYS": "30"}).push_retention_days == 30
