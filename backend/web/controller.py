"""Serves the PWA: files from pwa/, the shell for app routes, and the generated precache list."""

from __future__ import annotations

from litestar import Request, Response, get
from litestar.di import NamedDependency
from litestar.exceptions import NotFoundException
from litestar.params import FromPath

from backend.security import PUBLIC
from backend.web.assets import Asset, Assets
from backend.web.compression import ALREADY_COMPRESSED

AssetsDep = NamedDependency[Assets]

# App routes are served the shell; these prefixes belong to the server and never are.
SERVER_PREFIXES = ("api/", "schema", "health")
REVALIDATE = "no-cache"
FOR_GOOD = "public, max-age=31536000, immutable"


@get("/precache-manifest.js", opt={PUBLIC: True}, include_in_schema=False)
async def precache_manifest(assets: AssetsDep) -> Response[str]:
    return Response(assets.precache_module(), media_type="text/javascript", headers={"Cache-Control": REVALIDATE})


@get(["/", "/{path:path}"], opt={PUBLIC: True, ALREADY_COMPRESSED: True}, include_in_schema=False)
async def pwa_file(request: Request, assets: AssetsDep, path: FromPath[str] = "/") -> Response[bytes]:
    """A file of the app, or the app shell for a navigation to one of its routes."""
    rel = "/" + path.lstrip("/")
    if rel[1:].startswith(SERVER_PREFIXES):
        raise NotFoundException(f"No such resource: {rel}")
    asset = assets.file(rel) if rel != "/" else None
    if asset is None:
        if "." in rel.rsplit("/", 1)[-1]:
            raise NotFoundException(f"No such file: {rel}")
        asset = assets.shell(rel)
    headers = {"Cache-Control": FOR_GOOD if asset.immutable else REVALIDATE}
    if rel == "/sw.js":
        headers["Service-Worker-Allowed"] = "/"
    return answer(request, asset, headers)


def answer(request: Request, asset: Asset, headers: dict[str, str]) -> Response[bytes]:
    """The asset gzip-compressed when the browser takes it, or 304 when its copy is current."""
    packed = asset.gzipped is not None and "gzip" in request.headers.get("accept-encoding", "")
    etag = asset.etag[:-1] + '-gzip"' if packed else asset.etag
    headers["ETag"] = etag
    if asset.gzipped is not None:
        headers["Vary"] = "Accept-Encoding"
    if matches(request.headers.get("if-none-match"), asset.etag):
        return Response(b"", status_code=304, headers=headers, media_type=asset.media_type)
    if packed:
        headers["Content-Encoding"] = "gzip"
    return Response(asset.gzipped if packed and asset.gzipped else asset.body, media_type=asset.media_type,
                    headers=headers)


def matches(if_none_match: str | None, etag: str) -> bool:
    """Whether If-None-Match names this content, in either encoding (weak comparison, RFC 9110)."""
    if not if_none_match:
        return False
    plain = etag.strip('"')
    for tag in (t.strip().removeprefix("W/").strip('"') for t in if_none_match.split(",")):
        if tag == "*" or tag.removesuffix("-gzip") == plain:
            return True
    return False


route_handlers = [precache_manifest, pwa_file]
