"""HTTP for the personal calendar feed: create or revoke its secret URL, and serve it."""

from __future__ import annotations

from typing import Annotated

from litestar import Controller, Request, Response, delete, get, post
from litestar.params import FromPath, Parameter
from litestar.status_codes import HTTP_201_CREATED, HTTP_204_NO_CONTENT

from backend.bookings import schemas
from backend.bookings.feeds import FeedService
from backend.deps import ActorDep, DbDep
from backend.security import PUBLIC

FEED_PATH = "/ical/"
FeedToken = Annotated[str, Parameter(max_length=100, pattern=r"^[A-Za-z0-9_-]+(\.ics)?$",
                                     description="The secret of a calendar feed.")]


class CalendarFeedController(Controller):
    path = "/api/calendar-feed"
    tags = ["bookings"]

    @post("/")
    async def create_feed(self, request: Request, db: DbDep, actor: ActorDep) -> Response[schemas.FeedRead]:
        """A new secret feed URL, shown once; older URLs of this user stop working."""
        token, created_at = await FeedService(db).create(actor)
        url = str(request.base_url).rstrip("/") + f"{FEED_PATH}{token}.ics"
        return Response(schemas.FeedRead(url=url, created_at=created_at), status_code=HTTP_201_CREATED)

    @delete("/", status_code=HTTP_204_NO_CONTENT)
    async def revoke_feed(self, db: DbDep, actor: ActorDep) -> None:
        await FeedService(db).revoke(actor)


@get(FEED_PATH + "{token:str}", opt={PUBLIC: True}, tags=["bookings"], media_type="text/calendar; charset=utf-8",
     cache_control=None)
async def calendar_feed(db: DbDep, token: FromPath[FeedToken]) -> Response[str]:
    """The feed itself: calendar apps fetch it without a session, the secret in the URL is the key."""
    text = await FeedService(db).render(token.removesuffix(".ics"))
    return Response(text, headers={"Cache-Control": "private, max-age=300"})
