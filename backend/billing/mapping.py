"""The finance export's column mapping: read it, save it (checked column by column), and render a
locked month in it. Coordinators and admins of the municipality edit it; it is audited.
"""

from __future__ import annotations

import json
from typing import Any

from backend import clock
from backend.audit.service import record
from backend.billing.layouts import COLUMNS, default_mapping, render_mapped
from backend.billing.repository import BillingRepository, MappingRepository, Row
from backend.db import Database
from backend.errors import Conflict, Invalid
from backend.tenancy import Actor

BILLERS = ("coordinator", "admin")


def _read(row: Row | None) -> dict[str, Any]:
    if row is None:
        return {**default_mapping(), "version": 0, "saved": False, "updated_at": None}
    return {"columns": json.loads(row["columns"]), "date_format": row["date_format"],
            "decimal_separator": row["decimal_separator"], "version": row["version"], "saved": True,
            "updated_at": row["updated_at"]}


def _audited(mapping: dict[str, Any]) -> dict[str, str]:
    """The mapping as the audit trail shows it: the columns as one line, since their order matters."""
    return {"columns": " | ".join(f"{c['header']} ({c['column']})" for c in mapping["columns"]),
            "date_format": mapping["date_format"], "decimal_separator": mapping["decimal_separator"]}


def checked_columns(columns: list[dict[str, str]]) -> list[dict[str, str]]:
    """The columns as saved: each a known column, once, under a header that is not blank."""
    seen: set[str] = set()
    out = []
    for place, c in enumerate(columns, start=1):
        if c["column"] not in COLUMNS:
            raise Invalid(f"Column {place}: there is no column called {c['column']!r}; "
                          f"the columns are {', '.join(COLUMNS)}.", error="unknown_column")
        if c["column"] in seen:
            raise Invalid(f"Column {place}: {c['column']!r} is already in the file.", error="duplicate_column")
        header = c["header"].strip()
        if not header:
            raise Invalid(f"Column {place} ({c['column']}) needs a header.", error="empty_header")
        seen.add(c["column"])
        out.append({"column": c["column"], "header": header})
    return out


class MappingService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.repo = MappingRepository(actor.municipality_id)

    async def get(self) -> dict[str, Any]:
        self.actor.require(*BILLERS)
        async with self.db.read():
            return _read(await self.repo.get())

    async def save(self, columns: list[dict[str, str]], date_format: str, decimal_separator: str,
                   version: int) -> dict[str, Any]:
        """Save the mapping; `version` is the one the editor started from (0: none saved yet)."""
        self.actor.require(*BILLERS)
        values = {"columns": json.dumps(checked_columns(columns), ensure_ascii=False), "date_format": date_format,
                  "decimal_separator": decimal_separator}
        now = clock.now()
        async with self.db.write():
            before = _read(await self.repo.get())
            repo = self.repo
            saved = await repo.insert(values, now) if version == 0 else await repo.update(version, values, now)
            if not saved:
                raise Conflict("Someone else saved the columns meanwhile; reload them.", error="stale_version")
            after = _read(await self.repo.get())
            await record(self.actor, "period.mapping_changed", "mapping", "", before=_audited(before),
                         after=_audited(after))
        return after

    async def csv(self, month: str) -> str:
        """A locked month in the saved mapping (lines of a locked month never change)."""
        self.actor.require(*BILLERS)
        async with self.db.read():
            billing = BillingRepository(self.actor.municipality_id)
            if await billing.period(month) is None:
                raise Conflict(f"{month} has not been exported yet.", error="not_exported")
            mapping, lines = _read(await self.repo.get()), await billing.lines(month)
        return render_mapped(lines, mapping)
