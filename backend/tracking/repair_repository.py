"""Every repair query, scoped to one municipality: the repairs and the work recorded on them."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from backend.accounts.tables import User
from backend.impact.tables import WorkEntry
from backend.tracking.tables import Repair, RepairWork

Row = dict[str, Any]


class RepairRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def get(self, repair_id: UUID) -> Row | None:
        return await Repair.select(
            *Repair.all_columns(), Repair.created_by.name.as_alias("created_by_name"),
            Repair.finished_by.name.as_alias("finished_by_name"),
        ).where(Repair.id == repair_id, Repair.municipality == self.municipality_id).first()

    async def exists_anywhere(self, repair_id: UUID) -> bool:
        return await Repair.exists().where(Repair.id == repair_id)

    async def open_for_item(self, item_id: UUID) -> Row | None:
        return await Repair.select(Repair.id).where(
            Repair.item == item_id, Repair.status == "open", Repair.municipality == self.municipality_id).first()

    async def list(self, *, status: str | None, item_id: UUID | None, limit: int) -> list[UUID]:
        query = Repair.select(Repair.id).where(Repair.municipality == self.municipality_id)
        if status:
            query = query.where(Repair.status == status)
        if item_id:
            query = query.where(Repair.item == item_id)
        rows = await query.order_by(Repair.created_at, ascending=status != "done").limit(limit)
        return [r["id"] for r in rows]

    async def insert(self, values: Row) -> None:
        await Repair.insert(Repair(**values, municipality=self.municipality_id))

    async def update(self, repair_id: UUID, values: Row) -> None:
        await Repair.update(values).where(Repair.id == repair_id, Repair.municipality == self.municipality_id)

    async def work_exists_anywhere(self, work_id: UUID) -> Row | None:
        return await RepairWork.select(RepairWork.id, RepairWork.repair, RepairWork.municipality).where(
            RepairWork.id == work_id).first()

    async def insert_work(self, values: Row, now: datetime) -> None:
        await RepairWork.insert(RepairWork(**values, municipality=self.municipality_id, created_at=now))

    async def work(self, repair_id: UUID) -> list[Row]:
        """The work on one repair, oldest first, each with who did it and for how long (its work record)."""
        rows = await RepairWork.select(*RepairWork.all_columns()).where(
            RepairWork.repair == repair_id, RepairWork.municipality == self.municipality_id,
        ).order_by(RepairWork.created_at)
        if not rows:
            return []
        entries = await WorkEntry.select(
            WorkEntry.task_id, WorkEntry.minutes, WorkEntry.participant.name.as_alias("participant_name"),
        ).where(WorkEntry.municipality == self.municipality_id, WorkEntry.kind == "repair",
                WorkEntry.task_id.is_in([r["id"] for r in rows]))
        by_task = {e["task_id"]: e for e in entries}
        recorders = {u["id"]: u["name"] for u in await User.select(User.id, User.name).where(
            User.id.is_in([r["recorded_by"] for r in rows if r["recorded_by"]] or [UUID(int=0)]))}
        return [{**r, "minutes": by_task.get(r["id"], {}).get("minutes", 0),
                 "participant_name": by_task.get(r["id"], {}).get("participant_name"),
                 "recorded_by_name": recorders.get(r["recorded_by"])} for r in rows]
