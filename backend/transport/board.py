"""The coordinator's day board: the coming working days × the municipality's drivers, in one read.

A job between municipalities is on both sides' boards: the municipality whose AME drives it plans
it; the requesting side sees who drives and the fee, and cannot move it.
"""

from __future__ import annotations

from datetime import date, timedelta

from backend import clock
from backend.db import Database
from backend.tenancy import Actor
from backend.transport.repository import JobRepository, Row, TariffRepository
from backend.transport.service import PLANNABLE, PLANNERS
from backend.vocabulary import local_day

BOARD_DAYS = 5


def working_days(first: date, count: int) -> list[date]:
    """`first` and the working days (Monday to Friday) after it, `count` in all."""
    days, day = [first], first
    while len(days) < count:
        day += timedelta(days=1)
        if day.weekday() < 5:
            days.append(day)
    return days


class BoardService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.jobs = JobRepository(actor.municipality_id)

    async def read(self, first: date | None) -> Row:
        """The days, the drivers and the open jobs: each on its driver and day, or beside them when
        nobody drives it yet or its day has passed."""
        self.actor.require(*PLANNERS)
        today = local_day(clock.now())
        days = working_days(max(first or today, today), BOARD_DAYS)
        async with self.db.read():
            drivers = await self.jobs.drivers()
            jobs = [j for j in await self.jobs.board(days[-1]) if _on_board(j, days, today)]
            names = await self.jobs.municipality_names(
                ({j["municipality_id"] for j in jobs} | {j["requester_municipality"] for j in jobs}) - {None})
            driving = list({j["municipality_id"] for j in jobs})
            tariffs = await TariffRepository().of_many(driving) if driving else {}
        own = self.actor.municipality_id
        for job in jobs:
            driving, asking = job["municipality_id"], job["requester_municipality"] or job["municipality_id"]
            tariff = tariffs.get(driving)
            job.update(driving_name=names.get(driving, ""), requester_name=names.get(asking, ""),
                       fee_ore=tariff["fee_ore"] if tariff else 0,
                       movable=driving == own and job["status"] in PLANNABLE)
        return {"today": today, "days": days, "drivers": drivers, "jobs": jobs}


def _on_board(job: Row, days: list[date], today: date) -> bool:
    """On a day of the board, or waiting for a plan (no driver, no day, or a day already passed)."""
    return job["driver_id"] is None or job["day"] is None or job["day"] in days or job["day"] < today
