"""Every query of the AME's work hours, scoped to the given municipalities."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from piccolo.query.functions.aggregate import Count, Sum

from backend.impact.tables import AmeParticipant, WorkEntry

Row = dict[str, Any]


class ParticipantRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def list(self) -> list[Row]:
        return await AmeParticipant.select().where(
            AmeParticipant.municipality == self.municipality_id).order_by(AmeParticipant.name)

    async def get(self, participant_id: UUID) -> Row | None:
        return await AmeParticipant.select().where(
            AmeParticipant.id == participant_id, AmeParticipant.municipality == self.municipality_id).first()

    async def of_person(self, user_id: UUID) -> Row | None:
        return await AmeParticipant.select().where(
            AmeParticipant.person == user_id, AmeParticipant.municipality == self.municipality_id).first()

    async def insert(self, participant_id: UUID, name: str, kind: str, now: datetime,
                     person: UUID | None = None) -> None:
        await AmeParticipant.insert(AmeParticipant(
            id=participant_id, municipality=self.municipality_id, name=name, kind=kind, created_at=now, person=person))


class WorkRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def get(self, entry_id: UUID) -> Row | None:
        return await WorkEntry.select().where(
            WorkEntry.id == entry_id, WorkEntry.municipality == self.municipality_id).first()

    async def for_task(self, kind: str, task_id: UUID) -> list[Row]:
        return await WorkEntry.select(
            *WorkEntry.all_columns(), WorkEntry.participant.name.as_alias("participant_name"),
        ).where(WorkEntry.municipality == self.municipality_id, WorkEntry.kind == kind, WorkEntry.task_id == task_id)

    async def save(self, values: Row, now: datetime) -> Row:
        """One participant's minutes on one task: a second record for the same pair replaces the minutes."""
        existing = await WorkEntry.select(WorkEntry.id).where(
            WorkEntry.municipality == self.municipality_id, WorkEntry.kind == values["kind"],
            WorkEntry.task_id == values["task_id"], WorkEntry.participant == values["participant"]).first()
        if existing:
            await WorkEntry.update({WorkEntry.minutes: values["minutes"], WorkEntry.recorded_by: values["recorded_by"]}
                                   ).where(WorkEntry.id == existing["id"])
            return await self.get(existing["id"])
        await WorkEntry.insert(WorkEntry(**values, municipality=self.municipality_id, created_at=now))
        return await self.get(values["id"])


async def work_cube(municipality_ids: list[UUID], from_month: str, to_month: str) -> list[Row]:
    """Minutes and tasks per municipality, month and kind of work (the report adds these up)."""
    return await WorkEntry.select(
        WorkEntry.municipality, WorkEntry.month, WorkEntry.kind,
        Sum(WorkEntry.minutes, alias="minutes"), Count(alias="tasks"),
    ).where(WorkEntry.municipality.is_in(municipality_ids), WorkEntry.month >= from_month,
            WorkEntry.month <= to_month).group_by(WorkEntry.municipality, WorkEntry.month, WorkEntry.kind)
