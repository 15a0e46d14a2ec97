"""HTTP for e-mail: one-click unsubscribing, password links, invitations, the municipality's defaults."""

from __future__ import annotations

from html import escape
from typing import Annotated
from uuid import UUID

from litestar import Controller, MediaType, Request, Response, get, post, put
from litestar.openapi.datastructures import ResponseSpec
from litestar.params import FromPath, FromQuery, JSONBody, Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED, HTTP_202_ACCEPTED, HTTP_204_NO_CONTENT

from backend.deps import ActorDep, DbDep, SettingsDep
from backend.errors import Conflict, Invalid, NotFound, RateLimited
from backend.mail import schemas
from backend.mail.links import PasswordLinks
from backend.mail.service import DefaultsService, UnsubscribeService
from backend.messages import text
from backend.openapi import retried
from backend.params import LinkToken
from backend.security import CSRF_EXEMPT, PUBLIC, check_same_origin

UserParam = Annotated[UUID, Parameter(description="The person the link was made for.")]
KindParam = Annotated[str, Parameter(min_length=1, max_length=30, pattern=r"^[a-z_]+$",
                                     description="The kind of event the link stops e-mails about.")]
SignatureParam = Annotated[str, Parameter(min_length=10, max_length=60, pattern=r"^[A-Za-z0-9_=-]+$",
                                          description="The link's signature.")]


# The 404 of a link that is not genuine is a page too: people open these links in a browser.
NOT_A_LINK = {404: ResponseSpec(str, media_type=MediaType.HTML, description="The link is not valid (a page).")}


def _page(lang: str, heading: str, body: str, form: str = "", status: int = HTTP_200_OK) -> Response[str]:
    html = (f'<!doctype html><html lang="{lang}"><head><meta charset="utf-8">'
            '<meta name="viewport" content="width=device-width, initial-scale=1">'
            f"<title>{escape(heading)} – Delbar</title>"
            '<style>body{font-family:system-ui,sans-serif;font-size:1.1rem;line-height:1.5;max-width:34rem;'
            'margin:2rem auto;padding:0 1rem;color:#1a1a1a}button{font:inherit;padding:.7rem 1.4rem;'
            'min-height:48px;background:#0b5d3b;color:#fff;border:0;border-radius:6px;cursor:pointer}'
            'a{color:#0b5d3b}</style></head>'
            f"<body><main><h1>{escape(heading)}</h1><p>{escape(body)}</p>{form}"
            f'<p><a href="/">Delbar</a></p></main></body></html>')
    return Response(html, media_type=MediaType.HTML, status_code=status)


def _kind_name(kind: str, lang: str) -> str:
    return text(f"kind.{kind}", lang)


class UnsubscribeController(Controller):
    """The List-Unsubscribe link: GET shows a page that asks first; POST (RFC 8058) turns it off."""

    path = "/api/mail/unsubscribe"
    tags = ["mail"]

    @get("/", opt={PUBLIC: True}, media_type=MediaType.HTML, responses=NOT_A_LINK)
    async def confirm_unsubscribe(self, db: DbDep, u: FromQuery[UserParam], k: FromQuery[KindParam],
                                  s: FromQuery[SignatureParam]) -> Response[str]:
        try:
            lang = await UnsubscribeService(db).check(u, k, s)
        except NotFound:
            return _page("sv", text("unsubscribe.title", "sv"), text("unsubscribe.invalid", "sv"), status=404)
        form = f'<form method="post"><button type="submit">{escape(text("unsubscribe.button", lang))}</button></form>'
        return _page(lang, text("unsubscribe.title", lang),
                     text("unsubscribe.confirm", lang, kind=_kind_name(k, lang)), form)

    @post("/", opt={PUBLIC: True, CSRF_EXEMPT: True}, media_type=MediaType.HTML, status_code=HTTP_200_OK,
          responses=NOT_A_LINK)
    async def unsubscribe(self, db: DbDep, u: FromQuery[UserParam], k: FromQuery[KindParam],
                          s: FromQuery[SignatureParam]) -> Response[str]:
        try:
            lang = await UnsubscribeService(db).apply(u, k, s)
        except NotFound:
            return _page("sv", text("unsubscribe.title", "sv"), text("unsubscribe.invalid", "sv"), status=404)
        return _page(lang, text("unsubscribe.title", lang), text("unsubscribe.done", lang, kind=_kind_name(k, lang)))


class PasswordLinkController(Controller):
    """Forgotten passwords and invitations: the link in the e-mail, and setting a password from it."""

    path = "/api/password-links"
    tags = ["mail"]

    @post("/", opt={PUBLIC: True, CSRF_EXEMPT: True}, status_code=HTTP_202_ACCEPTED, raises=[RateLimited])
    async def request_password_link(self, request: Request, db: DbDep, settings: SettingsDep,
                                    data: JSONBody[schemas.ResetRequest]) -> schemas.Accepted:
        check_same_origin(request)
        client = request.client.host if request.client else "unknown"
        links = PasswordLinks(db, password_hashing=settings.password_hashing)
        return schemas.Accepted(detail=await links.request_reset(data.email, client))

    @get("/{token:str}", opt={PUBLIC: True}, raises=[Invalid])
    async def get_password_link(self, db: DbDep, token: FromPath[LinkToken]) -> schemas.LinkRead:
        row = await PasswordLinks(db).check(token)
        return schemas.LinkRead(purpose=row["purpose"], email=row["email"])

    @post("/password", opt={PUBLIC: True, CSRF_EXEMPT: True}, status_code=HTTP_204_NO_CONTENT, raises=[Invalid])
    async def set_password_from_link(self, request: Request, db: DbDep, settings: SettingsDep,
                                     data: JSONBody[schemas.PasswordSet]) -> None:
        check_same_origin(request)
        await PasswordLinks(db, password_hashing=settings.password_hashing).set_password(data.token, data.password)


class InvitationController(Controller):
    path = "/api/invitations"
    tags = ["mail"]

    @post("/", responses=retried(schemas.InvitationRead), raises=[Conflict, Invalid])
    async def create_invitation(self, db: DbDep, actor: ActorDep, settings: SettingsDep,
                                data: JSONBody[schemas.InvitationCreate]) -> Response[schemas.InvitationRead]:
        user, created = await PasswordLinks(db, password_hashing=settings.password_hashing).invite(actor, data)
        body = schemas.InvitationRead(user_id=user["id"], email=user["email"], expires_in_days=7)
        return Response(body, status_code=HTTP_201_CREATED if created else HTTP_200_OK)


class MailDefaultsController(Controller):
    path = "/api/mail/defaults"
    tags = ["mail"]

    @get("/")
    async def get_mail_defaults(self, db: DbDep, actor: ActorDep) -> schemas.DefaultsRead:
        return await DefaultsService(db, actor).get()

    @put("/", raises=[Conflict])
    async def update_mail_defaults(self, db: DbDep, actor: ActorDep,
                                   data: JSONBody[schemas.DefaultsUpdate]) -> schemas.DefaultsRead:
        return await DefaultsService(db, actor).update(data)
