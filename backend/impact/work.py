"""The AME's work: who did a transport job, an intake or a repair, and for how long.

A participant is a person or a team known by a display name only. Coordinators keep the list;
drivers, warehouse staff and coordinators record minutes on their tasks. The report sums the
hours per month, kind of work and municipality beside the CO2e and the money.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID, uuid4

from backend import clock
from backend.accounts.repository import UserRepository
from backend.catalog.repository import ItemRepository
from backend.db import Database
from backend.errors import Conflict, Invalid, NotFound
from backend.impact import schemas
from backend.impact.work_repository import ParticipantRepository, Row, WorkRepository, work_cube
from backend.tenancy import Actor
from backend.vocabulary import month_of

KEEPERS = ("coordinator", "admin")
RECORDERS = ("driver", "warehouse", "coordinator")
KINDS = ("transport", "intake", "repair")


class ParticipantService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.participants = ParticipantRepository(actor.municipality_id)

    async def list(self) -> list[Row]:
        self.actor.require(*RECORDERS, *KEEPERS)
        async with self.db.read():
            return await self.participants.list()

    async def create(self, data: schemas.ParticipantCreate) -> tuple[Row, bool]:
        self.actor.require(*KEEPERS)
        participant_id = data.id or uuid4()
        async with self.db.write():
            existing = await self.participants.get(participant_id)
            if existing is None:
                await self.participants.insert(participant_id, data.name.strip(), data.kind, clock.now())
            return await self.participants.get(participant_id), existing is None


async def record_work(actor: Actor, kind: str, task_id: UUID, work: list[schemas.WorkDone]) -> list[Row]:
    """Save each participant's minutes on one task; call inside a write transaction that checked the task."""
    actor.require(*RECORDERS)
    participants, entries, now = ParticipantRepository(actor.municipality_id), WorkRepository(
        actor.municipality_id), clock.now()
    who = [await _own_participant(actor, participants) if w.myself else w.participant_id for w in work]
    if len(set(who)) != len(work):
        raise Invalid("Each participant is named once per task.", error="participant_twice")
    saved = []
    for w, participant in zip(work, who, strict=True):
        if await participants.get(participant) is None:
            raise NotFound("No such AME participant.")
        if w.id and (found := await entries.get(w.id)) and found["task_id"] != task_id:
            raise Conflict("That id was used for another task.", error="id_reused")
        saved.append(await entries.save({
            "id": w.id or uuid4(), "participant": participant, "kind": kind, "task_id": task_id,
            "minutes": w.minutes, "month": month_of(now), "recorded_by": actor.user_id}, now))
    return saved


async def _own_participant(actor: Actor, participants: ParticipantRepository) -> UUID:
    """The participant that is the recording person themselves, made under their name the first time."""
    mine = await participants.of_person(actor.user_id)
    if mine is not None:
        return mine["id"]
    user = await UserRepository(actor.municipality_id).get(actor.user_id)
    participant_id = uuid4()
    await participants.insert(participant_id, ((user or {}).get("name") or "–")[:100], "person", clock.now(),
                              person=actor.user_id)
    return participant_id


class WorkService:
    """Work on intakes and repairs, which are about an item (transport work is recorded on its job)."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor

    async def record(self, data: schemas.ItemWorkCreate) -> list[Row]:
        async with self.db.write():
            if await ItemRepository(self.actor.municipality_id).get(data.item_id) is None:
                raise NotFound("No such item.")
            return await record_work(self.actor, data.kind, data.item_id, data.work)


async def work_summary(municipalities: list[Row], ids: list[UUID], from_month: str, to_month: str) -> dict[str, Any]:
    """Hours of work per month, per kind of task and per municipality (read inside the report's transaction)."""
    cube = await work_cube(ids, from_month, to_month)
    names = {m["id"]: m["name"] for m in municipalities}

    def group(key: str) -> dict[Any, dict[str, int]]:
        out: dict[Any, dict[str, int]] = {}
        for row in cube:
            target = out.setdefault(row[key], {"minutes": 0, "tasks": 0})
            target["minutes"] += row["minutes"] or 0
            target["tasks"] += row["tasks"] or 0
        return out

    by_month, by_kind, by_municipality = group("month"), group("kind"), group("municipality")
    return {
        "total_minutes": sum(r["minutes"] or 0 for r in cube), "tasks": sum(r["tasks"] or 0 for r in cube),
        "by_month": [{"key": m, **by_month[m]} for m in sorted(by_month)],
        "by_kind": [{"key": k, **by_kind[k]} for k in KINDS if k in by_kind],
        "by_municipality": sorted(({"key": str(m), "label": names.get(m, ""), **v} for m, v in by_municipality.items()),
                                  key=lambda r: r["label"]),
    }
