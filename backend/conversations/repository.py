"""Every conversation query; who may read one is decided here, in one condition (readable)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID, uuid4

from piccolo.query.functions.aggregate import Count, Sum

from backend.accounts.tables import User, UserRole
from backend.bookings.tables import Booking
from backend.conversations.tables import Conversation, Message, Participant, RetentionSetting
from backend.tenancy import Actor
from backend.transport.tables import TransportJob

Row = dict[str, Any]
# Members of a unit who join a conversation about its subject when it starts; the rest may join by answering.
MEMBERS_CAP = 50

_INBOX_COLUMNS = (
    Participant.conversation.id.as_alias("id"),
    Participant.conversation.subject_kind.as_alias("subject_kind"),
    Participant.conversation.subject_id.as_alias("subject_id"),
    Participant.conversation.title.as_alias("title"),
    Participant.conversation.photo_id.as_alias("photo_id"),
    Participant.conversation.preview.as_alias("preview"),
    Participant.last_message_at,
    Participant.unread,
)
_MESSAGE_COLUMNS = (
    Message.id, Message.client_id, Message.body, Message.hidden, Message.reported, Message.photo, Message.created_at,
    Message.conversation.id.as_alias("conversation_id"),
    Message.author.id.as_alias("author_id"), Message.author.name.as_alias("author_name"),
)


class ConversationRepository:
    """Conversations as one actor may reach them."""

    def __init__(self, actor: Actor) -> None:
        self.actor = actor

    async def readable(self, conversation_id: UUID) -> Row | None:
        """The conversation if the actor takes part, or belongs to its owner unit, or coordinates its
        owner municipality; None otherwise (another tenant's, or a stranger's)."""
        row = await Conversation.select().where(Conversation.id == conversation_id).first()
        if row is None:
            return None
        me = await self.participant(conversation_id)
        row["me"] = me
        if me is not None:
            return row
        if row["owner_municipality"] != self.actor.municipality_id:
            return None
        if self.actor.has_any("coordinator") or row["owner_unit"] == self.actor.unit_id:
            return row
        return None

    async def participant(self, conversation_id: UUID) -> Row | None:
        return await Participant.select().where(
            Participant.conversation == conversation_id, Participant.user == self.actor.user_id).first()

    async def by_key(self, key: str) -> Row | None:
        return await Conversation.select(Conversation.id).where(Conversation.subject_key == key).first()

    async def insert(self, values: Row, members: list[tuple[UUID, str]], now: datetime) -> None:
        await Conversation.insert(Conversation(**values, created_at=now, last_message_at=now))
        await self.join(values["id"], members, now)

    async def join(self, conversation_id: UUID, members: list[tuple[UUID, str]], now: datetime) -> None:
        """Add people (user, role) who are not in the conversation yet."""
        present = set(await Participant.select(Participant.user).where(
            Participant.conversation == conversation_id).output(as_list=True))
        rows = [Participant(id=uuid4(), conversation=conversation_id, user=user, role=role, last_message_at=now)
                for user, role in dict(reversed(members)).items() if user not in present]
        if rows:
            await Participant.insert(*rows)

    async def people(self, conversation_id: UUID) -> list[Row]:
        """The participants' names and roles: nothing about anyone else."""
        return await Participant.select(
            Participant.user.id.as_alias("id"), Participant.user.name.as_alias("name"), Participant.role,
        ).where(Participant.conversation == conversation_id).order_by(Participant.role)

    async def inbox(self, before: datetime | None, limit: int) -> list[Row]:
        query = Participant.select(*_INBOX_COLUMNS).where(Participant.user == self.actor.user_id)
        if before is not None:
            query = query.where(Participant.last_message_at < before)
        return await query.order_by(Participant.last_message_at, ascending=False).limit(limit)

    async def unread_total(self) -> int:
        row = await Participant.select(Sum(Participant.unread, alias="total")).where(
            Participant.user == self.actor.user_id).first()
        return int((row or {}).get("total") or 0)

    async def messages(self, conversation_id: UUID, before: datetime | None, limit: int) -> list[Row]:
        query = Message.select(*_MESSAGE_COLUMNS).where(Message.conversation == conversation_id)
        if before is not None:
            query = query.where(Message.created_at < before)
        return await query.order_by(Message.created_at, ascending=False).limit(limit)

    async def message(self, conversation_id: UUID, message_id: UUID) -> Row | None:
        return await Message.select(*_MESSAGE_COLUMNS).where(
            Message.id == message_id, Message.conversation == conversation_id).first()

    async def by_client_id(self, client_id: UUID) -> Row | None:
        return await Message.select(*_MESSAGE_COLUMNS).where(
            Message.author == self.actor.user_id, Message.client_id == client_id).first()

    async def sent_since(self, since: datetime) -> int:
        row = await Message.select(Count(alias="n")).where(
            Message.author == self.actor.user_id, Message.created_at >= since).first()
        return int((row or {}).get("n") or 0)

    async def add_message(self, conversation_id: UUID, client_id: UUID, body: str, now: datetime) -> UUID | None:
        """Store the message and move the conversation up every participant's inbox; None when the author's
        client id was taken meanwhile (a retry racing the first send on PostgreSQL)."""
        message_id = uuid4()
        made = await Message.insert(Message(id=message_id, conversation=conversation_id, author=self.actor.user_id,
                                            client_id=client_id, body=body, created_at=now)).on_conflict(
            target=(Message.author, Message.client_id), action="DO NOTHING").returning(Message.id)
        if not made:
            return None
        await Conversation.update({Conversation.last_message_at: now, Conversation.preview: body[:140]}).where(
            Conversation.id == conversation_id)
        await Participant.update({Participant.last_message_at: now}).where(Participant.conversation == conversation_id)
        await Participant.update({Participant.unread: Participant.unread + 1}).where(
            Participant.conversation == conversation_id, Participant.user != self.actor.user_id)
        await self.mark_read(conversation_id, now)
        return message_id

    async def mark_read(self, conversation_id: UUID, now: datetime) -> None:
        await Participant.update({Participant.last_read_at: now, Participant.unread: 0}).where(
            Participant.conversation == conversation_id, Participant.user == self.actor.user_id)

    async def to_alert(self, conversation_id: UUID, quiet_since: datetime, now: datetime) -> list[UUID]:
        """The other participants not alerted about this conversation since quiet_since; they are marked
        alerted now, so a quick exchange makes one alert each."""
        users = await Participant.select(Participant.user).where(
            Participant.conversation == conversation_id, Participant.user != self.actor.user_id,
            (Participant.notified_at.is_null()) | (Participant.notified_at < quiet_since)).output(as_list=True)
        if users:
            await Participant.update({Participant.notified_at: now}).where(
                Participant.conversation == conversation_id, Participant.user.is_in(users))
        return users

    async def set_flag(self, message_id: UUID, values: Row) -> None:
        await Message.update(values).where(Message.id == message_id)

    async def reports(self, before: datetime | None, limit: int) -> list[Row]:
        """Reported messages still shown, in the actor's municipality's conversations, the newest report first."""
        query = Message.select(
            *_MESSAGE_COLUMNS, Message.reported_at,
            Message.reported_by.id.as_alias("reporter_id"), Message.reported_by.name.as_alias("reporter_name"),
            Message.conversation.subject_kind.as_alias("subject_kind"),
            Message.conversation.subject_id.as_alias("subject_id"),
            Message.conversation.title.as_alias("title"), Message.conversation.photo_id.as_alias("photo_id"),
        ).where(Message.reported.eq(True), Message.hidden.eq(False), Message.reported_at.is_not_null(),
                Message.conversation.owner_municipality == self.actor.municipality_id)
        if before is not None:
            query = query.where(Message.reported_at < before)
        return await query.order_by(Message.reported_at, ascending=False).limit(limit)

    async def clear_preview_if_latest(self, conversation_id: UUID, message_id: UUID) -> None:
        latest = await Message.select(Message.id).where(Message.conversation == conversation_id).order_by(
            Message.created_at, ascending=False).first()
        if latest and latest["id"] == message_id:
            await Conversation.update({Conversation.preview: ""}).where(Conversation.id == conversation_id)


