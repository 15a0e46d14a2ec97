"""Signed one-click unsubscribe links: person and kind under an HMAC, so no sign-in is needed."""

from __future__ import annotations

import base64
import hashlib
import hmac
from urllib.parse import urlencode
from uuid import UUID


def signature(secret: str, user_id: UUID, kind: str) -> str:
    digest = hmac.new(secret.encode(), f"unsubscribe:{user_id}:{kind}".encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest[:18]).decode()


def valid(secret: str, user_id: UUID, kind: str, given: str) -> bool:
    return hmac.compare_digest(signature(secret, user_id, kind), given)


def unsubscribe_url(base_url: str, secret: str, user_id: UUID, kind: str) -> str:
    query = urlencode({"u": str(user_id), "k": kind, "s": signature(secret, user_id, kind)})
    return f"{base_url.rstrip('/')}/api/mail/unsubscribe?{query}"


def token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
