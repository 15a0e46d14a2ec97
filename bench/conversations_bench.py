"""Conversations: inbox and conversation p95 for a municipality with many conversations and messages.

Run: .venv/bin/python bench/conversations_bench.py [--conversations 50000] [--messages 1000000]
     [--database sqlite|postgres]
Default: 2,000 conversations and 40,000 messages on SQLite (a fresh file), in about a minute;
the issue's figure is --conversations 50000 --messages 1000000 on each database.
Target: inbox p95 ≤ 50 ms and conversation p95 ≤ 50 ms, timed through ConversationService (the
controller adds only the encoding): the inbox is its first page and the unread count the
navigation shows; a conversation is its newest page, read by a participant (which marks it read).
"""

from __future__ import annotations

import argparse
import asyncio
import random
import secrets
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path
from uuid import UUID, uuid4

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import asyncpg

from backend import clock
from backend.accounts.tables import Municipality, Unit, User, UserRole
from backend.conversations.service import ConversationService
from backend.conversations.tables import Conversation, Message, Participant
from backend.db import Database
from backend.migrations import migrate
from backend.piccolo_conf import use_engine
from backend.tenancy import Actor

POSTGRES_ADMIN = "postgresql://postgres@127.0.0.1:5432/postgres"
TARGET_MS = 50
USERS, UNITS, SAMPLES = 1000, 50, 300
CHUNK = 1000


async def fill(database: Database, conversations: int, messages: int) -> tuple[UUID, list[tuple[UUID, UUID]]]:
    """One municipality: USERS people in UNITS units, each conversation an asker and two of the owner
    unit's people, its messages spread over the last 90 days. Returns (municipality, [(conversation, user)])."""
    rng, now = random.Random(19), clock.now()
    municipality = uuid4()
    units = [uuid4() for _ in range(UNITS)]
    users = [(uuid4(), units[n % UNITS]) for n in range(USERS)]
    async with database.write():
        await Municipality.insert(Municipality(id=municipality, name="Ystad", created_at=now))
        await Unit.insert(*[Unit(id=u, municipality=municipality, name=f"Enhet {n}", cost_centre=str(1000 + n),
                                 created_at=now) for n, u in enumerate(units)])
        await User.insert(*[User(id=u, municipality=municipality, unit=unit, email=f"p{n}@ystad.test", name=f"P {n}",
                                 password_hash="-", created_at=now) for n, (u, unit) in enumerate(users)])
        await UserRole.insert(*[UserRole(user=u, role="employee") for u, _ in users])
    members = {unit: [u for u, un in users if un == unit][:3] for unit in units}
    pairs: list[tuple[UUID, UUID]] = []
    per_conversation = max(1, messages // conversations)
    for start in range(0, conversations, CHUNK):
        rows, people, texts = [], [], []
        for _ in range(min(CHUNK, conversations - start)):
            conversation, asker = uuid4(), rng.choice(users)
            unit = rng.choice(units)
            owners = [u for u in members[unit] if u != asker[0]][:2]
            times = sorted(now - timedelta(minutes=rng.randrange(90 * 24 * 60)) for _ in range(per_conversation))
            last = times[-1]
            rows.append(Conversation(id=conversation, subject_kind="listing", subject_id=uuid4(),
                                     subject_key=f"listing:{uuid4()}:{asker[0]}", owner_municipality=municipality,
                                     owner_unit=unit, title="Skrivbord", preview="Hej", created_at=times[0],
                                     last_message_at=last))
            for user, role in [(asker[0], "asker"), *[(o, "owner") for o in owners]]:
                people.append(Participant(id=uuid4(), conversation=conversation, user=user, role=role,
                                          last_message_at=last, unread=rng.choice((0, 0, 1, 3))))
                pairs.append((conversation, user))
            authors = [asker[0], *owners]
            texts += [Message(id=uuid4(), conversation=conversation, author=authors[n % len(authors)],
                              client_id=uuid4(), body="Passar den en vägg på 160 cm? " * 3, created_at=at)
                      for n, at in enumerate(times)]
        async with database.write():
            await Conversation.insert(*rows)
            await Participant.insert(*people)
            for part in range(0, len(texts), CHUNK):
                await Message.insert(*texts[part:part + CHUNK])
        print(f"  {start + len(rows):>7} conversations", end="\r", flush=True)
    print()
    return municipality, pairs


def p95(timings: list[float]) -> float:
    ordered = sorted(timings)
    return ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))] * 1000


async def measure(database: Database, municipality: UUID, pairs: list[tuple[UUID, UUID]]) -> tuple[float, float]:
    rng = random.Random(7)
    units = {r["id"]: r["unit"] for r in await User.select(User.id, User.unit)}

    def actor(user: UUID) -> Actor:
        return Actor(user, municipality, units[user], frozenset({"employee"}), uuid4())

    inbox, pages = [], []
    for conversation, user in rng.sample(pairs, min(SAMPLES, len(pairs))):
        service = ConversationService(database, actor(user))
        began = time.perf_counter()
        await service.inbox(None, 20)
        await service.unread()
        inbox.append(time.perf_counter() - began)
        began = time.perf_counter()
        await service.read(conversation, None, 30)
        pages.append(time.perf_counter() - began)
    return p95(inbox), p95(pages)


async def run(url: str, conversations: int, messages: int) -> None:
    database = Database.from_url(url)
    use_engine(database.engine)
    await database.start()
    try:
        await migrate(database, quiet=True)
        began = time.perf_counter()
        municipality, pairs = await fill(database, conversations, messages)
        print(f"  built in {time.perf_counter() - began:.0f} s")
        inbox, page = await measure(database, municipality, pairs)
    finally:
        await database.stop()
    for name, value in (("inbox p95", inbox), ("conversation p95", page)):
        verdict = "ok" if value <= TARGET_MS else "OVER"
        print(f"  {name:<18} {value:7.1f} ms   (target ≤ {TARGET_MS} ms: {verdict})")


async def _admin(statement: str) -> None:
    connection = await asyncpg.connect(POSTGRES_ADMIN)
    try:
        await connection.execute(statement)
    finally:
        await connection.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--conversations", type=int, default=2000)
    parser.add_argument("--messages", type=int, default=40_000)
    parser.add_argument("--database", choices=("sqlite", "postgres"), default="sqlite")
    args = parser.parse_args()
    print(f"conversations bench: {args.conversations:,} conversations, {args.messages:,} messages, {args.database}")
    if args.database == "sqlite":
        with tempfile.TemporaryDirectory() as folder:
            asyncio.run(run(f"sqlite:///{folder}/bench.sqlite", args.conversations, args.messages))
        return
    name = f"delbar_bench_talk_{secrets.token_hex(4)}"
    asyncio.run(_admin(f'CREATE DATABASE "{name}"'))
    try:
        asyncio.run(run(POSTGRES_ADMIN.rsplit("/", 1)[0] + f"/{name}", args.conversations, args.messages))
    finally:
        asyncio.run(_admin(f'DROP DATABASE "{name}" WITH (FORCE)'))


if __name__ == "__main__":
    main()
