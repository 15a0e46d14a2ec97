"""Client secrets encrypted at rest: Fernet (AES-128-CBC + HMAC-SHA256) keyed by DELBAR_SECRET_KEY."""

from __future__ import annotations

import base64
import hashlib

from cryptography.fernet import Fernet, InvalidToken

from backend.errors import Conflict

MIN_KEY_LENGTH = 16


class Sealer:
    """Encrypts and decrypts short secrets with a key derived from the configured secret key."""

    def __init__(self, secret_key: str) -> None:
        self.ready = len(secret_key) >= MIN_KEY_LENGTH
        digest = hashlib.sha256(b"delbar-sso-client-secret:" + secret_key.encode()).digest()
        self._fernet = Fernet(base64.urlsafe_b64encode(digest))

    def seal(self, plain: str) -> str:
        if not self.ready:
            raise Conflict(f"Set DELBAR_SECRET_KEY (at least {MIN_KEY_LENGTH} characters) on the server first.",
                           error="no_secret_key")
        return self._fernet.encrypt(plain.encode()).decode()

    def open(self, sealed: str) -> str | None:
        """The secret, or None when it was sealed with another key (DELBAR_SECRET_KEY changed)."""
        if not sealed or not self.ready:
            return None
        try:
            return self._fernet.decrypt(sealed.encode()).decode()
        except InvalidToken:
            return None
