"""The address printed on every label, /Q/<code>: sends a phone to the right page of the app."""

from __future__ import annotations

from html import escape
from urllib.parse import quote

from litestar import Request, Response, get
from litestar.params import FromPath
from litestar.response import Redirect
from litestar.status_codes import HTTP_303_SEE_OTHER, HTTP_404_NOT_FOUND

from backend.codes.service import CodeService
from backend.deps import DbDep, SessionsDep
from backend.errors import Invalid, NotFound
from backend.params import CodeText
from backend.security import PUBLIC, SESSION_COOKIE

NOT_FOUND_PAGE = """<!doctype html>
<html lang="sv"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Etiketten finns inte – Delbar</title>
<style>body{{font:1.125rem/1.5 system-ui,sans-serif;margin:0;padding:1.5rem;max-width:36rem;color:#1b1f1d}}
a{{color:#0b5560;font-weight:600}}code{{font-size:1.25rem;letter-spacing:.08em}}</style></head>
<body><main><h1>Vi hittar inte den här etiketten</h1>
<p>Koden <code>{code}</code> hör inte till någon sak eller plats i din kommun. {why}</p>
<p><a href="/">Till Delbars startsida</a></p>
<p lang="en">We cannot find this label in your municipality.</p></main></body></html>
"""
WHY = {
    "code_mistyped": "Ett tecken verkar vara fel. Kontrollera koden under QR-koden och skriv den igen.",
    "code_unknown": "Den kan tillhöra en annan kommun, eller så har den aldrig skrivits ut hos oss.",
}


def not_found_page(code: str, reason: str) -> Response[str]:
    why = WHY.get(reason, "Det här ser inte ut som en Delbar-etikett.")
    return Response(NOT_FOUND_PAGE.format(code=escape(code[:40]), why=why), media_type="text/html",
                    status_code=HTTP_404_NOT_FOUND, headers={"Cache-Control": "no-store"})


@get(["/Q/{code:str}", "/q/{code:str}"], opt={PUBLIC: True}, include_in_schema=False)
async def resolve_label(request: Request, db: DbDep, sessions: SessionsDep, code: FromPath[CodeText]) -> Response:
    """Item → /sak/<id>, location → /plats/<id>, unlinked → /koppla/<code>; signed out → login first."""
    found = await sessions.actor_for(request.cookies.get(SESSION_COOKIE))
    if found is None:
        back = quote(f"/q/{code[:40]}", safe="/")
        return Redirect(f"/login?next={back}", status_code=HTTP_303_SEE_OTHER)
    try:
        read = await CodeService(db, found[0]).read(code)
    except (Invalid, NotFound) as error:
        return not_found_page(code, error.error)
    if read.target is not None:
        prefix = "/sak" if read.target.type == "item" else "/plats"
        return Redirect(f"{prefix}/{read.target.id}", status_code=HTTP_303_SEE_OTHER)
    if read.status == "unlinked":
        return Redirect(f"/koppla/{read.code}", status_code=HTTP_303_SEE_OTHER)
    return not_found_page(code, "code_unknown")


route_handlers = [resolve_label]
