"""Move project use cases: plan, register items, list them in one go, plan the rest's end, report.

Items are the catalogue's own draft listings (made by its listing use case, never by hand here);
a project only links them and keeps their planned end.
"""

from __future__ import annotations

from datetime import timedelta
from uuid import UUID, uuid4

from backend import clock
from backend.accounts.repository import UserRepository
from backend.catalog.listings import ListingService
from backend.catalog.schemas import ListingCreate, ListingUpdate, StatusChange
from backend.catalog.visibility import MANAGERS
from backend.db import Database
from backend.errors import Conflict, Invalid, NotFound
from backend.impact.ledger import estimate
from backend.locations.repository import LocationRepository
from backend.projects import schemas
from backend.projects.repository import ProjectRepository, Row
from backend.tenancy import Actor

# Listings go out to the municipality first and to its network from the share day.
FIRST_TIER, WIDER_TIER = "municipality", "network"
# A planned end that takes the thing out of reach closes its listing.
CLOSES_LISTING = ("recycling", "disposal")


def effective_outcome(item: Row) -> str | None:
    """Reused when someone booked it, else the planned end set (None while open)."""
    return "reused" if item["taken"] else (item["outcome"] or None)


def _open(project: Row) -> Row:
    """The project, unless it is closed (then nothing in it changes any more)."""
    if project["status"] == "closed":
        raise Conflict("The project is closed.", error="project_closed")
    return project


