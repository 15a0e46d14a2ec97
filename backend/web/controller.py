"""Serves the PWA: files from pwa/, the shell for app routes, and the generated precache list."""

from __future__ import annotations

from litestar import Response, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath
from litestar.response import File

from backend.security import PUBLIC
from backend.web.shell import Shell, media_type

ShellDep = NamedDependency[Shell]

# App routes are served the shell; these prefixes belong to the server and never are.
SERVER_PREFIXES = ("api/", "schema", "health")
REVALIDATE = {"Cache-Control": "no-cache"}


@get("/precache-manifest.js", opt={PUBLIC: True}, include_in_schema=False)
async def precache_manifest(shell: ShellDep) -> Response[str]:
    return Response(shell.precache_module(), media_type="text/javascript", headers=REVALIDATE)


@get(["/", "/{path:path}"], opt={PUBLIC: True}, include_in_schema=False)
async def pwa_file(shell: ShellDep, path: FromPath[str] = "/") -> File:
    """A file of the app, or the app shell for a navigation to one of its routes."""
    rel = path.lstrip("/")
    if rel.startswith(SERVER_PREFIXES):
        raise NotFoundException(f"No such resource: /{rel}")
    file = shell.resolve(rel) if rel else None
    if file is None:
        last = rel.rsplit("/", 1)[-1]
        if "." in last:
            raise NotFoundException(f"No such file: /{rel}")
        file = shell.root / "index.html"
    headers = dict(REVALIDATE)
    if file.name == "sw.js":
        headers["Service-Worker-Allowed"] = "/"
    return File(path=file, media_type=media_type(file), headers=headers, content_disposition_type="inline", etag=None)


route_handlers = [precache_manifest, pwa_file]
