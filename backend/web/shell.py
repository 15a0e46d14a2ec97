"""The PWA's files and the precache manifest its service worker imports.

The manifest's version is a hash of every file in pwa/, so any change to the app names new
caches and the browser offers the update; nothing needs a build step.
"""

from __future__ import annotations

import hashlib
import json
import mimetypes
from dataclasses import dataclass
from pathlib import Path

mimetypes.add_type("application/manifest+json", ".webmanifest")
mimetypes.add_type("text/javascript", ".js")

# The worker itself is not precached: the browser fetches and compares it on its own.
NOT_PRECACHED = {"sw.js"}


@dataclass(frozen=True)
class Shell:
    root: Path
    version: str
    files: tuple[str, ...]

    @classmethod
    def scan(cls, root: Path) -> Shell:
        """Hash the content of every file under root (sorted, so the hash is stable)."""
        digest = hashlib.sha256()
        files = []
        for path in sorted(p for p in root.rglob("*") if p.is_file() and not p.name.startswith(".")):
            rel = path.relative_to(root).as_posix()
            digest.update(rel.encode() + b"\0" + path.read_bytes() + b"\0")
            if rel not in NOT_PRECACHED:
                files.append("/" + rel)
        return cls(root=root, version=digest.hexdigest()[:12], files=("/", *files))

    def precache_module(self) -> str:
        return (f"export const VERSION = {json.dumps(self.version)};\n"
                f"export const FILES = {json.dumps(list(self.files))};\n")

    def resolve(self, url_path: str) -> Path | None:
        """The file for a URL path, never outside root (no ../ escapes)."""
        candidate = (self.root / url_path.lstrip("/")).resolve()
        if self.root.resolve() not in candidate.parents or not candidate.is_file():
            return None
        return candidate


def media_type(path: Path) -> str:
    return mimetypes.guess_type(path.name)[0] or "application/octet-stream"
