"""gzip for the API's text answers (JSON, CSV, XML, SVG, iCalendar) of 1 KB and more.

Litestar's middleware compresses whatever is large enough; this one leaves alone what is already
compressed (photos, PNG and PDF labels) and the PWA's files, which are gzip-compressed once at
start (assets.py) and mark their handler with ALREADY_COMPRESSED.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from litestar.config.compression import CompressionConfig
from litestar.datastructures import MutableScopeHeaders
from litestar.middleware.compression import CompressionMiddleware

if TYPE_CHECKING:
    from litestar.types import Message, Scope, Send

ALREADY_COMPRESSED = "already_compressed"
TEXT = ("application/json", "application/problem+json", "application/xml", "image/svg+xml", "text/")
MINIMUM_BYTES = 1024


class TextCompression(CompressionMiddleware):
    def create_compression_send_wrapper(self, send: Send, compression_encoding: str, scope: Scope) -> Send:
        compressing = super().create_compression_send_wrapper(send, compression_encoding, scope)  # type: ignore[arg-type]
        chosen = send

        async def choose(message: Message) -> None:
            nonlocal chosen
            if message["type"] == "http.response.start":
                headers = MutableScopeHeaders(message)
                text = (headers.get("content-type") or "").startswith(TEXT)
                chosen = compressing if text and "content-encoding" not in headers else send
            await chosen(message)

        return choose


def compression_config() -> CompressionConfig:
    return CompressionConfig(backend="gzip", minimum_size=MINIMUM_BYTES, gzip_compress_level=6,
                             middleware_class=TextCompression, exclude_opt_key=ALREADY_COMPRESSED)
