"""HTTP for conversations: the inbox, one conversation, and its messages."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from litestar import Controller, Response, get, post, put
from litestar.datastructures import UploadFile
from litestar.params import FromPath, FromQuery, JSONBody, MultipartBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend.catalog.controller import PHOTO_CACHE, UPLOAD_BODY_LIMIT
from backend.catalog.storage import photo_store
from backend.conversations import schemas
from backend.conversations.repository import Row
from backend.conversations.retention_service import RetentionService
from backend.conversations.service import ConversationService
from backend.deps import ActorDep, DbDep, MadeByHeader, SettingsDep
from backend.errors import Conflict, Forbidden, RateLimited, Unprocessable
from backend.openapi import retried
from backend.params import bounded

InboxPage = bounded(1, 50, "Conversations per page, the newest first.")
MessagePage = bounded(1, 50, "Messages per page, the newest first.")
ReportPage = bounded(1, 50, "Reports per page, the newest first.")


def subject(row: Row) -> schemas.Subject:
    photo = f"/api/photos/{row['photo_id']}/thumb" if row["photo_id"] else None
    return schemas.Subject(kind=row["subject_kind"], id=row["subject_id"], title=row["title"], photo_url=photo)


def message_read(row: Row, me: UUID, roles: dict[UUID, str]) -> schemas.MessageRead:
    author = schemas.Person(id=row["author_id"], name=row["author_name"], role=roles.get(row["author_id"], ""))
    photo = f"/api/conversations/{row['conversation_id']}/messages/{row['id']}/photo" if row["photo"] else None
    return schemas.MessageRead(id=row["id"], client_id=row["client_id"], author=author, body=row["body"],
                               hidden=row["hidden"], reported=row["reported"], mine=row["author_id"] == me,
                               photo_url=f"{photo}/display" if photo else None,
                               thumb_url=f"{photo}/thumb" if photo else None, created_at=row["created_at"])


@dataclass
class PhotoUpload:
    file: UploadFile


def next_before(rows: list[Row], limit: int, key: str) -> datetime | None:
    return rows[-1][key] if len(rows) == limit else None


class ConversationController(Controller):
    path = "/api/conversations"
    tags = ["conversations"]

    @get("/")
    async def list_conversations(self, db: DbDep, actor: ActorDep, before: FromQuery[datetime | None] = None,
                                 limit: InboxPage = 20) -> schemas.InboxRead:
        """My inbox: conversations newest first, with unread counts and each subject's title and photo."""
        rows, total = await ConversationService(db, actor).inbox(before, limit)
        items = [schemas.InboxEntry(id=r["id"], subject=subject(r), preview=r["preview"],
                                    last_message_at=r["last_message_at"], unread=r["unread"]) for r in rows]
        return schemas.InboxRead(items=items, unread_total=total, next_before=next_before(rows, limit,
                                                                                           "last_message_at"))

    @get("/retention", raises=[Forbidden])
    async def get_retention(self, db: DbDep, actor: ActorDep, settings: SettingsDep) -> schemas.RetentionRead:
        """The admin's municipality: how many days its conversations keep their messages."""
        own, days = await RetentionService(db, actor, settings.conversation_retention_days).get()
        return schemas.RetentionRead(days=days, own_days=own, default_days=settings.conversation_retention_days)

    @put("/retention", raises=[Forbidden])
    async def update_retention(self, db: DbDep, actor: ActorDep, settings: SettingsDep,
                               data: JSONBody[schemas.RetentionUpdate]) -> schemas.RetentionRead:
        """The admin sets the municipality's own days (30 to 3650), or null for the installation's."""
        own, days = await RetentionService(db, actor, settings.conversation_retention_days).set(data.own_days)
        return schemas.RetentionRead(days=days, own_days=own, default_days=settings.conversation_retention_days)

    @get("/unread")
    async def count_unread(self, db: DbDep, actor: ActorDep) -> schemas.UnreadRead:
        """The number beside "Meddelanden" in the navigation."""
        return schemas.UnreadRead(count=await ConversationService(db, actor).unread())

    @get("/reports", raises=[Forbidden])
    async def list_reports(self, db: DbDep, actor: ActorDep, before: FromQuery[datetime | None] = None,
                           limit: ReportPage = 20) -> schemas.ReportsRead:
        """Coordinators: the messages reported in their municipality's conversations and not hidden or dismissed."""
        rows = await ConversationService(db, actor).reports(before, limit)
        items = [schemas.ReportEntry(
            conversation_id=r["conversation_id"], subject=subject(r), message=message_read(r, actor.user_id, {}),
            reported_by=schemas.Person(id=r["reporter_id"], name=r["reporter_name"], role="")
            if r["reporter_id"] else None,
            reported_at=r["reported_at"]) for r in rows]
        return schemas.ReportsRead(items=items, next_before=next_before(rows, limit, "reported_at"))

    @post("/", responses=retried(schemas.ConversationRead), raises=[Conflict])
    async def start_conversation(self, db: DbDep, actor: ActorDep,
                                 data: JSONBody[schemas.ConversationStart]) -> Response[schemas.ConversationRead]:
        service = ConversationService(db, actor)
        row, created = await service.start(data.subject_kind, data.subject_id)
        page = await self._page(service, row["id"], None, 20)
        return Response(page, status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @get("/about")
    async def find_conversation(self, db: DbDep, actor: ActorDep, subject_kind: FromQuery[schemas.SubjectKind],
                                subject_id: FromQuery[UUID], limit: MessagePage = 5) -> schemas.ConversationRead:
        """My conversation about a listing (as its asker), a booking or a transport job, with its latest
        messages; 404 when there is none yet (nothing is started: POST /api/conversations does that)."""
        service = ConversationService(db, actor)
        return await self._page(service, await service.find(subject_kind, subject_id), None, limit)

    @get("/{conversation_id:uuid}")
    async def get_conversation(self, db: DbDep, actor: ActorDep, conversation_id: FromPath[UUID],
                               before: FromQuery[datetime | None] = None,
                               limit: MessagePage = 30) -> schemas.ConversationRead:
        """One conversation with a page of its messages, newest first; the first page marks it read."""
        return await self._page(ConversationService(db, actor), conversation_id, before, limit)

    @post("/{conversation_id:uuid}/messages", responses=retried(schemas.MessageRead),
          raises=[Unprocessable, RateLimited, Conflict])
    async def create_message(self, db: DbDep, actor: ActorDep, conversation_id: FromPath[UUID],
                             data: JSONBody[schemas.MessageCreate],
                             made_by: MadeByHeader = None) -> Response[schemas.MessageRead]:
        """Write a message; X-Delbar-User names who wrote one a phone queued offline (409 under anyone else)."""
        actor.require_maker(made_by)
        row, created = await ConversationService(db, actor).post(conversation_id, data.client_id, data.body)
        return Response(message_read(row, actor.user_id, {}), status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @post("/{conversation_id:uuid}/messages/{message_id:uuid}/report", status_code=HTTP_200_OK)
    async def report_message(self, db: DbDep, actor: ActorDep, conversation_id: FromPath[UUID],
                             message_id: FromPath[UUID]) -> schemas.MessageRead:
        """Tell the municipality's coordinators about a message that should not be there."""
        row = await ConversationService(db, actor).report(conversation_id, message_id)
        return message_read(row, actor.user_id, {})

    @post("/{conversation_id:uuid}/messages/{message_id:uuid}/hide", status_code=HTTP_200_OK)
    async def hide_message(self, db: DbDep, actor: ActorDep, conversation_id: FromPath[UUID],
                           message_id: FromPath[UUID], data: JSONBody[schemas.MessageHide]) -> schemas.MessageRead:
        """A coordinator hides a message (hidden: false shows it again)."""
        row = await ConversationService(db, actor).hide(conversation_id, message_id, data.hidden)
        return message_read(row, actor.user_id, {})

    @post("/{conversation_id:uuid}/messages/{message_id:uuid}/dismiss", status_code=HTTP_200_OK, raises=[Forbidden])
    async def dismiss_report(self, db: DbDep, actor: ActorDep, conversation_id: FromPath[UUID],
                             message_id: FromPath[UUID]) -> schemas.MessageRead:
        """A coordinator finds a reported message fine: the report leaves their list, the message stays."""
        row = await ConversationService(db, actor).dismiss(conversation_id, message_id)
        return message_read(row, actor.user_id, {})

    @post("/{conversation_id:uuid}/messages/{message_id:uuid}/photo", request_max_body_size=UPLOAD_BODY_LIMIT,
          status_code=HTTP_200_OK)
    async def upload_message_photo(self, db: DbDep, actor: ActorDep, settings: SettingsDep,
                                   conversation_id: FromPath[UUID], message_id: FromPath[UUID],
                                   data: MultipartBody[PhotoUpload]) -> schemas.MessageRead:
        """The author adds a photo to their message (once; sending it again changes nothing)."""
        row = await ConversationService(db, actor).attach_photo(
            conversation_id, message_id, await data.file.read(), photo_store(settings), settings.photo_max_bytes,
            settings.photo_max_pixels)
        return message_read(row, actor.user_id, {})

    @get("/{conversation_id:uuid}/messages/{message_id:uuid}/photo/{size:str}", media_type="image/webp")
    async def get_message_photo(self, db: DbDep, actor: ActorDep, settings: SettingsDep,
                                conversation_id: FromPath[UUID], message_id: FromPath[UUID],
                                size: FromPath[schemas.PhotoSize]) -> Response[bytes]:
        data = await ConversationService(db, actor).photo(conversation_id, message_id, size, photo_store(settings))
        return Response(data, media_type="image/webp", headers={"Cache-Control": PHOTO_CACHE})

    async def _page(self, service: ConversationService, conversation_id: UUID, before: datetime | None,
                    limit: int) -> schemas.ConversationRead:
        row, people, messages = await service.read(conversation_id, before, limit)
        roles = {p["id"]: p["role"] for p in people}
        return schemas.ConversationRead(
            id=row["id"], subject=subject(row),
            participants=[schemas.Person(id=p["id"], name=p["name"], role=p["role"]) for p in people],
            messages=[message_read(m, service.actor.user_id, roles) for m in messages],
            next_before=next_before(messages, limit, "created_at"))
