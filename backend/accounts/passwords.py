"""Password hashing with Argon2id (argon2-cffi's recommended parameters).

Hashing takes ~0.1 s of CPU on purpose; the async variants run it in a worker thread so one
sign-in does not stall every other request on the event loop. A hash records its own
parameters, and verifying it costs what they say.
"""

from __future__ import annotations

import asyncio

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

_hasher = PasswordHasher()
# Settings.password_hashing: "standard" everywhere but in test suites, which choose "minimal"
# (the least work Argon2 allows) so that the users they create sign in in microseconds.
HASHERS = {"standard": _hasher, "minimal": PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)}
# Verified against when the account does not exist, so both paths cost the same time.
_DUMMY_HASHES = {name: hasher.hash("delbar-timing-equaliser") for name, hasher in HASHERS.items()}


def hash_password(password: str, hashing: str = "standard") -> str:
    return HASHERS[hashing].hash(password)


def verify_password(password_hash: str | None, password: str, hashing: str = "standard") -> bool:
    """True when the password matches; always spends one Argon2 verification (of `hashing`'s cost
    when there is no hash)."""
    try:
        return _hasher.verify(password_hash or _DUMMY_HASHES[hashing], password) and password_hash is not None
    except (VerificationError, InvalidHashError):
        return False


async def hash_password_async(password: str, hashing: str = "standard") -> str:
    return await asyncio.to_thread(hash_password, password, hashing)


async def verify_password_async(password_hash: str | None, password: str, hashing: str = "standard") -> bool:
    return await asyncio.to_thread(verify_password, password_hash, password, hashing)
