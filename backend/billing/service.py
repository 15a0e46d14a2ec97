"""Invoice-basis use cases: list and preview months, export (and so lock) one, fetch its files.

Only coordinators and admins of the issuing municipality see or export its invoice basis.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any
from uuid import UUID

from backend import clock
from backend.audit.service import record
from backend.billing.charges import copy_new_charges
from backend.billing.csv_export import render_csv
from backend.billing.repository import BillingRepository, Row
from backend.billing.summary import render_summary
from backend.billing.ubl import Party, build_invoice
from backend.db import Database
from backend.errors import Conflict, Invalid, NotFound
from backend.tenancy import Actor
from backend.vocabulary import local_day, month_of

BILLERS = ("coordinator", "admin")
MAX_ORE = 2**31 - 1  # totals are stored in 32-bit integer columns


def _totals(lines: list[Row]) -> list[int]:
    """The period's total and each counterpart's total: the sums that get stored."""
    per_payer: dict[UUID, int] = defaultdict(int)
    for line in lines:
        per_payer[line["payer_municipality"]] += line["amount_ore"]
    return [sum(per_payer.values()), *per_payer.values()]


def totals_by(lines: list[Row], *keys: str) -> list[Row]:
    """The month's lines summed per key (a cost centre, a counterpart), in the order of the keys' values."""
    groups: dict[tuple, Row] = {}
    for line in lines:
        key = tuple(line[k] for k in keys)
        group = groups.setdefault(key, {**dict(zip(keys, key, strict=True)), "line_count": 0, "total_ore": 0})
        group["line_count"] += 1
        group["total_ore"] += line["amount_ore"]
    return [groups[k] for k in sorted(groups)]


class BillingService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.repo = BillingRepository(actor.municipality_id)

    async def _sync(self) -> None:
        async with self.db.write():
            await copy_new_charges(self.actor.municipality_id)

    async def list_periods(self) -> list[Row]:
        """Every month with lines, newest first, with whether it is locked."""
        self.actor.require(*BILLERS)
        await self._sync()
        async with self.db.read():
            totals, locked = await self.repo.month_totals(), {p["month"]: p for p in await self.repo.periods()}
        current = month_of(clock.now())
        if current not in {t["month"] for t in totals}:
            totals = [*totals, {"month": current, "line_count": 0, "total_ore": 0}]
        periods = [{**t, "locked": t["month"] in locked, "current": t["month"] == current,
                    "exported_at": (locked.get(t["month"]) or {}).get("exported_at")} for t in totals]
        return sorted(periods, key=lambda p: p["month"], reverse=True)

    async def detail(self, month: str) -> dict[str, Any]:
        """The month's lines and, once locked, its documents."""
        self.actor.require(*BILLERS)
        await self._sync()
        async with self.db.read():
            lines, period = await self.repo.lines(month), await self.repo.period(month)
            documents = await self.repo.documents(period["id"]) if period else []
        return {"month": month, "lines": lines, "period": period, "documents": documents}

    async def export(self, month: str) -> tuple[dict[str, Any], bool]:
        """Lock the month and produce its files; a locked month answers with what it produced then."""
        self.actor.require(*BILLERS)
        if month >= month_of(clock.now()):
            raise Invalid(f"{month} has not ended yet; export it once the month is over.", error="period_not_over")
        async with self.db.write():
            if await self.repo.period(month) is not None:
                created = False
            else:
                await copy_new_charges(self.actor.municipality_id)
                await self._lock(month)
                period = await self.repo.period(month)
                await record(self.actor, "period.locked", "period", month, object_name=month,
                             after={"month": month, "line_count": period["line_count"],
                                    "total_ore": period["total_ore"]})
                created = True
        return await self.detail(month), created

    async def _lock(self, month: str) -> None:
        lines = await self.repo.lines(month)
        if not lines:
            raise Invalid(f"There is nothing to invoice for {month}: no charges arose in that month.",
                          error="empty_period")
        if any(abs(x) > MAX_ORE for x in _totals(lines)):
            raise Invalid(f"The totals of {month} exceed what one period can hold (21 million kronor).",
                          error="period_too_large")
        now = clock.now()
        period_id = await self.repo.insert_period({
            "month": month, "csv": render_csv(lines), "line_count": len(lines),
            "total_ore": sum(line["amount_ore"] for line in lines), "exported_by": self.actor.user_id,
            "exported_at": now,
        })
        seller = await self.repo.municipality()
        by_counterpart: dict[UUID, list[Row]] = defaultdict(list)
        for line in lines:
            if line["payer_municipality"] != self.actor.municipality_id:
                by_counterpart[line["payer_municipality"]].append(line)
        for counterpart, rows in by_counterpart.items():
            buyer = await self.repo.municipality(counterpart)
            if not (seller["org_number"] and buyer["org_number"]):
                continue  # no Peppol address without both organisation numbers; the CSV still carries the lines
            number = f"DELBAR-{month}-{Party(buyer['name'], buyer['org_number']).org_digits}"
            kind, xml, total = build_invoice(
                number=number, month=month, issued=local_day(now), seller=Party(seller["name"], seller["org_number"]),
                buyer=Party(buyer["name"], buyer["org_number"]), lines=rows,
            )
            await self.repo.insert_document(period_id, {"counterpart": counterpart, "number": number,
                                                        "document_type": kind, "total_ore": total, "xml": xml}, now)

    async def csv(self, month: str) -> str:
        """The file exactly as exported; an open month has no file yet."""
        self.actor.require(*BILLERS)
        async with self.db.read():
            period = await self.repo.period(month)
        if period is None:
            raise Conflict(f"{month} has not been exported yet.", error="not_exported")
        return period["csv"]

    async def summary(self, month: str) -> str:
        detail = await self.detail(month)
        async with self.db.read():
            me = await self.repo.municipality()
        return render_summary(municipality=me["name"], month=month, lines=detail["lines"],
                              locked=detail["period"] is not None)

    async def document(self, month: str, counterpart: UUID) -> str:
        self.actor.require(*BILLERS)
        async with self.db.read():
            period = await self.repo.period(month)
            document = await self.repo.document(period["id"], counterpart) if period else None
        if document is None:
            raise NotFound("No invoice to that municipality for this period.")
        return document["xml"]