class SubjectRepository:
    """The subjects a conversation is about, and the people around them."""

    async def booking(self, booking_id: UUID) -> Row | None:
        return await Booking.select(
            Booking.id, Booking.requester, Booking.owner_unit, Booking.owner_municipality,
            Booking.listing.id.as_alias("listing_id"), Booking.listing.title.as_alias("title"),
        ).where(Booking.id == booking_id).first()

    async def job(self, job_id: UUID) -> Row | None:
        row = await TransportJob.select(TransportJob.id, TransportJob.municipality, TransportJob.driver,
                                        TransportJob.booking_id, TransportJob.delivery_address).where(
            TransportJob.id == job_id).first()
        if row is None:
            return None
        booking = await self.booking(row["booking_id"]) if row["booking_id"] else None
        row["requester"] = booking["requester"] if booking else None
        row["listing_id"] = booking["listing_id"] if booking else None
        row["title"] = booking["title"] if booking else row["delivery_address"]
        return row

    async def unit_members(self, municipality_id: UUID, unit_id: UUID) -> list[UUID]:
        return await User.select(User.id).where(
            User.municipality == municipality_id, User.unit == unit_id, User.active.eq(True)
        ).order_by(User.created_at).limit(MEMBERS_CAP).output(as_list=True)

    async def coordinators(self, municipality_id: UUID) -> list[UUID]:
        return await UserRole.select(UserRole.user.id).where(
            UserRole.role == "coordinator", UserRole.user.municipality == municipality_id,
            UserRole.user.active.eq(True)).limit(MEMBERS_CAP).output(as_list=True)

    async def name_of(self, user_id: UUID) -> str:
        row = await User.select(User.name).where(User.id == user_id).first()
        return row["name"] if row else ""


