"""One push over HTTP: encrypt with the webpush package, sign VAPID, POST, classify the answer."""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime
from urllib.parse import urlsplit

import httpx
import jwt
from webpush import WebPush, WebPushSubscription

from backend.push.keys import VapidKey
from backend.push.kinds import KINDS

TOKEN_LIFETIME = 12 * 3600


@dataclass(frozen=True)
class Outcome:
    """sent; gone (device unsubscribed: forget it); retry (later, maybe after `retry_after` s); refused."""

    result: str
    error: str = ""
    retry_after: float | None = None


class Sender:
    def __init__(self, key: VapidKey, contact: str, http: httpx.AsyncClient) -> None:
        self.key, self.contact, self.http = key, contact, http
        # ttl and subscriber given to get() stick to the object: always pass both, every call.
        self._webpush = WebPush(private_key=key.private_pem, public_key=key.public_pem, subscriber=contact)
        self._tokens: dict[str, tuple[str, float]] = {}

    def _authorization(self, endpoint: str) -> str:
        """VAPID header with `aud` = the endpoint's origin including any port (webpush drops it)."""
        parts = urlsplit(endpoint)
        audience = f"{parts.scheme}://{parts.netloc}"
        token, expires = self._tokens.get(audience, ("", 0.0))
        if expires - time.time() < TOKEN_LIFETIME / 2:
            expires = time.time() + TOKEN_LIFETIME
            token = jwt.encode({"aud": audience, "exp": int(expires), "sub": self.contact},
                               self.key.private_pem, algorithm="ES256")
            self._tokens[audience] = (token, expires)
        return f"vapid t={token}, k={self.key.application_server_key}"

    def encrypt(self, endpoint: str, p256dh: str, auth: str, data: bytes, ttl: int) -> bytes:
        subscription = WebPushSubscription(endpoint=endpoint, keys={"p256dh": p256dh, "auth": auth})
        subscriber = self.contact.removeprefix("mailto:")
        message = self._webpush.get(message=data, subscription=subscription, subscriber=subscriber, ttl=max(ttl, 1))
        return message.encrypted

    async def send(self, row: dict, data: bytes, now: datetime) -> Outcome:
        """POST one encrypted message; the TTL left is the kind's TTL minus the message's age."""
        kind = KINDS[row["kind"]]
        ttl = int(kind.ttl - (now - row["created_at"]).total_seconds())
        if ttl <= 0:
            return Outcome("expired", "older than its time to live")
        try:
            body = self.encrypt(row["endpoint"], row["p256dh"], row["auth"], data, ttl)
        except ValueError as exc:  # a device key that is no P-256 point: no retry can fix it
            return Outcome("refused", f"cannot encrypt for this device: {exc}"[:300])
        headers = {"TTL": str(ttl), "Urgency": kind.urgency, "Content-Encoding": "aes128gcm",
                   "Content-Type": "application/octet-stream", "Authorization": self._authorization(row["endpoint"])}
        try:
            response = await self.http.post(row["endpoint"], content=body, headers=headers)
        except httpx.HTTPError as exc:
            return Outcome("retry", f"{type(exc).__name__}: {exc}"[:300])
        return classify(response, now)


def classify(response: httpx.Response, now: datetime) -> Outcome:
    status = response.status_code
    if status in (200, 201, 202):
        return Outcome("sent")
    if status in (404, 410):
        return Outcome("gone", f"HTTP {status}")
    error = f"HTTP {status}: {response.text[:200]}"
    if status == 429 or status >= 500:
        return Outcome("retry", error, retry_after(response.headers.get("retry-after"), now))
    return Outcome("refused", error)


def retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds to wait from a Retry-After header (delta-seconds or an HTTP date)."""
    if not value:
        return None
    if value.strip().isdigit():
        return float(value.strip())
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max((when - now).total_seconds(), 0.0)
