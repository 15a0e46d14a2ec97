"""HTTP for push: the server key, devices, preferences, a test push and the in-app list."""

from __future__ import annotations

from uuid import UUID

from litestar import Controller, Response, delete, get, post, put
from litestar.params import FromPath, FromQuery, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_202_ACCEPTED, HTTP_204_NO_CONTENT

from backend.deps import ActorDep, DbDep
from backend.errors import NotFound
from backend.openapi import retried
from backend.params import bounded, optional_bounded
from backend.push import schemas
from backend.push.service import PushService

Before = optional_bounded(1, 2**63 - 1, "Only notifications older than this cursor (next_before of the page before).")
Limit = bounded(1, 100, "How many notifications per page.")


def _notification(row: dict) -> schemas.NotificationRead:
    return schemas.NotificationRead(id=row["id"], kind=row["kind"], title=row["title"], body=row["body"],
                                    url=row["url"], created_at=row["created_at"], read_at=row["read_at"])


class PushController(Controller):
    path = "/api/push"
    tags = ["push"]

    @get("/key")
    async def get_push_key(self, db: DbDep, actor: ActorDep) -> schemas.PushKeyRead:
        key = await PushService(db, actor).public_key()
        return schemas.PushKeyRead(public_key=key.application_server_key)

    @get("/subscriptions")
    async def list_subscriptions(self, db: DbDep, actor: ActorDep) -> list[schemas.SubscriptionRead]:
        rows = await PushService(db, actor).list_devices()
        return [schemas.SubscriptionRead(id=r["id"], endpoint=r["endpoint"], created_at=r["created_at"]) for r in rows]

    @post("/subscriptions", responses=retried(schemas.SubscriptionRead))
    async def create_subscription(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.SubscriptionCreate]
    ) -> Response[schemas.SubscriptionRead]:
        row, created = await PushService(db, actor).subscribe(data)
        body = schemas.SubscriptionRead(id=row["id"], endpoint=row["endpoint"], created_at=row["created_at"])
        return Response(body, status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @delete("/subscriptions", status_code=HTTP_204_NO_CONTENT, raises=[NotFound])
    async def delete_subscription(self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.SubscriptionDelete]) -> None:
        await PushService(db, actor).unsubscribe(data.endpoint)

    @get("/preferences")
    async def get_preferences(self, db: DbDep, actor: ActorDep) -> schemas.PreferencesRead:
        return await PushService(db, actor).get_preferences()

    @put("/preferences")
    async def update_preferences(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.PreferencesUpdate]
    ) -> schemas.PreferencesRead:
        return await PushService(db, actor).set_preferences(data)

    @post("/test", status_code=HTTP_202_ACCEPTED)
    async def send_test_push(self, db: DbDep, actor: ActorDep) -> schemas.TestSent:
        return schemas.TestSent(devices=await PushService(db, actor).send_test())


class NotificationController(Controller):
    path = "/api/notifications"
    tags = ["push"]

    @get("/")
    async def list_notifications(
        self,
        db: DbDep,
        actor: ActorDep,
        before: FromQuery[Before] = None,
        limit: FromQuery[Limit] = 20,
    ) -> schemas.NotificationPage:
        rows, unread, next_before = await PushService(db, actor).page(before, limit)
        return schemas.NotificationPage(items=[_notification(r) for r in rows], unread=unread, next_before=next_before)

    @post("/{notification_id:uuid}/read", status_code=HTTP_200_OK)
    async def mark_notification_read(
        self, db: DbDep, actor: ActorDep, notification_id: FromPath[UUID]
    ) -> schemas.NotificationRead:
        return _notification(await PushService(db, actor).mark_read(notification_id))

    @post("/read", status_code=HTTP_204_NO_CONTENT)
    async def mark_all_notifications_read(self, db: DbDep, actor: ActorDep) -> None:
        await PushService(db, actor).mark_all_read()
