"""The sustainability report: what reuse avoided, per municipality, unit and month, or for the network.

Who sees what: reporters, coordinators and admins see their municipality's figures, down to a
unit; the network view adds the other members' totals only (one aggregate row each).
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from backend import clock
from backend.accounts.repository import MunicipalityRepository, UnitRepository, UserRepository
from backend.db import Database
from backend.errors import Invalid, NotFound
from backend.impact.report_repository import ReportRepository, network_members
from backend.impact.service import READERS
from backend.impact.work import work_summary
from backend.tenancy import Actor
from backend.vocabulary import month_of, next_month

Report = dict[str, Any]


def months_between(first: str, last: str) -> list[str]:
    months, month = [], first
    while month <= last and len(months) < 120:
        months.append(month)
        month = next_month(month)
    return months


MAX_MONTHS = 60  # five years: longer ranges are refused, so a report stays one readable document


def month_index(month: str) -> int:
    return int(month[:4]) * 12 + int(month[5:]) - 1


def month_at(index: int) -> str:
    return f"{index // 12}-{index % 12 + 1:02d}"


def previous_period(first: str, last: str) -> tuple[str, str]:
    """The period of the same number of months that ends just before `first`."""
    start, end = month_index(first), month_index(last)
    return month_at(2 * start - end - 1), month_at(start - 1)


def change(now: float, before: float) -> float | None:
    """The relative change from the previous period (None when there was nothing to compare with)."""
    return round((now - before) / before, 4) if before else None


def default_range() -> tuple[str, str]:
    """The last twelve months, this one included."""
    last = month_of(clock.now())
    year, number = int(last[:4]), int(last[5:])
    first = f"{year - 1}-{number % 12 + 1:02d}" if number < 12 else f"{year}-01"
    return first, last


def totals(row: dict[str, Any]) -> dict[str, Any]:
    return {"reuses": row.get("reuses") or 0, "pieces": row.get("pieces") or 0,
            "co2e_kg": (row.get("co2e_g") or 0) / 1000, "saved_ore": row.get("saved_ore") or 0,
            "waste_kg": (row.get("waste_g") or 0) / 1000}


class ReportService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor

    async def report(self, scope: str, from_month: str | None, to_month: str | None,
                     unit_id: UUID | None) -> Report:
        self.actor.require(*READERS)
        first, last = default_range()
        from_month, to_month = from_month or first, to_month or last
        if from_month > to_month:
            raise Invalid("The report starts after it ends.", error="bad_range")
        if month_index(to_month) - month_index(from_month) >= MAX_MONTHS:
            raise Invalid(f"A report covers at most {MAX_MONTHS} months (five years).", error="range_too_long")
        if scope == "network" and unit_id:
            raise Invalid("A network report covers whole municipalities, not one unit.", error="bad_scope")
        async with self.db.read():
            if unit_id and await UnitRepository(self.actor.municipality_id).get(unit_id) is None:
                raise NotFound("No such unit.")
            members = await network_members(self.actor.municipality_id) if scope == "network" else []
            ids = [m["id"] for m in members] or [self.actor.municipality_id]
            report = await self._gather(ReportRepository(ids, from_month, to_month, unit_id), scope, members)
            # Per unit only for one's own municipality: the network view shows other members' totals only.
            units = await UnitRepository(self.actor.municipality_id).list() if scope == "municipality" else []
            own = [await MunicipalityRepository().get(self.actor.municipality_id)]
            report["work"] = await work_summary(members or [m for m in own if m], ids, from_month, to_month)
        names = {u["id"]: u["name"] for u in units}
        report["check_units"] = check_units(report.pop("check_rows"), names)
        by_unit = report.pop("unit_rows")
        report["by_unit"] = [{**row, "label": names[row["key"]], "key": str(row["key"])}
                             for row in by_unit if row["key"] in names]
        return report

    async def document(self, scope: str, from_month: str | None, to_month: str | None, unit_id: UUID | None,
                       lang: str | None) -> tuple[Report, str, str]:
        """The report, the municipality's name and the language to write it in (the person's own by default)."""
        report = await self.report(scope, from_month, to_month, unit_id)
        async with self.db.read():
            municipality = await MunicipalityRepository().get(self.actor.municipality_id)
            user = await UserRepository(self.actor.municipality_id).get(self.actor.user_id)
        language = lang or ("en" if user and user["language"] == "en" else "sv")
        return report, municipality["name"] if municipality else "", language

    async def _gather(self, repo: ReportRepository, scope: str, members: list[dict[str, Any]]) -> Report:
        cube = await repo.cube()
        check_rows = await repo.check_outcomes()
        outcomes = rollup(check_rows, "decision", ("checks", "spent_ore"))
        counted = {d: (outcomes.get(d) or {}).get("checks", 0) for d in ("reused", "bought_used", "bought_new", "")}
        saved = totals(await repo.check_savings())
        by_month, by_municipality = rollup(cube, "month"), rollup(cube, "municipality")
        factor_counts = {key: row["reuses"] for key, row in rollup(cube, "factor").items()}
        before_from, before_to = previous_period(repo.from_month, repo.to_month)
        before = totals(await ReportRepository(repo.ids, before_from, before_to, repo.unit_id).period_totals())
        now = totals(rollup(cube, None).get(None, {}))
        return {
            "scope": scope, "from_month": repo.from_month, "to_month": repo.to_month, "unit_id": repo.unit_id,
            "totals": now,
            "previous": {"from_month": before_from, "to_month": before_to, "totals": before,
                         "change": {k: change(now[k], before[k]) for k in ("reuses", "co2e_kg", "saved_ore")}},
            "unit_rows": _sorted(rollup(cube, "unit")) if scope == "municipality" else [],
            "months": [{"month": m, **totals(by_month.get(m, {}))}
                       for m in months_between(repo.from_month, repo.to_month)],
            "by_deal": _sorted(rollup(cube, "deal")),
            "by_category": _sorted(rollup(cube, "category_slug")),
            "municipalities": sorted(
                ({"municipality_id": m["id"], "municipality": m["name"], **totals(by_municipality.get(m["id"], {}))}
                 for m in members), key=lambda r: r["municipality"]),
            "check_rows": check_rows,
            "checks": {
                **outcome_counts(counted),
                "saved_ore": saved["saved_ore"], "co2e_kg": saved["co2e_kg"],
                "spent_new_ore": (outcomes.get("bought_new") or {}).get("spent_ore") or 0,
            },
            "factors": sorted(({**f, "own": f["override_of"] is not None, "entries": factor_counts[f["id"]]}
                               for f in await repo.factors(list(factor_counts))),
                              key=lambda f: (f["category_slug"], f["version"])),
        }


_SUM_KEYS = ("reuses", "pieces", "co2e_g", "saved_ore", "waste_g")


def rollup(cube: list[dict[str, Any]], key: str | None,
           sums: tuple[str, ...] = _SUM_KEYS) -> dict[Any, dict[str, int]]:
    """Add the grouped sums up by one key (None: everything into one row)."""
    out: dict[Any, dict[str, int]] = {}
    for row in cube:
        target = out.setdefault(row[key] if key else None, dict.fromkeys(sums, 0))
        for name in sums:
            target[name] += row[name] or 0
    return out


def outcome_counts(counted: dict[str, int]) -> dict[str, Any]:
    """The checks per outcome and the share that led to reuse (from Delbar or bought used) of those decided."""
    decided = counted.get("reused", 0) + counted.get("bought_used", 0) + counted.get("bought_new", 0)
    return {"checks": decided + counted.get("", 0), "reused": counted.get("reused", 0),
            "bought_used": counted.get("bought_used", 0), "bought_new": counted.get("bought_new", 0),
            "undecided": counted.get("", 0),
            "reuse_share": round((counted.get("reused", 0) + counted.get("bought_used", 0)) / decided, 4)
            if decided else 0.0}


def check_units(rows: list[dict[str, Any]], names: dict[Any, str]) -> list[dict[str, Any]]:
    """The purchase-check share per unit: how many checks, what they led to; units by name."""
    per_unit: dict[Any, dict[str, int]] = {}
    for row in rows:
        per_unit.setdefault(row["unit"], {})[row["decision"]] = row["checks"]
    return sorted(({"unit_id": unit, "unit": names.get(unit, ""), **outcome_counts(counted)}
                   for unit, counted in per_unit.items() if unit in names), key=lambda r: r["unit"])


def _sorted(groups: dict[Any, dict[str, int]]) -> list[dict[str, Any]]:
    return sorted(({"key": key, **totals(row)} for key, row in groups.items()),
                  key=lambda r: (-r["co2e_kg"], r["key"]))
