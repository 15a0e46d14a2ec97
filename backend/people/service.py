"""Importing people and units from an HR system's CSV file: a preview, then the import itself.

The preview writes nothing. The import plans again inside one write transaction and applies
everything or nothing: a file with any row in error is refused whole, with the rows' errors,
so the admin fixes the export (or removes the rows) and what Delbar holds always matches one
file. Known people of this municipality are updated; new ones are created without a password
and invited by e-mail; units named in the file that do not exist are created. Importing the
same file again finds every row unchanged and writes nothing.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass, field
from uuid import UUID, uuid4

import msgspec

from backend import clock
from backend.accounts.passwords import hash_password_async
from backend.accounts.repository import Row, UnitRepository, UserRepository
from backend.audit.service import record
from backend.db import Database
from backend.mail.links import PasswordLinks
from backend.people import hr_csv, schemas
from backend.schemas import Email, Name
from backend.tenancy import Actor

UNAVAILABLE = "This e-mail address cannot be used here."


@dataclass
class Planned:
    """One row's plan: the values it sets, and how it reads in the report."""

    read: schemas.ImportRowRead
    user: Row | None = None
    values: dict = field(default_factory=dict)
    roles: list[str] | None = None
    unit_key: str = ""


def _valid(value: str, kind: object) -> bool:
    try:
        msgspec.convert(value, kind)
    except msgspec.ValidationError:
        return False
    return True


def _error(code: str, detail: str, value: str = "") -> schemas.ImportRowError:
    return schemas.ImportRowError(code=code, detail=detail, value=value[:200])


def _cell_errors(cells: dict[str, str]) -> tuple[list[schemas.ImportRowError], list[str] | None, str | None]:
    """Errors a row has on its own, with the roles and language it names (None: not given)."""
    errors = []
    if not _valid(cells["email"], Email):
        errors.append(_error("bad_email", "This is not an e-mail address."))
    if cells.get("name") and not _valid(cells["name"], Name):
        errors.append(_error("bad_name", "The name is longer than 200 characters or holds control characters."))
    if cells.get("unit") and not _valid(cells["unit"], Name):
        errors.append(_error("bad_unit", "The unit's name is longer than 200 characters or holds control characters."))
    roles = None
    if cells.get("roles"):
        roles, unknown = hr_csv.roles_of(cells["roles"])
        if unknown or not roles:
            words = ", ".join(unknown) or cells["roles"]
            errors.append(_error("unknown_role", f"Unknown role: {words[:200]}.", words))
    language = None
    if cells.get("language"):
        language = hr_csv.language_of(cells["language"])
        if language is None:
            errors.append(_error("unknown_language", "The language must be sv or en (svenska or engelska).",
                                 cells["language"]))
    return errors, roles, language


