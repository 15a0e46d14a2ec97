"""Retention: messages older than the conversation retention go with their photos, and conversations left empty."""

from __future__ import annotations

from datetime import timedelta
from uuid import uuid4

import pytest

from backend import clock
from backend.conversations.retention import message_clean_up, purge_messages
from backend.conversations.tables import Conversation, Message, Participant
from backend.push.daily import DailyJobs
from backend.storage import photo_store
from tests.backend.bookings.conftest import as_owner, as_requester, world  # noqa: F401 - fixtures shared by name
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

    def test_a_retention_below_one_day_is_refused(self, app):
        with pytest.raises(ValueError, match="at least 1"):
            message_clean_up(0, photo_store(app.state.settings))
