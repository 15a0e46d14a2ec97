"""One row per job and time slot, written by the process that runs it.

The unique index on (job, slot) (see the migration) is what makes a job run once: every process
that wakes for a slot tries to insert its row, and only one insert succeeds. The rows also say
where and when each job last ran.
"""

from __future__ import annotations

from piccolo.columns import UUID, Timestamptz, Varchar
from piccolo.table import Table


class JobRun(Table, tablename="job_run"):
    id = UUID(primary_key=True)
    # What ran: "share-days", "push-reminders", "push-retention", …
    job = Varchar(length=60)
    # Which period it ran for, as text: a minute, a five-minute slot, a day (ISO format).
    slot = Varchar(length=40)
    # host:pid of the process that ran it.
    process = Varchar(length=120, default="")
    claimed_at = Timestamptz()
