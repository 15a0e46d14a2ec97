"""The PWA's files, read and gzip-compressed once at start, each with a validator.

The stylesheets index.html links are served as one file under a content-hashed URL, cached for
good; everything else revalidates (ETag, 304). The shell a navigation gets preloads the modules
its first screen needs: the static import graph of main.js and of the route's screen module,
read from the files themselves, so the browser fetches them in parallel instead of discovering
them one import at a time. The precache manifest's version is a hash of every file in pwa/, so
any change to the app names new caches and the browser offers the update; nothing needs a build
step, but the server reads pwa/ once: it restarts to serve a change.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import mimetypes
import posixpath
import re
from dataclasses import dataclass, field
from pathlib import Path

mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("text/javascript", ".js")

ENTRY = "/js/main.js"
ROUTES = "/js/routes.js"
SHELL = "/index.html"
PRELOAD = "<!-- modulepreload -->\n"
# The worker itself is not precached: the browser fetches and compares it on its own.
NOT_PRECACHED = {"/sw.js"}
COMPRESSIBLE = ("text/", "application/json", "application/manifest+json", "image/svg+xml")
STYLESHEET_LINK = re.compile(r'^[ \t]*<link rel="stylesheet" href="(/css/[^"]+\.css)">\n', re.M)
MODULE_SCRIPT = re.compile(r'^[ \t]*<script type="module" src="' + re.escape(ENTRY) + '"></script>\n', re.M)
# Static imports: `import x from "…"`, `import "…"`, `export … from "…"` (dynamic import() is not one).
STATIC_IMPORT = re.compile(r"""^[ \t]*(?:import[ \t]*["']([^"']+)["']"""
                           r"""|(?:import|export)\s[^;"'`]*?\bfrom\s*["']([^"']+)["'])""", re.M)
# In routes.js: a route's key at the start of its entry, and the screen module the entry imports.
ROUTE_KEY = re.compile(r'^[ \t]*"(/[^"]*)":', re.M)
LAZY_IMPORT = re.compile(r"""\bimport\(\s*["']([^"']+)["']\s*\)""")


@dataclass(frozen=True)
class Asset:
    body: bytes
    media_type: str
    etag: str
    gzipped: bytes | None = None  # None when gzip would not make it smaller
    immutable: bool = False

    @classmethod
    def of(cls, body: bytes, media_type: str, *, immutable: bool = False) -> Asset:
        etag = f'"{hashlib.sha256(body).hexdigest()[:20]}"'
        packed = gzip.compress(body, 9, mtime=0) if media_type.startswith(COMPRESSIBLE) else None
        if packed is not None and len(packed) >= len(body):
            packed = None
        return cls(body=body, media_type=media_type, etag=etag, gzipped=packed, immutable=immutable)