class PeopleImport:
    def __init__(self, db: Database, actor: Actor, *, password_hashing: str = "standard") -> None:
        self.db, self.actor, self.password_hashing = db, actor, password_hashing
        self.users = UserRepository(actor.municipality_id)
        self.units = UnitRepository(actor.municipality_id)

    async def preview(self, data: bytes) -> schemas.ImportReport:
        """What importing this file would do, row by row; nothing is written."""
        self.actor.require("admin")
        parsed = hr_csv.parse(data)
        async with self.db.read():
            plan, new_units = await self._plan(parsed.rows)
        return self._report(plan, new_units, parsed.ignored_columns, applied=False)

    async def apply(self, data: bytes) -> schemas.ImportReport:
        """Import the file in one transaction; refused whole (applied false) when any row has an error.

        A file that changes nothing is applied as well: the report says so (changed false)."""
        self.actor.require("admin")
        parsed = hr_csv.parse(data)
        # One hash of a secret nobody is told: new people sign in only after choosing a password.
        no_password = await hash_password_async(secrets.token_urlsafe(32), self.password_hashing)
        async with self.db.write():
            plan, new_units = await self._plan(parsed.rows)
            report = self._report(plan, new_units, parsed.ignored_columns, applied=False)
            if report.errors:
                return report
            if report.changed:
                await self._apply(plan, new_units, no_password)
        return self._report(plan, new_units, parsed.ignored_columns, applied=True)

    async def _plan(self, rows: list[hr_csv.CsvRow]) -> tuple[list[Planned], dict[str, str]]:
        units = {u["name"].strip().casefold(): u for u in await self.units.list()}
        mine = {u["email"]: u for u in await self.users.list()}
        emails = sorted({r.cells["email"].lower() for r in rows} - set(mine))
        taken = await self.users.taken_emails(emails)
        first_line: dict[str, int] = {}
        new_units: dict[str, str] = {}
        plan = []
        for row in rows:
            planned = self._plan_row(row, mine, taken, units, first_line)
            if planned.read.new_unit and planned.read.action != "error":
                new_units.setdefault(planned.unit_key, row.cells["unit"])
            plan.append(planned)
        return plan, new_units

    def _plan_row(self, row: hr_csv.CsvRow, mine: dict[str, Row], taken: set[str], units: dict[str, Row],
                  first_line: dict[str, int]) -> Planned:
        cells = {**row.cells, "email": row.cells["email"].lower()}
        email, name, unit = cells["email"], cells.get("name", ""), cells.get("unit", "")
        errors, roles, language = _cell_errors(cells)
        if email in first_line:
            errors.append(_error("duplicate", f"The same e-mail address as row {first_line[email]}."))
        first_line.setdefault(email, row.line)
        user = mine.get(email)
        unit_key = unit.casefold()
        planned = Planned(read=schemas.ImportRowRead(row=row.line, email=email, name=name, unit=unit,
                                                     action="unchanged", changes=[],
                                                     new_unit=bool(unit) and unit_key not in units, errors=errors),
                          user=user, roles=roles, unit_key=unit_key)
        if user is None:
            self._plan_new(planned, taken, language)
        else:
            self._plan_change(planned, user, units, language)
        if planned.read.errors:
            planned.read.action = "error"
        return planned

    def _plan_new(self, planned: Planned, taken: set[str], language: str | None) -> None:
        read = planned.read
        if read.email in taken:
            # Never say where the address is in use: another municipality's people are not ours to show.
            read.errors.append(_error("email_unavailable", UNAVAILABLE))
        if not read.name:
            read.errors.append(_error("name_missing", "A new person needs a name."))
        if not read.unit:
            read.errors.append(_error("unit_missing", "A new person needs a unit."))
        read.action = "create"
        read.changes = ["name", "unit", "roles", "language"]
        planned.roles = planned.roles or ["employee"]
        planned.values = {"email": read.email, "name": read.name, "language": language or "sv"}

    def _plan_change(self, planned: Planned, user: Row, units: dict[str, Row], language: str | None) -> None:
        read = planned.read
        values: dict = {}
        if read.name and read.name != user["name"]:
            values["name"] = read.name
        if read.unit and planned.unit_key != user["unit_name"].strip().casefold():
            values["unit"] = units[planned.unit_key]["id"] if planned.unit_key in units else None
        if language and language != user["language"]:
            values["language"] = language
        if planned.roles is not None and planned.roles == user["roles"]:
            planned.roles = None
        if planned.roles is not None and user["id"] == self.actor.user_id and "admin" not in planned.roles:
            read.errors.append(_error("own_account", "You cannot drop your own admin role."))
        read.changes = sorted([*values, *(["roles"] if planned.roles is not None else [])])
        read.action = "update" if read.changes else "unchanged"
        planned.values = values
        if not read.name:
            read.name = user["name"]

    async def _apply(self, plan: list[Planned], new_units: dict[str, str], no_password: str) -> None:
        now = clock.now()
        unit_ids = {u["name"].strip().casefold(): u["id"] for u in await self.units.list()}
        for key, name in new_units.items():
            unit_ids[key] = uuid4()
            await self.units.insert(unit_ids[key], name, "", now)
            await record(self.actor, "unit.created", "unit", unit_ids[key], object_name=name, after={"name": name})
        await self._create([p for p in plan if p.read.action == "create"], unit_ids, no_password)
        for planned in plan:
            if planned.read.action == "update":
                await self._update(planned, unit_ids)

    async def _create(self, plan: list[Planned], unit_ids: dict[str, UUID], no_password: str) -> None:
        """The new people in a few bulk inserts, each invited by e-mail."""
        if not plan:
            return
        rows = [{**p.values, "id": uuid4(), "unit": unit_ids[p.unit_key], "password_hash": no_password} for p in plan]
        roles = {row["id"]: p.roles or ["employee"] for row, p in zip(rows, plan, strict=True)}
        await self.users.insert_many(rows, roles, clock.now())
        inviter = await self.users.get(self.actor.user_id)  # the signed-in admin: always there
        invited = [{"id": row["id"], "email": row["email"], "municipality_name": inviter["municipality_name"]}
                   for row in rows]
        await PasswordLinks(self.db, password_hashing=self.password_hashing).send_invitations(invited, inviter["name"])
        for row in rows:
            after = {"email": row["email"], "name": row.get("name", ""), "roles": roles[row["id"]]}
            await record(self.actor, "user.created", "user", row["id"], object_name=row.get("name", ""), after=after)
            await record(self.actor, "user.invited", "user", row["id"], object_name=row.get("name", ""),
                         after={"email": row["email"]})

    async def _update(self, planned: Planned, unit_ids: dict[str, UUID]) -> None:
        user = planned.user
        values = dict(planned.values)
        if "unit" in values:
            values["unit"] = unit_ids[planned.unit_key]
        if values:
            await self.users.update(user["id"], user["version"], values)
            await record(self.actor, "user.changed", "user", user["id"], object_name=user["name"],
                         before={field: user.get(field) for field in values}, after=values)
        if planned.roles is not None:
            await self.users.set_roles(user["id"], planned.roles)
            await record(self.actor, "user.roles_changed", "user", user["id"], object_name=user["name"],
                         before={"roles": user.get("roles")}, after={"roles": planned.roles})

    @staticmethod
    def _report(plan: list[Planned], new_units: dict[str, str], ignored: list[str], *,
                applied: bool) -> schemas.ImportReport:
        count = {action: sum(p.read.action == action for p in plan) for action in ("create", "update", "unchanged")}
        errors = sum(p.read.action == "error" for p in plan)
        return schemas.ImportReport(
            rows=[p.read for p in plan], created=count["create"], updated=count["update"],
            unchanged=count["unchanged"], errors=errors, new_units=sorted(new_units.values()),
            ignored_columns=ignored, applied=applied,
            changed=bool(count["create"] or count["update"] or new_units) and not errors)
