"""The VAPID key pair: made on first start, stored in the database, the same for every process."""

from __future__ import annotations

from dataclasses import dataclass

from webpush import VAPID

from backend import clock
from backend.db import Database
from backend.push.repository import KeyRepository


@dataclass(frozen=True)
class VapidKey:
    private_pem: bytes
    public_pem: bytes
    application_server_key: str  # base64url of the raw public point, what the browser needs


async def load_or_create_key(db: Database) -> VapidKey:
    """Read the key; on the very first start make one (a racing process's insert wins quietly)."""
    keys = KeyRepository()
    async with db.read():
        row = await keys.get()
    if row is None:
        private_pem, public_pem, server_key = VAPID.generate_keys()
        async with db.write():
            await keys.insert_if_absent(private_pem.decode(), public_pem.decode(), server_key, clock.now())
            row = await keys.get()
    assert row is not None
    return VapidKey(row["private_pem"].encode(), row["public_pem"].encode(), row["application_server_key"])