@dataclass(frozen=True)
class Assets:
    files: dict[str, Asset]  # by URL path: "/js/main.js"
    version: str
    stylesheet: str  # the URL of the one hashed stylesheet
    graph: dict[str, tuple[str, ...]]  # module URL -> the module URLs it imports statically
    screens: dict[str, str]  # route pattern ("/annons/:id") -> the screen module it loads
    template: str  # index.html as served, with PRELOAD where the modulepreload links go
    shells: dict[str, Asset] = field(default_factory=dict)  # by route pattern, built on first use

    @classmethod
    def scan(cls, root: Path) -> Assets:
        """Read every file under root; hash their content (sorted, so the version is stable)."""
        digest, raw = hashlib.sha256(), {}
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")):
            rel = "/" + path.relative_to(root).as_posix()
            raw[rel] = path.read_bytes()
            digest.update(rel.encode() + b"\0" + raw[rel] + b"\0")
        index = raw[SHELL].decode()
        linked = STYLESHEET_LINK.findall(index)
        css = b"".join(raw[href].rstrip(b"\n") + b"\n" for href in linked)
        stylesheet = f"/css/app.{hashlib.sha256(css).hexdigest()[:12]}.css"
        files = {rel: Asset.of(body, media_type(rel)) for rel, body in raw.items() if rel != SHELL}
        files[stylesheet] = Asset.of(css, "text/css", immutable=True)
        graph = {rel: module_imports(rel, body.decode()) for rel, body in raw.items()
                 if rel.endswith(".js") and not rel.startswith("/vendor/")}
        screens = route_screens(raw[ROUTES].decode()) if ROUTES in raw else {}
        return cls(files=files, version=digest.hexdigest()[:12], stylesheet=stylesheet, graph=graph,
                   screens=screens, template=shell_template(index, linked, stylesheet))

    def file(self, url_path: str) -> Asset | None:
        """A file of the app by its URL path; never anything outside what was read at start.

        /index.html is the shell the service worker answers every navigation with: it preloads
        main.js's graph only, as it serves every screen.
        """
        return self.shell(SHELL) if url_path == SHELL else self.files.get(url_path)

    def shell(self, url_path: str) -> Asset:
        """index.html for a navigation to url_path: it preloads main.js's graph and the screen's."""
        pattern = match_route(self.screens, url_path)
        if pattern not in self.shells:
            modules = self.closure([ENTRY, *([self.screens[pattern]] if pattern else [])])
            links = "".join(f'  <link rel="modulepreload" href="{url}">\n' for url in modules if url != ENTRY)
            self.shells[pattern] = Asset.of(self.template.replace(PRELOAD, links).encode(), "text/html")
        return self.shells[pattern]

    def closure(self, roots: list[str]) -> list[str]:
        """The modules roots import, directly or not, breadth first (nearest first), each once."""
        seen, queue = dict.fromkeys(roots), list(roots)
        while queue:
            for url in self.graph.get(queue.pop(0), ()):
                if url not in seen:
                    seen[url] = None
                    queue.append(url)
        return list(seen)

    def precache_module(self) -> str:
        """What the service worker caches: the shell, the hashed stylesheet, every file but the CSS it holds."""
        bundled = {rel for rel in self.files if rel.startswith("/css/") and rel != self.stylesheet}
        files = ["/", SHELL, *sorted(rel for rel in self.files if rel not in NOT_PRECACHED | bundled)]
        return f"export const VERSION = {json.dumps(self.version)};\nexport const FILES = {json.dumps(files)};\n"


def media_type(url_path: str) -> str:
    return mimetypes.guess_type(url_path.rsplit("/", 1)[-1])[0] or "application/octet-stream"


def module_imports(url: str, text: str) -> tuple[str, ...]:
    """The same-origin modules a module imports statically, as URL paths."""
    found = (a or b for a, b in STATIC_IMPORT.findall(text))
    return tuple(dict.fromkeys(resolve(url, spec) for spec in found if spec.startswith(("./", "../", "/"))))


def resolve(base: str, spec: str) -> str:
    return spec if spec.startswith("/") else posixpath.normpath(posixpath.join(posixpath.dirname(base), spec))


def route_screens(text: str) -> dict[str, str]:
    """Each route's screen module: the import() inside its entry in routes.js."""
    end = text.find("\n}", text.find("export function appRoutes"))
    keys = [key for key in ROUTE_KEY.finditer(text) if key.start() < end]
    screens = {}
    for key, following in zip(keys, [*keys[1:], None], strict=True):
        entry = text[key.end():following.start() if following else end]
        if lazy := LAZY_IMPORT.search(entry):
            screens[key.group(1)] = resolve(ROUTES, lazy.group(1))
    return screens


def match_route(screens: dict[str, str], path: str) -> str | None:
    """The route pattern for a path, as the PWA's router matches it: exact first, then ":name" segments."""
    if path in screens:
        return path
    parts = path.split("/")
    for pattern in screens:
        want = pattern.split("/")
        if "/:" in pattern and len(want) == len(parts) and all(
                (w.startswith(":") and p) or w == p for w, p in zip(want, parts, strict=True)):
            return pattern
    return None


def shell_template(index: str, linked: list[str], stylesheet: str) -> str:
    """index.html with one hashed stylesheet for the linked ones, then the preload marker and main.js."""
    first = STYLESHEET_LINK.search(index)
    at = first.start() if first else index.index("</head>")
    head, tail = index[:at], MODULE_SCRIPT.sub("", STYLESHEET_LINK.sub("", index[at:]))
    styles = f'  <link rel="stylesheet" href="{stylesheet}">\n' if linked else ""
    return head + styles + PRELOAD + f'  <script type="module" src="{ENTRY}"></script>\n' + tail
