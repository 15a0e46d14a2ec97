"""Rows → API Structs for the catalogue."""

from __future__ import annotations

import json
from datetime import date
from uuid import UUID

from backend.catalog import schemas
from backend.catalog.repository import Row
from backend.catalog.search import SearchPage


def photo_urls(photo_id: object) -> tuple[str, str]:
    return f"/api/photos/{photo_id}/display", f"/api/photos/{photo_id}/thumb"


def photo_read(row: Row) -> schemas.PhotoRead:
    display, thumb = photo_urls(row["id"])
    return schemas.PhotoRead(id=row["id"], width=row["width"], height=row["height"], display_url=display,
                             thumb_url=thumb)


def listing_read(row: Row) -> schemas.ListingRead:
    return schemas.ListingRead(
        id=row["id"], municipality_id=row["municipality"], municipality_name=row["municipality_name"],
        owner_unit_id=row["owner_unit"], owner_unit_name=row["owner_unit_name"], kind=row["kind"], deal=row["deal"],
        title=row["title"], description=row["description"], category_id=row["category"],
        category_name=row["category_name"], condition=row["condition"], tags=row["tags"],
        price_ore=row["price_ore"], rent_period=row["rent_period"], quantity=row["quantity"],
        width_cm=row["width_cm"], depth_cm=row["depth_cm"], height_cm=row["height_cm"], weight_g=row["weight_g"],
        location_id=row["location"], location_name=row.get("location_name"),
        location_address=row.get("location_address"), available_from=row["available_from"],
        available_until=row["available_until"],
        status=row["status"], visibility=row["visibility"], widen_to=row["widen_to"], share_days=row["share_days"],
        share_at=row["share_at"], published_at=row["published_at"], created_at=row["created_at"],
        updated_at=row["updated_at"], version=row["version"], can_edit=row.get("can_edit", False),
        photos=[photo_read(p) for p in row.get("photos", [])],
        windows=[schemas.WindowRead(id=w["id"], starts_at=w["starts_at"], ends_at=w["ends_at"], capacity=w["capacity"])
                 for w in row.get("windows", [])],
        items=[schemas.ItemRead(id=i["id"], title=i["title"], state=i["state"]) for i in row.get("items", [])],
    )


def _date(value: object) -> date | None:
    # Raw SQL on SQLite may return a date as its ISO text.
    return None if value is None else value if isinstance(value, date) else date.fromisoformat(str(value))


def _uuid(value: object) -> UUID | None:
    # Raw SQL on SQLite returns ids of computed columns as text.
    return None if value is None else value if isinstance(value, UUID) else UUID(str(value))


def card(row: Row) -> schemas.ListingCard:
    photo_id = _uuid(row["photo_id"])
    return schemas.ListingCard(
        id=_uuid(row["id"]), title=row["title"], kind=row["kind"], deal=row["deal"], price_ore=row["price_ore"],
        rent_period=row["rent_period"], quantity=row["quantity"], condition=row["condition"],
        category_id=_uuid(row["category_id"]), municipality_id=_uuid(row["municipality_id"]),
        municipality_name=row["municipality_name"], owner_unit_name=row["owner_unit_name"], status=row["status"],
        published_at=row["published_at"], available_from=_date(row["available_from"]),
        available_until=_date(row["available_until"]), free_from=row.get("free_from"),
        thumb_url=photo_urls(photo_id)[1] if photo_id else None,
    )


def search_result(page: SearchPage, number: int, per_page: int) -> schemas.SearchResult:
    return schemas.SearchResult(
        total=page.total, total_exact=page.exact, page=number, per_page=per_page,
        results=[card(r) for r in page.results],
        facets={name: [schemas.FacetCount(value=v, count=n) for v, n in counts]
                for name, counts in page.facets.items()},
    )


def event_read(row: Row) -> schemas.ListingEventRead:
    return schemas.ListingEventRead(action=row["action"], actor_id=row["actor_id"], actor_name=row["actor_name"],
                                    changes=json.loads(row["changes"]), at=row["at"])


def category_read(row: Row) -> schemas.CategoryRead:
    return schemas.CategoryRead(id=row["id"], parent_id=row["parent"], slug=row["slug"], name_sv=row["name_sv"],
                                name_en=row["name_en"])


def want_read(row: Row, user_id: UUID) -> schemas.WantRead:
    return schemas.WantRead(
        id=row["id"], text=row["text"], kind=row["kind"], category_id=row["category"], quantity=row["quantity"],
        needed_by=row["needed_by"], visibility=row["visibility"], status=row["status"],
        municipality_name=row["municipality_name"], unit_name=row["unit_name"], mine=row["user"] == user_id,
        version=row["version"], created_at=row["created_at"],
    )


def match_read(match: Row, listing: Row) -> schemas.MatchRead:
    return schemas.MatchRead(id=match["id"], want_id=match["want_id"], want_text=match["want_text"],
                             listing=card(listing), created_at=match["created_at"])
