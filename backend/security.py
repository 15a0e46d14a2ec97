"""Authentication and CSRF at the HTTP edge: session cookie → Actor, token header on writes."""

from __future__ import annotations

from urllib.parse import urlparse

from litestar import Request, Response
from litestar.connection import ASGIConnection
from litestar.middleware import AbstractAuthenticationMiddleware, AuthenticationResult

from backend.accounts.sessions import NewSession, SessionService, csrf_matches
from backend.errors import Forbidden, NotAuthenticated
from backend.tenancy import Actor

SESSION_COOKIE = "delbar_session"
CSRF_HEADER = "x-csrf-token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Handlers marked with opt={PUBLIC: True} need no session; {CSRF_EXEMPT: True} need no token.
PUBLIC = "public"
CSRF_EXEMPT = "csrf_exempt"


class SessionAuthMiddleware(AbstractAuthenticationMiddleware):
    """Resolve the session cookie to an Actor; refuse unsafe requests without the CSRF token."""

    async def authenticate_request(self, connection: ASGIConnection) -> AuthenticationResult:
        sessions: SessionService = connection.app.state.sessions
        found = await sessions.actor_for(connection.cookies.get(SESSION_COOKIE))
        if found is None:
            raise NotAuthenticated("Sign in first.")
        actor, csrf_token = found
        handler_opt = connection.scope["route_handler"].opt
        unsafe = connection.scope.get("method", "GET") not in SAFE_METHODS and not handler_opt.get(CSRF_EXEMPT)
        if unsafe and not csrf_matches(csrf_token, connection.headers.get(CSRF_HEADER)):
            raise Forbidden("Missing or wrong CSRF token (X-CSRF-Token header).", error="csrf_failed")
        return AuthenticationResult(user=actor, auth=csrf_token)




def provide_actor(request: Request) -> Actor:
    return request.user


def check_same_origin(request: Request) -> None:
    """Refuse a cross-site form post to the login endpoint (login CSRF)."""
    origin = request.headers.get("origin")
    if origin and origin != "null" and urlparse(origin).netloc != request.headers.get("host", ""):
        raise Forbidden("Cross-site sign-in is not allowed.", error="cross_site")


def set_session_cookie(request: Request, response: Response, session: NewSession) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        session.token,
        max_age=session.max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=request.url.scheme == "https",
    )


def clear_session_cookie(response: Response) -> None:
    response.delete_cookie(SESSION_COOKIE, path="/")