class ProjectService:
    """Coordinators and admins run projects; a project's collaborators open it, register its things and read
    its report. Anyone else is told there is no such project."""

    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.repo = ProjectRepository(actor.municipality_id)
        self.manages = actor.has_any(*MANAGERS)

    def _manage(self) -> None:
        self.actor.require(*MANAGERS)

    async def list(self) -> list[Row]:
        """Every project for those who run them; for anyone else the projects they collaborate on."""
        async with self.db.read():
            return await self.repo.list(None if self.manages else self.actor.user_id)

    async def people(self) -> list[Row]:
        self._manage()
        async with self.db.read():
            return [r for r in await UserRepository(self.actor.municipality_id).list() if r["active"]]

    async def get(self, project_id: UUID) -> Row:
        async with self.db.read():
            return await self._details(await self._project(project_id))

    async def _project(self, project_id: UUID) -> Row:
        row = await self.repo.get(project_id)
        if row is None or not (self.manages or await self.repo.is_member(project_id, self.actor.user_id)):
            raise NotFound("No such project.")
        return row

    async def _details(self, row: Row) -> Row:
        row["members"] = await self.repo.members(row["id"])
        row["items"] = await self.repo.items(row["id"])
        return row

    async def create(self, data: schemas.ProjectCreate) -> tuple[Row, bool]:
        """Create a project; the same id again returns the one made (a retried create)."""
        self._manage()
        project_id = data.id or uuid4()
        async with self.db.write():
            existing = await self.repo.exists_anywhere(project_id)
            if existing:
                if existing["municipality"] != self.actor.municipality_id:
                    raise Conflict("That id is already in use.")
                return await self._details(await self._project(project_id)), False
            await self._check(data)
            now = clock.now()
            await self.repo.insert({"id": project_id, "name": data.name.strip(), "address": data.address.strip(),
                                    "location": data.location_id, "day": data.day, "status": "planning",
                                    "created_by": self.actor.user_id, "created_at": now, "updated_at": now})
            await self.repo.replace_members(project_id, data.member_ids)
            return await self._details(await self._project(project_id)), True

    async def update(self, project_id: UUID, data: schemas.ProjectUpdate) -> Row:
        self._manage()
        async with self.db.write():
            _open(await self._project(project_id))
            await self._check(data)
            values = {"name": data.name.strip(), "address": data.address.strip(), "location": data.location_id,
                      "day": data.day, "updated_at": clock.now()}
            if not await self.repo.update(project_id, data.version, values):
                raise Conflict("The project was changed by someone else; reload it.", error="stale_version")
            await self.repo.replace_members(project_id, data.member_ids)
            return await self._details(await self._project(project_id))

    async def _check(self, data: schemas.ProjectFields) -> None:
        today = clock.now().date()
        if not today - timedelta(days=365) <= data.day <= today + timedelta(days=730):
            raise Invalid("The day must be within a year back and two years ahead.", error="day_out_of_range")
        if data.location_id and await LocationRepository(self.actor.municipality_id).get(data.location_id) is None:
            raise Invalid("No such location in your municipality.", error="unknown_location")
        if len(await self.repo.people(data.member_ids)) != len(data.member_ids):
            raise Invalid("Collaborators must be active people of your municipality.", error="unknown_person")

    async def add_item(self, project_id: UUID, data: schemas.ItemCreate) -> tuple[Row, bool]:
        """Register a thing ahead of the day as a draft listing to give away at the project's place."""
        async with self.db.write():
            project = await self._project(project_id)
            if project["status"] == "closed":
                raise Conflict("The project is closed.", error="project_closed")
            listings = ListingService(self.db, self.actor)
            created = ListingCreate(kind=data.kind, deal="give", title=data.title, category_id=data.category_id,
                                    quantity=data.quantity, weight_g=data.weight_g, location_id=project["location_id"],
                                    visibility=FIRST_TIER, id=data.id)
            replayed = data.id is not None and await self.repo.has_listing(data.id)
            if not replayed and await self.repo.item_count(project_id) >= schemas.MAX_ITEMS:
                raise Conflict(f"A project holds at most {schemas.MAX_ITEMS} items.", error="too_many_items")
            listing, made, _ = await listings.create(created)
            linked = [i for i in await self.repo.items(project_id) if i["listing_id"] == listing["id"]]
            if not linked:
                if not made:  # a listing of its own or of another project: the id is someone else's
                    raise Conflict("That id is already in use.")
                await self.repo.add_item(project_id, listing["id"], clock.now())
            return await self._details(await self._project(project_id)), made

    async def list_all(self, project_id: UUID, data: schemas.ListAll) -> Row:
        """Publish every draft listing of the project at once, open to the network from the share day."""
        self._manage()
        today = clock.now().date()
        if not today < data.share_day <= today + timedelta(days=365):
            raise Invalid("The share day must be from tomorrow up to a year ahead.", error="share_day_out_of_range")
        async with self.db.write():
            project = await self._project(project_id)
            if project["version"] != data.version:
                raise Conflict("The project was changed by someone else; reload it.", error="stale_version")
            drafts = [i for i in await self.repo.items(project_id) if i["listing_status"] == "draft"]
            if not drafts:
                raise Conflict("There is nothing left to list: register items first.", error="nothing_to_list")
            await self._publish(drafts, (data.share_day - today).days)
            await self.repo.update(project_id, data.version, {"status": "listed", "share_day": data.share_day,
                                                              "updated_at": clock.now()})
            return await self._details(await self._project(project_id))

    async def _publish(self, drafts: list[Row], share_days: int) -> None:
        listings = ListingService(self.db, self.actor)
        for item in drafts:
            changed = await listings.update(item["listing_id"], ListingUpdate(
                version=item["listing_version"], widen_to=WIDER_TIER, share_days=share_days))
            await listings.change_status(item["listing_id"], StatusChange(status="published",
                                                                          version=changed["version"]))

    async def set_outcomes(self, project_id: UUID, data: schemas.OutcomeChange) -> Row:
        """Set (or clear) items' outcomes, all or none; a booked item is reused whatever is asked."""
        self._manage()
        async with self.db.write():
            _open(await self._project(project_id))
            items = {i["id"]: i for i in await self.repo.items(project_id)}
            for entry in data.items:
                item = items.get(entry.id)
                if item is None:
                    raise NotFound(f"No such item in this project: {entry.id}. Nothing was changed.")
                if item["taken"] and entry.outcome not in ("reused", None):
                    raise Conflict(f"{item['title']} is booked: it is reused. Nothing was changed.",
                                   error="item_taken")
            chosen = {e.id: e.outcome or "" for e in data.items}
            await self._apply(project_id, [items[i] for i in chosen], chosen)
            return await self._details(await self._project(project_id))

    async def rest_goes_to(self, project_id: UUID, data: schemas.RestOutcome) -> Row:
        """Give every item nobody took and without a planned end the same end."""
        self._manage()
        async with self.db.write():
            project = _open(await self._project(project_id))
            if project["status"] == "planning":
                raise Conflict("List the items first: the rest is what nobody took.", error="not_listed")
            rest = [i for i in await self.repo.items(project_id) if effective_outcome(i) is None]
            await self._apply(project_id, rest, {i["id"]: data.outcome for i in rest})
            return await self._details(await self._project(project_id))

    async def close(self, project_id: UUID, data: schemas.ProjectClose) -> Row:
        """Close a listed project once every item has its end (reused or a planned end); then it is read only."""
        self._manage()
        async with self.db.write():
            project = _open(await self._project(project_id))
            if project["version"] != data.version:
                raise Conflict("The project was changed by someone else; reload it.", error="stale_version")
            if project["status"] == "planning":
                raise Conflict("List the items first.", error="not_listed")
            undecided = [i for i in await self.repo.items(project_id) if effective_outcome(i) is None]
            if undecided:
                raise Conflict(f"{len(undecided)} items have no end yet; decide where they go first.",
                               error="items_undecided")
            await self.repo.update(project_id, data.version, {"status": "closed", "updated_at": clock.now()})
            return await self._details(await self._project(project_id))

    async def _apply(self, project_id: UUID, items: list[Row], chosen: dict[UUID, str]) -> None:
        await self.repo.set_outcomes(project_id, chosen)
        listings = ListingService(self.db, self.actor)
        for item in items:
            if chosen[item["id"]] in CLOSES_LISTING and item["listing_status"] in ("draft", "published", "paused"):
                await listings.change_status(item["listing_id"], StatusChange(
                    status="closed", version=item["listing_version"]))

    async def report(self, project_id: UUID) -> Row:
        """Items reused and what that avoided (the impact factors in force today), and where all went."""
        async with self.db.read():
            project = await self._project(project_id)
            items = await self.repo.items(project_id)
            counts = {"reused": 0, "storage": 0, "recycling": 0, "disposal": 0, "open": 0}
            totals = {"pieces": 0, "co2e": 0, "saved": 0, "waste": 0}
            factors: dict[tuple[str, int], Row] = {}
            now = clock.now()
            for item in items:
                outcome = effective_outcome(item)
                counts[outcome or "open"] += 1
                if outcome != "reused":
                    continue
                co2e, saved, waste, factor = await estimate(
                    self.actor.municipality_id, item["category_id"], quantity=item["quantity"],
                    weight_g=item["weight_g"], at=now)
                totals["pieces"] += item["quantity"]
                totals["co2e"] += co2e
                totals["saved"] += saved
                totals["waste"] += waste
                factors[(factor["category_slug"], factor["version"])] = factor
            return {"project_id": project["id"], "items": len(items), "counts": counts, "totals": totals,
                    "factors": list(factors.values())}