class RetentionRepository:
    """The retention clean-up's queries, across all municipalities (system work, no user), and each
    municipality's own retention. A scope is one municipality, or every one but those listed."""

    async def custom_days(self) -> list[Row]:
        return await RetentionSetting.select(RetentionSetting.municipality, RetentionSetting.days)

    async def days_of(self, municipality_id: UUID) -> int | None:
        row = await RetentionSetting.select(RetentionSetting.days).where(
            RetentionSetting.municipality == municipality_id).first()
        return row["days"] if row else None

    async def set_days(self, municipality_id: UUID, days: int | None, now: datetime) -> None:
        """The municipality's own days; None goes back to the installation's."""
        await RetentionSetting.delete().where(RetentionSetting.municipality == municipality_id)
        if days is not None:
            await RetentionSetting.insert(RetentionSetting(id=uuid4(), municipality=municipality_id, days=days,
                                                           updated_at=now))

    async def old_conversations(self, before: datetime, limit: int, scope: Scope) -> list[UUID]:
        """Conversations whose last message (or start, if none) is older than `before`: all of it is old."""
        return await Conversation.select(Conversation.id).where(
            Conversation.last_message_at < before, *scope.where(Conversation.owner_municipality)).limit(
            limit).output(as_list=True)

    async def photos_in(self, conversation_ids: list[UUID]) -> list[tuple[UUID, UUID]]:
        if not conversation_ids:
            return []
        rows = await Message.select(Message.conversation, Message.id).where(
            Message.conversation.is_in(conversation_ids), Message.photo.eq(True))
        return [(r["conversation"], r["id"]) for r in rows]

    async def delete_conversations(self, ids: list[UUID]) -> None:
        """With their participants and messages (deleted here, not left to the database's cascade)."""
        if ids:
            await Message.delete().where(Message.conversation.is_in(ids))
            await Participant.delete().where(Participant.conversation.is_in(ids))
            await Conversation.delete().where(Conversation.id.is_in(ids))

    async def old_messages(self, before: datetime, limit: int, scope: Scope) -> list[Row]:
        return await Message.select(Message.id, Message.conversation, Message.photo).where(
            Message.created_at < before, *scope.where(Message.conversation._.owner_municipality)).limit(limit)

    async def delete_messages(self, ids: list[UUID]) -> None:
        if ids:
            await Message.delete().where(Message.id.is_in(ids))


@dataclass(frozen=True, slots=True)
class Scope:
    """Which municipalities' conversations a clean-up pass reaches: `only` one, or all but `excluded`."""

    only: UUID | None = None
    excluded: tuple[UUID, ...] = ()

    def where(self, column) -> list:
        if self.only is not None:
            return [column == self.only]
        return [column.not_in(list(self.excluded))] if self.excluded else []
