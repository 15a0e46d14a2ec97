"""Queries on wants (efterlysningar) and their matches."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from backend.catalog.tables import Listing, Want, WantMatch

Row = dict[str, Any]

WANT_COLUMNS = (
    *Want.all_columns(exclude=[Want.search_text]),
    Want.municipality.name.as_alias("municipality_name"),
    Want.unit.name.as_alias("unit_name"),
)


class WantRepository:
    """Wants as seen from one municipality; matching reads across the tiers a listing reaches."""

    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def get_any_tenant(self, want_id: UUID) -> Row | None:
        return await Want.select(Want.id, Want.municipality).where(Want.id == want_id).first()

    async def get(self, want_id: UUID) -> Row | None:
        return await Want.select(*WANT_COLUMNS).where(
            Want.id == want_id, Want.municipality == self.municipality_id).first()

    async def insert(self, values: Row) -> None:
        await Want.insert(Want(**values, municipality=self.municipality_id))

    async def close(self, want_id: UUID, version: int) -> bool:
        rows = await Want.update({Want.status: "closed", Want.version: version + 1}).where(
            Want.id == want_id, Want.municipality == self.municipality_id, Want.version == version
        ).returning(Want.id)
        return bool(rows)

    async def of_user(self, user_id: UUID) -> list[Row]:
        return await Want.select(*WANT_COLUMNS).where(
            Want.user == user_id, Want.municipality == self.municipality_id
        ).order_by(Want.created_at, ascending=False)

    async def open_seen_by(self, peers: tuple[UUID, ...], limit: int = 200) -> list[Row]:
        """Open wants the viewer's municipality may see: its own, peers' network/public ones, public ones."""
        own = Want.municipality == self.municipality_id
        shared = Want.visibility == "public"
        if peers:
            shared = shared | (Want.municipality.is_in(list(peers)) & (Want.visibility == "network"))
        return await Want.select(*WANT_COLUMNS).where(Want.status == "open", own | shared).order_by(
            Want.created_at, ascending=False
        ).limit(limit)

    async def open_candidates(self, municipalities: list[UUID] | None, unit_id: UUID | None) -> list[Row]:
        """Open wants of these municipalities (None: all), or of one unit, with their search stems."""
        query = Want.select(Want.id, Want.municipality, Want.unit, Want.user, Want.kind, Want.category,
                            Want.needed_by, Want.search_text).where(Want.status == "open")
        if unit_id is not None:
            query = query.where(Want.unit == unit_id)
        if municipalities is not None:
            query = query.where(Want.municipality.is_in(municipalities))
        return await query

    async def matched_wants(self, listing_id: UUID) -> set[UUID]:
        return set(await WantMatch.select(WantMatch.want).where(WantMatch.listing == listing_id).output(as_list=True))

    async def insert_matches(self, rows: list[Row], now: datetime) -> None:
        # In slices: one INSERT of every match passes PostgreSQL's 32,767 bind arguments past
        # ~6,500 matches (five columns each), and a popular listing can match more wants than that.
        for start in range(0, len(rows), 1000):
            await WantMatch.insert(*[WantMatch(**row, created_at=now) for row in rows[start:start + 1000]])

    async def matches_of_user(self, user_id: UUID) -> list[Row]:
        return await WantMatch.select(
            WantMatch.id, WantMatch.created_at, WantMatch.want.id.as_alias("want_id"),
            WantMatch.want.text.as_alias("want_text"), WantMatch.listing.id.as_alias("listing_id"),
        ).where(WantMatch.want.user == user_id, WantMatch.municipality == self.municipality_id).order_by(
            WantMatch.created_at, ascending=False
        )

    async def due_for_share(self, now: datetime, limit: int) -> list[UUID]:
        """Published listings whose share day has come but whose wider tier was not yet matched,
        the earliest first (index listing_share_due)."""
        return await Listing.select(Listing.id).where(
            Listing.shared_matched.eq(False), Listing.share_at <= now, Listing.status == "published"
        ).order_by(Listing.share_at).limit(limit).output(as_list=True)
