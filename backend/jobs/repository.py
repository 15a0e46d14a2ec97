"""The job claims' queries."""

from __future__ import annotations

from datetime import datetime

from backend.jobs.tables import JobRun


class JobRepository:
    async def claim(self, job: str, slot: str, process: str, now: datetime) -> bool:
        """Insert this process's row for (job, slot); False when another process has it already."""
        inserted = await JobRun.insert(JobRun(job=job, slot=slot, process=process, claimed_at=now)).on_conflict(
            target=(JobRun.job, JobRun.slot), action="DO NOTHING").returning(JobRun.id)
        return bool(inserted)

    async def runs(self, job: str) -> list[dict]:
        """Every kept run of a job, oldest first."""
        return await JobRun.select(JobRun.slot, JobRun.process, JobRun.claimed_at).where(
            JobRun.job == job).order_by(JobRun.claimed_at)

    async def forget_before(self, before: datetime) -> None:
        await JobRun.delete().where(JobRun.claimed_at < before)
