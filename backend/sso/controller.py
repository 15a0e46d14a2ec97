"""HTTP for single sign-on: the admin's provider setting, routing an address, the sign-in round trip."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from litestar import Controller, Request, Response, delete, get, post, put
from litestar.params import JSONBody, QueryParameter
from litestar.response import Redirect
from litestar.status_codes import HTTP_200_OK, HTTP_204_NO_CONTENT, HTTP_303_SEE_OTHER

from backend.accounts.deps import SessionsDep
from backend.deps import ActorDep, DbDep, SettingsDep
from backend.errors import Conflict, Forbidden, Invalid, NotFound
from backend.security import PUBLIC, clear_session_cookie, set_session_cookie
from backend.sso import schemas
from backend.sso.deps import OidcDep
from backend.sso.oidc import SignInRefused
from backend.sso.service import ProviderService
from backend.sso.signin import SignInService, Where

STATE_COOKIE = "delbar_sso_state"
STATE_COOKIE_PATH = "/api/sso"
EmailQuery = Annotated[str, QueryParameter(min_length=3, max_length=254)]
NextQuery = Annotated[str | None, QueryParameter(name="next", max_length=500, required=False)]
StateQuery = Annotated[str | None, QueryParameter(name="state", max_length=4000, required=False)]
CallbackText = Annotated[str | None, QueryParameter(max_length=4000, required=False)]


def _where(request: Request) -> Where:
    return Where(request.client.host if request.client else "unknown", request.headers.get("user-agent", ""))


def _refused(reason: str) -> Redirect:
    """Back to the login screen, which says in the person's language what went wrong."""
    redirect = Redirect(f"/login?sso_error={quote(reason)}", status_code=HTTP_303_SEE_OTHER)
    redirect.headers["Cache-Control"] = "no-store"
    return redirect


class ProviderController(Controller):
    """The municipality's identity provider and claim mapping (admins)."""

    path = "/api/sso/provider"
    tags = ["single sign-on"]

    @get("/")
    async def get_provider(self, db: DbDep, actor: ActorDep, settings: SettingsDep) -> schemas.SsoSettingsRead:
        return await ProviderService(db, actor, settings).read()

    @put("/", raises=[Invalid, Conflict, Forbidden])
    async def set_provider(self, db: DbDep, actor: ActorDep, settings: SettingsDep,
                           data: JSONBody[schemas.ProviderWrite]) -> schemas.SsoSettingsRead:
        return await ProviderService(db, actor, settings).put(data)

    @delete("/", status_code=HTTP_204_NO_CONTENT, raises=[NotFound, Forbidden])
    async def delete_provider(self, db: DbDep, actor: ActorDep, settings: SettingsDep) -> None:
        await ProviderService(db, actor, settings).delete()


class SignInController(Controller):
    """Where an address signs in, the round trip through the provider, and signing out of both."""

    path = "/api/sso"
    tags = ["single sign-on"]

    @get("/discover", opt={PUBLIC: True})
    async def discover(self, db: DbDep, settings: SettingsDep, sessions: SessionsDep, oidc: OidcDep,
                       email: EmailQuery) -> schemas.SsoDiscovery:
        """The provider that signs in this address ("Logga in med Ystads konto"), or null for a password."""
        provider = await SignInService(db, settings, sessions, oidc).route(email)
        if provider is None:
            return schemas.SsoDiscovery(provider=None)
        return schemas.SsoDiscovery(provider=schemas.SsoRoute(
            display_name=provider["display_name"], start_url=f"/api/sso/start?email={quote(email.strip())}"))

    @get("/start", opt={PUBLIC: True}, include_in_schema=False)
    async def start(self, request: Request, db: DbDep, settings: SettingsDep, sessions: SessionsDep, oidc: OidcDep,
                    email: EmailQuery, next_path: NextQuery = None) -> Response:
        """A navigation: off to the provider's sign-in, with the state also in a short-lived cookie."""
        try:
            started = await SignInService(db, settings, sessions, oidc).start(email, next_path, _where(request))
        except SignInRefused as refusal:
            return _refused(refusal.reason)
        redirect = Redirect(started.url, status_code=HTTP_303_SEE_OTHER)
        redirect.set_cookie(STATE_COOKIE, started.state, max_age=600, path=STATE_COOKIE_PATH, httponly=True,
                            samesite="lax", secure=request.url.scheme == "https")
        redirect.headers["Cache-Control"] = "no-store"
        return redirect

    @get("/callback", opt={PUBLIC: True}, include_in_schema=False)
    async def callback(self, request: Request, db: DbDep, settings: SettingsDep, sessions: SessionsDep,
                       oidc: OidcDep, state_param: StateQuery = None, code: CallbackText = None,
                       error: CallbackText = None) -> Response:
        """The provider sends the browser back here; signed in, it goes on to where it started."""
        service = SignInService(db, settings, sessions, oidc)
        try:
            finished = await service.finish(state=state_param, cookie_state=request.cookies.get(STATE_COOKIE),
                                            code=code, error=error, where=_where(request))
        except SignInRefused as refusal:
            response = _refused(refusal.reason)
        else:
            response = Redirect(finished.return_path, status_code=HTTP_303_SEE_OTHER)
            response.headers["Cache-Control"] = "no-store"
            set_session_cookie(request, response, finished.session)
        response.delete_cookie(STATE_COOKIE, path=STATE_COOKIE_PATH)
        return response

    @post("/logout", status_code=HTTP_200_OK)
    async def logout(self, db: DbDep, settings: SettingsDep, sessions: SessionsDep, oidc: OidcDep,
                     actor: ActorDep) -> Response[schemas.SignedOut]:
        """End the Delbar session; `redirect_url` is the provider's sign-out when it has one."""
        url = await SignInService(db, settings, sessions, oidc).sign_out(actor)
        response = Response(schemas.SignedOut(redirect_url=url))
        clear_session_cookie(response)
        return response
