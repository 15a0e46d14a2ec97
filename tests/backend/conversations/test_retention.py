"""Retention: messages older than the conversation retention go with their photos, and conversations left empty."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest

from backend import clock
from backend.conversations.repository import RetentionRepository
from backend.conversations.retention import message_clean_up, purge_messages
from backend.conversations.tables import Conversation, Message, Participant
from backend.push.daily import DailyJobs
from backend.settings import Settings
from backend.storage import photo_store
from tests.backend.bookings.conftest import as_owner, as_requester, world  # noqa: F401 - fixtures shared by name
from tests.factories import login
from tests.world import jpeg

pytestmark = pytest.mark.anyio
DAYS = 365


async def ask(client, listing) -> str:
    started = await client.post("/api/conversations", json={"subject_kind": "listing", "subject_id": str(listing)})
    assert started.status_code == 201, started.text
    return started.json()["id"]


async def send(client, conversation_id, body, age_days=0.0, photo=False) -> str:
    """A message, aged by moving its time (and its conversation's last message time) back."""
    sent = await client.post(f"/api/conversations/{conversation_id}/messages",
                             json={"client_id": str(uuid4()), "body": body})
    assert sent.status_code == 201, sent.text
    message_id = sent.json()["id"]
    if photo:
        where = f"/api/conversations/{conversation_id}/messages/{message_id}/photo"
        added = await client.post(where, files={"file": ("foto.jpg", jpeg(), "image/jpeg")})
        assert added.status_code == 200, added.text
    when = clock.now() - timedelta(days=age_days)
    await Message.update({Message.created_at: when}).where(Message.id == message_id)
    latest = await Message.select(Message.created_at).where(Message.conversation == conversation_id).order_by(
        Message.created_at, ascending=False).first()
    await Conversation.update({Conversation.last_message_at: latest["created_at"]}).where(
        Conversation.id == conversation_id)
    return message_id


async def bodies() -> list[str]:
    return sorted(r["body"] for r in await Message.select(Message.body))


class TestPurgeMessages:
    async def test_old_messages_go_and_newer_ones_stay(self, app, as_requester, as_owner, world):
        conversation = await ask(as_requester, world.listing)
        await send(as_requester, conversation, "Gammal fråga", DAYS + 2)
        await send(as_owner, conversation, "Nytt svar", DAYS - 1)
        counts = await purge_messages(app.state.db, clock.now(), DAYS, photo_store(app.state.settings))
        assert counts == {"messages_deleted": 1}
        assert await bodies() == ["Nytt svar"]
        page = (await as_requester.get(f"/api/conversations/{conversation}")).json()
        assert [m["body"] for m in page["messages"]] == ["Nytt svar"]

    async def test_a_conversation_left_empty_goes_with_its_people_and_photos(self, app, as_requester, as_owner,
                                                                            world):
        store = photo_store(app.state.settings)
        conversation = await ask(as_requester, world.listing)
        old = await send(as_requester, conversation, "Så här ser väggen ut", DAYS + 10, photo=True)
        assert store.get(f"{conversation}/{old}-display.webp") is not None
        counts = await purge_messages(app.state.db, clock.now(), DAYS, store)
        assert counts == {"conversations_deleted": 1}
        assert await bodies() == []
        assert await Participant.count() == 0 and await Conversation.count() == 0
        assert [k for k in store.list_keys() if k.startswith(str(conversation))] == []
        assert (await as_requester.get(f"/api/conversations/{conversation}")).status_code == 404
        assert (await as_requester.get("/api/conversations")).json()["items"] == []

    async def test_an_old_photo_in_a_living_conversation_is_deleted_from_the_store(self, app, as_requester,
                                                                                     as_owner, world):
        store = photo_store(app.state.settings)
        conversation = await ask(as_requester, world.listing)
        old = await send(as_requester, conversation, "Foto", DAYS + 1, photo=True)
        kept = await send(as_owner, conversation, "Foto tillbaka", 1, photo=True)
        counts = await purge_messages(app.state.db, clock.now(), DAYS, store, chunk=1)
        assert counts == {"messages_deleted": 1}
        assert sorted(k for k in store.list_keys() if k.startswith(str(conversation))) == [
            f"{conversation}/{kept}-display.webp", f"{conversation}/{kept}-thumb.webp"]
        assert old not in {r["id"] for r in await Message.select(Message.id)}


class TestTheDailyCleanUp:
    async def test_the_daily_clean_up_deletes_old_messages_too(self, app, as_requester, world):
        conversation = await ask(as_requester, world.listing)
        await send(as_requester, conversation, "Gammal", DAYS + 1)
        await send(as_requester, conversation, "Ny", 0)
        daily = DailyJobs(app.state.db, 90, clean_ups=[message_clean_up(DAYS, photo_store(app.state.settings))])
        counts = await daily.run_now()
        assert counts["messages_deleted"] == 1
        assert await bodies() == ["Ny"]

    def test_an_installation_retention_below_one_day_is_refused_when_the_settings_are_read(self):
        with pytest.raises(ValueError, match="DELBAR_CONVERSATION_RETENTION_DAYS must be at least 1"):
            Settings.from_env({"DELBAR_CONVERSATION_RETENTION_DAYS": "0"})
        with pytest.raises(ValueError, match="DELBAR_PUSH_RETENTION_DAYS must be a whole number"):
            Settings.from_env({"DELBAR_PUSH_RETENTION_DAYS": "ett år"})
        assert Settings.from_env({"DELBAR_CONVERSATION_RETENTION_DAYS": "30"}).conversation_retention_days == 30


class TestEachMunicipalitysOwnRetention:
    async def test_each_municipalitys_conversations_are_cleaned_with_its_own_days(self, app, as_requester,
                                                                                  as_owner, world):
        store, now = photo_store(app.state.settings), clock.now()
        conversation = await ask(as_requester, world.listing)  # owned by Ystad, asked from Skurup
        await send(as_requester, conversation, "Fyrtio dagar gammal", 40)
        await send(as_owner, conversation, "Tio dagar gammal", 10)
        async with app.state.db.write():  # Skurup's short retention does not reach Ystad's conversations
            await RetentionRepository().set_days(world.requester.id, 30, now)
        assert await purge_messages(app.state.db, now, DAYS, store) == {}
        async with app.state.db.write():
            await RetentionRepository().set_days(world.approver.id, 30, now)
        assert await purge_messages(app.state.db, now, DAYS, store) == {"messages_deleted": 1}
        assert await bodies() == ["Tio dagar gammal"]

    async def test_a_longer_own_retention_keeps_what_the_installations_would_delete(self, app, as_requester, world):
        store, now = photo_store(app.state.settings), clock.now()
        conversation = await ask(as_requester, world.listing)
        await send(as_requester, conversation, "Fyrahundra dagar gammal", 400)
        await send(as_requester, conversation, "Ny", 0)
        async with app.state.db.write():
            await RetentionRepository().set_days(world.approver.id, 3650, now)
        assert await purge_messages(app.state.db, now, DAYS, store) == {}
        async with app.state.db.write():
            await RetentionRepository().set_days(world.approver.id, None, now)
        assert await purge_messages(app.state.db, now, DAYS, store) == {"messages_deleted": 1}


class TestTheRetentionSetting:
    async def test_the_admin_sets_the_municipalitys_days_within_bounds(self, app, client, new_client, world):
        await login(client, world.approver.admin_email)
        default = app.state.settings.conversation_retention_days
        read = await client.get("/api/conversations/retention")
        assert read.status_code == 200, read.text
        assert read.json() == {"days": default, "own_days": None, "default_days": default,
                               "min_days": 30, "max_days": 3650}
        for wrong in (29, 3651, "ett år"):
            refused = await client.put("/api/conversations/retention", json={"own_days": wrong})
            assert refused.status_code == 400, refused.text
            assert "own_days" in refused.json()["detail"]
        saved = await client.put("/api/conversations/retention", json={"own_days": 60})
        assert saved.status_code == 200, saved.text
        assert (saved.json()["days"], saved.json()["own_days"]) == (60, 60)
        assert (await client.get("/api/conversations/retention")).json()["days"] == 60
        back = await client.put("/api/conversations/retention", json={"own_days": None})
        assert (back.json()["days"], back.json()["own_days"]) == (default, None)

    async def test_only_an_admin_sees_it_and_only_their_own_municipalitys(self, app, client, new_client, world):
        await login(client, world.approver.admin_email)
        assert (await client.put("/api/conversations/retention", json={"own_days": 60})).status_code == 200
        other = await new_client()
        await login(other, world.requester.admin_email)
        assert (await other.get("/api/conversations/retention")).json()["own_days"] is None
        employee = await new_client()
        await login(employee, world.approver.employee_email)
        assert (await employee.get("/api/conversations/retention")).status_code == 403
        assert (await employee.put("/api/conversations/retention", json={"own_days": 30})).status_code == 403
