"""Conversations: start one about a subject the person can see, write, read, report and hide messages.

Who may read: the participants, and on the subject's owning side the owner unit's members and the
municipality's coordinators (they join when they answer). Everyone else gets 404, as for any
object they cannot see. Alerts go through the push outbox, at most one per recipient and
conversation per ALERT_WINDOW, so a quick exchange is one alert; push keeps quiet hours.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from uuid import UUID, uuid4

import anyio

from backend import clock
from backend.catalog import imaging
from backend.catalog.photos import PhotoRejected
from backend.catalog.repository import ListingRepository, unscoped_listing
from backend.catalog.storage import PhotoStore
from backend.catalog.viewer import viewer_for
from backend.conversations.repository import ConversationRepository, Row, SubjectRepository
from backend.db import Database
from backend.errors import Conflict, Forbidden, NotFound, RateLimited, Unprocessable
from backend.push.outbox import notify_message
from backend.tenancy import Actor

MAX_BODY = 4000
ALERT_WINDOW = timedelta(minutes=3)
# A person writes, at most, this many messages a minute (a flood from one account is refused).
RATE_LIMIT, RATE_WINDOW = 20, timedelta(minutes=1)
COORDINATOR = "coordinator"


@dataclass(frozen=True, slots=True)
class Subject:
    kind: str
    key: str
    municipality_id: UUID
    unit_id: UUID | None
    title: str
    listing_id: UUID | None
    members: list[tuple[UUID, str]]


def photo_key(conversation_id: UUID, message_id: UUID, size: str) -> str:
    return f"{conversation_id}/{message_id}-{size}.webp"


def clean_body(body: str) -> str:
    """The text to store: trimmed, 1 to 4,000 characters, or 422 with the reason."""
    text = body.strip()
    if not text:
        raise Unprocessable("The message is empty; write something to send.", error="empty_message")
    if len(text) > MAX_BODY:
        raise Unprocessable(f"The message is {len(text)} characters; at most {MAX_BODY} can be sent.",
                            error="message_too_long")
    return text


class ConversationService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.conversations = ConversationRepository(actor)
        self.subjects = SubjectRepository()

    async def start(self, kind: str, subject_id: UUID) -> tuple[Row, bool]:
        """The actor's conversation about this subject, made when there is none yet."""
        async with self.db.write():
            subject = await self._subject(kind, subject_id)
            found = await self.conversations.by_key(subject.key)
            if found:  # a driver assigned since, a coordinator: whoever reached the subject takes part
                role = next((r for u, r in subject.members if u == self.actor.user_id), COORDINATOR)
                await self.conversations.join(found["id"], [(self.actor.user_id, role)], clock.now())
                return await self._readable(found["id"]), False
            if kind == "listing":
                listing = await unscoped_listing(subject_id)
                if listing and listing["status"] == "closed":
                    raise Conflict("The listing is closed: it takes no new conversations.", error="listing_closed")
            photo = await self._photo(subject.listing_id)
            conversation_id = uuid4()
            await self.conversations.insert({
                "id": conversation_id, "subject_kind": kind, "subject_id": subject_id, "subject_key": subject.key,
                "owner_municipality": subject.municipality_id, "owner_unit": subject.unit_id,
                "title": subject.title[:120], "photo_id": photo}, subject.members, clock.now())
            return await self._readable(conversation_id), True

    async def find(self, kind: str, subject_id: UUID) -> UUID:
        """The actor's conversation about a subject, without starting one: 404 when there is none yet."""
        key = f"listing:{subject_id}:{self.actor.user_id}" if kind == "listing" else f"{kind}:{subject_id}"
        async with self.db.read():
            found = await self.conversations.by_key(key)
            if found is None or await self.conversations.readable(found["id"]) is None:
                raise NotFound("There is no conversation about this yet.")
        return found["id"]

    async def inbox(self, before: datetime | None, limit: int) -> tuple[list[Row], int]:
        async with self.db.read():
            return await self.conversations.inbox(before, limit), await self.conversations.unread_total()

    async def unread(self) -> int:
        async with self.db.read():
            return await self.conversations.unread_total()

    async def read(self, conversation_id: UUID, before: datetime | None, limit: int) -> tuple[Row, list, list]:
        """A page of messages, newest first; the first page marks the conversation read for a participant."""
        async with self.db.read():
            conversation = await self._readable(conversation_id)
            people = await self.conversations.people(conversation_id)
            messages = await self.conversations.messages(conversation_id, before, limit)
        me = conversation["me"]
        if me and before is None and (me["unread"] or me["last_read_at"] is None
                                      or me["last_read_at"] < conversation["last_message_at"]):
            async with self.db.write():
                await self.conversations.mark_read(conversation_id, clock.now())
        return conversation, people, [self._shown(m, conversation) for m in messages]

    async def post(self, conversation_id: UUID, client_id: UUID, body: str) -> tuple[Row, bool]:
        """Add a message; the same client id again answers the message it made (one message)."""
        text = clean_body(body)
        async with self.db.write():
            conversation = await self._readable(conversation_id)
            sent = await self.conversations.by_client_id(client_id)
            if sent is not None:
                if sent["conversation_id"] != conversation_id:
                    raise Conflict("This client id was used for another message.", error="client_id_taken")
                return self._shown(sent, conversation), False
            now = clock.now()
            if await self.conversations.sent_since(now - RATE_WINDOW) >= RATE_LIMIT:
                raise RateLimited(f"At most {RATE_LIMIT} messages a minute; wait a minute and send again.",
                                  retry_after=int(RATE_WINDOW.total_seconds()))
            if conversation["me"] is None:
                role = "owner" if conversation["owner_unit"] == self.actor.unit_id else COORDINATOR
                await self.conversations.join(conversation_id, [(self.actor.user_id, role)], now)
            message_id = await self.conversations.add_message(conversation_id, client_id, text, now)
            if message_id is None:
                raced = await self.conversations.by_client_id(client_id)
                assert raced is not None
                return self._shown(raced, conversation), False
            await self._alert(conversation, now)
            message = await self.conversations.message(conversation_id, message_id)
        assert message is not None
        return self._shown(message, conversation), True

    async def report(self, conversation_id: UUID, message_id: UUID) -> Row:
        """Flag a message for the owner municipality's coordinators, who are told."""
        async with self.db.write():
            conversation = await self._readable(conversation_id)
            message = await self._message(conversation_id, message_id)
            if not message["reported"]:
                await self.conversations.set_flag(message_id, {"reported": True, "reported_by": self.actor.user_id,
                                                               "reported_at": clock.now()})
                coordinators = await self.subjects.coordinators(conversation["owner_municipality"])
                await notify_message([c for c in coordinators if c != self.actor.user_id], "message_received",
                                     "message_reported", {"subject": conversation["title"]},
                                     "/anmalda-meddelanden", tag=f"conversation-{conversation_id}")
            message["reported"] = True
        return self._shown(message, conversation)

    async def hide(self, conversation_id: UUID, message_id: UUID, hidden: bool) -> Row:
        """A coordinator of the owner municipality hides a message (or shows it again)."""
        async with self.db.write():
            conversation = await self._readable(conversation_id)
            if not self._moderates(conversation):
                raise Forbidden("Only the municipality's coordinators can hide a message.")
            message = await self._message(conversation_id, message_id)
            await self.conversations.set_flag(message_id, {"hidden": hidden})
            if hidden:
                await self.conversations.clear_preview_if_latest(conversation_id, message_id)
            message["hidden"] = hidden
        return self._shown(message, conversation)

    async def dismiss(self, conversation_id: UUID, message_id: UUID) -> Row:
        """A coordinator of the owner municipality finds a reported message fine: the report leaves the list."""
        async with self.db.write():
            conversation = await self._readable(conversation_id)
            if not self._moderates(conversation):
                raise Forbidden("Only the municipality's coordinators can dismiss a report.")
            message = await self._message(conversation_id, message_id)
            await self.conversations.set_flag(message_id, {"reported": False, "reported_by": None, "reported_at": None})
            message["reported"] = False
        return self._shown(message, conversation)

    async def reports(self, before: datetime | None, limit: int) -> list[Row]:
        """The coordinator's list: messages reported in their municipality's conversations, not hidden or dismissed."""
        self.actor.require(COORDINATOR)
        async with self.db.read():
            return await self.conversations.reports(before, limit)

    async def attach_photo(self, conversation_id: UUID, message_id: UUID, data: bytes, store: PhotoStore,
                           max_bytes: int, max_pixels: int) -> Row:
        """The author adds one photo to their message: oriented, stripped of metadata, bounded in pixels."""
        async with self.db.read():
            conversation = await self._readable(conversation_id)
            message = await self._message(conversation_id, message_id)
        if message["author_id"] != self.actor.user_id:
            raise Forbidden("Only the message's author can add a photo to it.")
        if message["photo"]:
            return self._shown(message, conversation)  # a replayed upload: the photo is there
        try:
            renditions = await anyio.to_thread.run_sync(
                lambda: imaging.process(data, max_bytes=max_bytes, max_pixels=max_pixels))
        except imaging.PhotoRefused as refused:
            raise PhotoRejected(refused) from refused
        # The store may be a remote object store: its calls block, so they run off the event loop.
        await anyio.to_thread.run_sync(store.put, photo_key(conversation_id, message_id, "display"), renditions.display)
        await anyio.to_thread.run_sync(store.put, photo_key(conversation_id, message_id, "thumb"), renditions.thumb)
        async with self.db.write():
            await self.conversations.set_flag(message_id, {"photo": True})
        return self._shown({**message, "photo": True}, conversation)

    async def photo(self, conversation_id: UUID, message_id: UUID, size: str, store: PhotoStore) -> bytes:
        async with self.db.read():
            conversation = await self._readable(conversation_id)
            message = self._shown(await self._message(conversation_id, message_id), conversation)
        key = photo_key(conversation_id, message_id, size)
        data = await anyio.to_thread.run_sync(store.get, key) if message["photo"] else None
        if data is None:
            raise NotFound("This message has no photo.")
        return data

    async def _readable(self, conversation_id: UUID) -> Row:
        row = await self.conversations.readable(conversation_id)
        if row is None:
            raise NotFound("No such conversation.")
        return row

    async def _message(self, conversation_id: UUID, message_id: UUID) -> Row:
        message = await self.conversations.message(conversation_id, message_id)
        if message is None:
            raise NotFound("No such message in this conversation.")
        return message

    def _moderates(self, conversation: Row) -> bool:
        return self.actor.has_any(COORDINATOR) and conversation["owner_municipality"] == self.actor.municipality_id

    def _shown(self, message: Row, conversation: Row) -> Row:
        """A hidden message's text is for the coordinators only; the reported flag too."""
        moderator = self._moderates(conversation)
        withheld = message["hidden"] and not moderator
        return {**message, "body": "" if withheld else message["body"], "photo": message["photo"] and not withheld,
                "reported": message["reported"] and moderator}

    async def _alert(self, conversation: Row, now: datetime) -> None:
        users = await self.conversations.to_alert(conversation["id"], now - ALERT_WINDOW, now)
        if users:
            author = await self.subjects.name_of(self.actor.user_id)
            await notify_message(users, "message_received", "message_received",
                                 {"author": author, "subject": conversation["title"]},
                                 f"/meddelanden/{conversation['id']}", tag=f"conversation-{conversation['id']}")

    async def _photo(self, listing_id: UUID | None) -> UUID | None:
        if listing_id is None:
            return None
        photos = await ListingRepository(await viewer_for(self.actor)).photos([listing_id])
        return photos[0]["id"] if photos else None

    async def _subject(self, kind: str, subject_id: UUID) -> Subject:
        if kind == "listing":
            return await self._listing(subject_id)
        if kind == "booking":
            return await self._booking(subject_id)
        return await self._job(subject_id)

    async def _listing(self, listing_id: UUID) -> Subject:
        """A listing the actor can see (or one of theirs, closed since); its owner unit answers."""
        actor = self.actor
        key = f"listing:{listing_id}:{actor.user_id}"
        listing = await ListingRepository(await viewer_for(actor)).get_visible(listing_id)
        if listing is None and await self.conversations.by_key(key):
            listing = await unscoped_listing(listing_id)  # an existing conversation stays open to its asker
        if listing is None:
            closed = await unscoped_listing(listing_id)
            if closed and closed["status"] == "closed" and await self._was_visible(closed):
                raise Conflict("The listing is closed: it takes no new conversations.", error="listing_closed")
            raise NotFound("No such listing.")
        if listing["municipality"] == actor.municipality_id and listing["owner_unit"] == actor.unit_id:
            raise Conflict("This is your unit's own listing; answer the conversations about it instead.",
                           error="own_listing")
        members = await self.subjects.unit_members(listing["municipality"], listing["owner_unit"])
        return Subject("listing", key, listing["municipality"], listing["owner_unit"], listing["title"], listing_id,
                       [(actor.user_id, "asker"), *[(m, "owner") for m in members]])

    async def _was_visible(self, listing: Row) -> bool:
        """Whether a closed listing was in the actor's tier: they learn it closed, others get 404."""
        tiers = (await viewer_for(self.actor)).tiers_for(listing["municipality"], listing["owner_unit"])
        return listing["visibility"] in tiers or listing["widen_to"] in tiers

    async def _booking(self, booking_id: UUID) -> Subject:
        booking = await self.subjects.booking(booking_id)
        if booking is None or not self._on_booking(booking):
            raise NotFound("No such booking.")
        municipality, unit = booking["owner_municipality"], booking["owner_unit"]
        members = await self.subjects.unit_members(municipality, unit)
        coordinators = await self.subjects.coordinators(municipality)
        return Subject("booking", f"booking:{booking_id}", municipality, unit, booking["title"], booking["listing_id"],
                       [(booking["requester"], "requester"), *[(m, "owner") for m in members],
                        *[(c, COORDINATOR) for c in coordinators]])

    def _on_booking(self, booking: Row) -> bool:
        actor = self.actor
        if booking["requester"] == actor.user_id:
            return True
        return booking["owner_municipality"] == actor.municipality_id and (
            booking["owner_unit"] == actor.unit_id or actor.has_any(COORDINATOR))

    async def _job(self, job_id: UUID) -> Subject:
        job = await self.subjects.job(job_id)
        actor = self.actor
        if job is None or not (actor.user_id in (job["driver"], job["requester"]) or (
                job["municipality"] == actor.municipality_id and actor.has_any(COORDINATOR))):
            raise NotFound("No such transport job.")
        coordinators = await self.subjects.coordinators(job["municipality"])
        people = [(job["driver"], "driver"), (job["requester"], "recipient"), *[(c, COORDINATOR) for c in coordinators]]
        return Subject("job", f"job:{job_id}", job["municipality"], None, job["title"], job["listing_id"],
                       [(user, role) for user, role in people if user is not None])
