"""Wants (efterlysningar): record what a unit looks for, show open wants, match published listings.

Matching runs inside the write transaction that publishes a listing or opens it to a wider tier,
so a match exists exactly when the change does. The push context turns matches into messages.
"""

from __future__ import annotations

from datetime import datetime
from uuid import UUID, uuid4

from backend import clock
from backend.catalog import schemas, text
from backend.catalog.hooks import with_free_from
from backend.catalog.repository import CategoryRepository, Row, mark_shared, peers_of, unscoped_listing
from backend.catalog.search_repository import Filters, SearchRepository, match_text
from backend.catalog.tables import TIERS
from backend.catalog.viewer import viewer_for
from backend.catalog.want_repository import WantRepository
from backend.db import Database
from backend.errors import Conflict, Invalid, NotFound
from backend.push.outbox import notify_message
from backend.tenancy import Actor
from backend.vocabulary import local_day

# A new want is matched at once against what is already listed, best matches first, up to this many.
MAX_EXISTING_MATCHES = 50
SHARE_BATCH = 200  # listings matched per transaction by the share-day job


def reach(listing: Row, now: datetime) -> str:
    """The widest tier the listing reaches at `now` (its share day counted)."""
    tier = listing["visibility"]
    if listing["widen_to"] and listing["share_at"] and listing["share_at"] <= now:
        tier = max(tier, listing["widen_to"], key=TIERS.index)
    return tier


async def match_listing(listing: Row, now: datetime) -> list[Row]:
    """Record a match for each open want that can see this published listing; return the new ones."""
    tier = reach(listing, now)
    wants = WantRepository(listing["municipality"])
    if tier == "unit":
        candidates = await wants.open_candidates([listing["municipality"]], listing["owner_unit"])
    elif tier == "public":
        candidates = await wants.open_candidates(None, None)
    else:
        scope = [listing["municipality"]] + (list(await peers_of(listing["municipality"])) if tier == "network" else [])
        candidates = await wants.open_candidates(scope, None)
    category = await CategoryRepository().get(listing["category"]) if listing["category"] else None
    categories = {listing["category"], category["parent"] if category else None} - {None}
    listing_stems = set(text.stems(" ".join((listing["title"], listing["tags"], listing["description"],
                                              category["name_sv"] if category else ""))))
    done = await wants.matched_wants(listing["id"])
    new = [
        {"id": uuid4(), "municipality": want["municipality"], "want": want["id"], "listing": listing["id"]}
        for want in candidates
        if want["id"] not in done and _fits(want, listing, categories, listing_stems, now)
    ]
    await wants.insert_matches(new, now)
    # Push context: each matched want's owner is told, in this same transaction (notify() only
    # inserts rows; its worker sends them after commit). One call for all owners keeps fan-out fast.
    owners = {want["id"]: want["user"] for want in candidates}
    await notify_message([owners[m["want"]] for m in new], "want_matched", "want_matched",
                         {"listing": listing["title"]}, f"/annons/{listing['id']}", tag=f"listing-{listing['id']}")
    return new


def _fits(want: Row, listing: Row, categories: set, listing_stems: set[str], now: datetime) -> bool:
    if want["kind"] and want["kind"] != listing["kind"]:
        return False
    if want["category"] and want["category"] not in categories:
        return False
    if want["needed_by"] and want["needed_by"] < local_day(now):
        return False
    stems = set(want["search_text"].split())
    return bool(stems) and stems <= listing_stems


async def open_due(db: Database) -> list[Row]:
    """Match the listings whose share day has come; returns the matches created. Run periodically.

    A batch per transaction: a backlog (after a pause, or a project's hundreds of listings sharing
    on one day) commits as it goes, and no transaction holds its listings for long.
    """
    created: list[Row] = []
    now = clock.now()
    while True:
        async with db.write():
            due = await WantRepository(UUID(int=0)).due_for_share(now, SHARE_BATCH)
            for listing_id in due:
                listing = await unscoped_listing(listing_id)
                created += await match_listing(listing, now)
                await mark_shared(listing_id)
        if len(due) < SHARE_BATCH:
            return created


class WantService:
    def __init__(self, db: Database, actor: Actor) -> None:
        self.db, self.actor = db, actor
        self.wants = WantRepository(actor.municipality_id)

    async def create(self, data: schemas.WantCreate) -> tuple[Row, bool]:
        want_id = data.id or uuid4()
        async with self.db.write():
            existing = await self.wants.get_any_tenant(want_id)
            if existing:
                if existing["municipality"] != self.actor.municipality_id:
                    raise Conflict("That id is already in use.")
                return await self.wants.get(want_id), False
            if data.category_id and await CategoryRepository().get(data.category_id) is None:
                raise Invalid("No such category.", error="unknown_category")
            stems = text.stems(data.text)
            if not stems:
                raise Invalid("Say what you are looking for in a few words.", error="no_words")
            await self.wants.insert({
                "id": want_id, "unit": self.actor.unit_id, "user": self.actor.user_id, "text": data.text,
                "kind": data.kind or "", "category": data.category_id, "quantity": data.quantity,
                "needed_by": data.needed_by, "visibility": data.visibility, "search_text": " ".join(stems),
                "created_at": clock.now(),
            })
            await self._match_existing(want_id, data)
            return await self.wants.get(want_id), True

    async def _match_existing(self, want_id: UUID, data: schemas.WantCreate) -> None:
        """What the catalogue already finds for the want's words is a match now: the person sees it at
        once (and is not notified about what they are looking at). Later listings match on publishing."""
        match = match_text(data.text)
        if match is None:
            return
        categories = await CategoryRepository().subtree(data.category_id) if data.category_id else []
        repo = SearchRepository(await viewer_for(self.actor))
        rows = await repo.page(match, Filters(kind=data.kind, categories=categories), True, MAX_EXISTING_MATCHES, 0)
        await self.wants.insert_matches([
            {"id": uuid4(), "municipality": self.actor.municipality_id, "want": want_id, "listing": row["id"]}
            for row in rows if row["status"] == "published"
        ], clock.now())

    async def mine(self) -> list[Row]:
        async with self.db.read():
            return await self.wants.of_user(self.actor.user_id)

    async def open(self) -> list[Row]:
        """Open wants in the actor's tiers, so a unit can offer what someone is looking for."""
        async with self.db.read():
            return await self.wants.open_seen_by(await peers_of(self.actor.municipality_id))

    async def close(self, want_id: UUID, version: int) -> Row:
        async with self.db.write():
            want = await self.wants.get(want_id)
            if want is None or want["user"] != self.actor.user_id:
                raise NotFound("No such want.")
            if not await self.wants.close(want_id, version):
                raise Conflict("The want was changed elsewhere; reload it.", error="stale_version")
            return await self.wants.get(want_id)

    async def matches(self) -> list[tuple[Row, Row]]:
        """The actor's matches with the listing cards they may still see (paused or closed ones drop out)."""
        async with self.db.read():
            matches = await self.wants.matches_of_user(self.actor.user_id)
            repo = SearchRepository(await viewer_for(self.actor))
            found = await with_free_from(await repo.cards([m["listing_id"] for m in matches]), local_day(clock.now()))
            cards = {c["id"]: c for c in found}
        return [(m, cards[m["listing_id"]]) for m in matches if m["listing_id"] in cards]
