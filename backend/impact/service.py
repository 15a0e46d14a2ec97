"""Factor and purchase-check use cases.

Admins override factors for their municipality (a new version from now on; old entries keep
theirs). Anyone but a read-only reporter may run a purchase check; a decision is final.
"""

from __future__ import annotations

import json
from uuid import UUID, uuid4

from backend import clock
from backend.audit.service import record
from backend.catalog.categories import category_id
from backend.catalog.listings import visible_listing
from backend.catalog.search import SearchQuery, SearchService
from backend.db import Database
from backend.errors import Conflict, Invalid, NotFound
from backend.impact import schemas
from backend.impact.ledger import book_reuse
from backend.impact.repository import CheckRepository, FactorRepository, Row
from backend.tenancy import Actor
from backend.vocabulary import month_of

READERS = ("admin", "coordinator", "reporter")
CHECKERS = ("employee", "warehouse", "driver", "coordinator", "admin")


class FactorService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.factors = FactorRepository(actor.municipality_id)

    async def list(self) -> list[Row]:
        self.actor.require(*READERS)
        async with self.db.read():
            return await self.factors.visible()

    async def override(self, data: schemas.FactorOverride) -> Row:
        """A new version of the figures for one category, in force from now for this municipality."""
        self.actor.require("admin")
        if (data.co2e_kg is None) == (data.co2e_kg_per_kg is None):
            raise Invalid("Give either kg CO2e per piece or kg CO2e per kg of weight, not both.", error="one_basis")
        now = clock.now()
        async with self.db.write():
            version = await self.factors.latest_version(data.category_slug) + 1
            saved = await self.factors.insert({
                "id": uuid4(), "category_slug": data.category_slug, "version": version,
                "co2e_g": round(data.co2e_kg * 1000) if data.co2e_kg else None,
                "co2e_g_per_kg": round(data.co2e_kg_per_kg * 1000) if data.co2e_kg_per_kg else None,
                "typical_weight_g": round(data.typical_weight_kg * 1000) if data.typical_weight_kg else None,
                "new_price_ore": data.new_price_ore, "source": data.source, "boundary": data.boundary,
                "valid_from": now, "created_by": self.actor.user_id, "created_at": now,
            })
            fields = ("version", "co2e_g", "co2e_g_per_kg", "typical_weight_g", "new_price_ore", "source", "boundary")
            older = [f for f in await self.factors.visible()
                     if f["category_slug"] == data.category_slug and f["version"] < version]
            previous = max(older, key=lambda f: f["version"]) if older else None
            await record(self.actor, "factor.changed", "factor", data.category_slug, object_name=data.category_slug,
                         before={f: previous[f] for f in fields if f in previous} if previous else None,
                         after={f: saved[f] for f in fields if f in saved})
            return saved


async def link_check_to_booking(actor: Actor, check_id: UUID, booking_id: UUID, listing_id: UUID, now) -> None:
    """Inside the booking's write: the check the person ran is decided "reused", through this booking.

    Only the person's own unit's open check can be linked (404 otherwise; 409 once it is decided),
    so a booking cannot claim someone else's purchase decision.
    """
    checks = CheckRepository(actor.municipality_id)
    check = await checks.get(check_id)
    if check is None or check["unit"] != actor.unit_id:
        raise NotFound("No such purchase check.")
    if check["booking_id"] == booking_id:
        return
    if not await checks.link_booking(check_id, booking_id, listing_id, now):
        raise Conflict("This purchase check is already decided.", error="already_decided")


class PurchaseCheckService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.checks = CheckRepository(actor.municipality_id)

    async def list(self, limit: int = 50) -> list[Row]:
        unit = None if self.actor.has_any(*READERS) else self.actor.unit_id
        async with self.db.read():
            return await self.checks.list(unit, limit)

    async def create(self, data: schemas.PurchaseCheckCreate) -> tuple[Row, bool]:
        self.actor.require(*CHECKERS)
        _require_reason(data.decision, data.reason)
        check_id = data.id or uuid4()
        hits, offered = await _search(self.db, self.actor, data.search_query)
        now = clock.now()
        async with self.db.write():
            existing = await self.checks.get(check_id)
            if existing:
                return existing, False
            if await self.checks.exists_anywhere(check_id):
                raise Conflict("That id is already in use.")
            if data.listing_id:
                await visible_listing(self.actor, data.listing_id)  # 404 for a listing the person cannot see
            await self.checks.insert({
                "id": check_id, "unit": self.actor.unit_id, "user": self.actor.user_id, "need": data.need,
                "category_slug": data.category_slug or "", "quantity": data.quantity,
                "search_query": data.search_query, "search_hits": hits, "offered": json.dumps(offered),
                "decision": data.decision or "", "reason": data.reason, "listing_id": data.listing_id,
                "spent_ore": data.spent_ore, "month": month_of(now), "decided_at": now if data.decision else None,
                "created_at": now,
            })
            if data.decision:
                await self._book(await self.checks.get(check_id), now)
            return await self.checks.get(check_id), True

    async def decide(self, check_id: UUID, data: schemas.PurchaseCheckDecide) -> Row:
        self.actor.require(*CHECKERS)
        _require_reason(data.decision, data.reason)
        now = clock.now()
        async with self.db.write():
            current = await self.checks.get(check_id)
            if current is None:
                raise NotFound("No such purchase check.")
            if current["decision"]:
                raise Conflict("This purchase check is already decided.", error="already_decided")
            if data.listing_id:
                await visible_listing(self.actor, data.listing_id)  # 404 for a listing the person cannot see
            values = {"decision": data.decision, "reason": data.reason, "listing_id": data.listing_id,
                      "spent_ore": data.spent_ore}
            if not await self.checks.decide(check_id, data.version, values, now):
                raise Conflict("The purchase check was changed by someone else.", error="stale_version")
            row = await self.checks.get(check_id)
            await self._book(row, now)
            return row

    async def _book(self, row: Row, now) -> None:
        """A second-hand purchase outside Delbar is a reuse no booking records: the check books it."""
        if row["decision"] != "bought_used":
            return
        slug = row["category_slug"]
        await book_reuse(
            municipality_id=self.actor.municipality_id, unit_id=row["unit"], booking_id=None, listing_id=None,
            category_id=category_id(slug) if slug and slug != "*" else None, deal="bought_used",
            quantity=row["quantity"], paid_ore=row["spent_ore"], weight_g=None, completed_at=now,
            purchase_check_id=row["id"],
        )


def _require_reason(decision: str | None, reason: str) -> None:
    if decision == "bought_new" and not reason.strip():
        raise Invalid("Say why something new was bought: the reason is part of the purchase check.",
                      error="reason_required")


async def _search(db: Database, actor: Actor, query: str) -> tuple[int, list[dict[str, str]]]:
    """What Delbar offered for the search: the catalogue's own search, its first five hits."""
    if not query.strip():
        return 0, []
    page = await SearchService(db, actor).search(SearchQuery(q=query, per_page=5))
    return page.total, [{"id": str(r["id"]), "title": r["title"]} for r in page.results[:5]]
