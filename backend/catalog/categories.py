"""The shared Swedish category tree, seeded by migration: (slug, Swedish, English, parent slug)."""

from __future__ import annotations

import uuid

from backend.catalog.repository import CategoryRepository, Row
from backend.db import Database

# Stable ids, so every database (and every test) names a category the same way.
_NAMESPACE = uuid.UUID("6f1c3c0e-8a43-4f44-9d36-0c1b5d6a7c10")

TREE: tuple[tuple[str, str, str, str | None], ...] = (
    ("mobler", "Möbler", "Furniture", None),
    ("kontorsstolar", "Kontorsstolar", "Office chairs", "mobler"),
    ("stolar", "Stolar", "Chairs", "mobler"),
    ("skrivbord", "Skrivbord", "Desks", "mobler"),
    ("hoj-och-sankbara-skrivbord", "Höj- och sänkbara skrivbord", "Height-adjustable desks", "mobler"),
    ("bord", "Bord", "Tables", "mobler"),
    ("forvaring", "Förvaring", "Storage", "mobler"),
    ("soffor", "Soffor", "Sofas", "mobler"),
    ("konferensmobler", "Konferensmöbler", "Conference furniture", "mobler"),
    ("skolmobler", "Skolmöbler", "School furniture", "mobler"),
    ("belysning", "Belysning", "Lighting", "mobler"),
    ("utrustning", "Utrustning", "Equipment", None),
    ("it-utrustning", "IT-utrustning", "IT equipment", "utrustning"),
    ("skarmar", "Skärmar", "Monitors", "utrustning"),
    ("verktyg", "Verktyg", "Tools", "utrustning"),
    ("kok", "Kök", "Kitchen", "utrustning"),
    ("evenemang", "Evenemang", "Events", "utrustning"),
    ("fordon", "Fordon", "Vehicles", "utrustning"),
    ("hjalpmedel", "Hjälpmedel", "Assistive devices", "utrustning"),
    ("sport-och-fritid", "Sport och fritid", "Sport and leisure", "utrustning"),
    ("tjanster", "Tjänster", "Services", None),
    ("snickeri", "Snickeri", "Carpentry", "tjanster"),
    ("flytthjalp", "Flytthjälp", "Moving help", "tjanster"),
    ("tapetsering", "Tapetsering och klädsel", "Upholstery", "tjanster"),
    ("reparation", "Reparation", "Repairs", "tjanster"),
    ("bemanning", "Bemanning", "Staffing", None),
    ("uppdrag", "Uppdrag", "Assignments", "bemanning"),
    ("praktik", "Praktik och arbetsträning", "Work placements", "bemanning"),
)


def category_id(slug: str) -> uuid.UUID:
    """The fixed id of a seeded category."""
    return uuid.uuid5(_NAMESPACE, slug)


async def seed() -> None:
    """Insert the categories that are missing (by slug); never changes existing rows."""
    repository = CategoryRepository()
    existing = await repository.slugs()
    for position, (slug, name_sv, name_en, parent) in enumerate(TREE):
        if slug in existing:
            continue
        await repository.insert({"id": category_id(slug), "parent": category_id(parent) if parent else None,
                                 "slug": slug, "name_sv": name_sv, "name_en": name_en, "position": position})


class CategoryService:
    def __init__(self, db: Database) -> None:
        self.db = db

    async def list(self) -> list[Row]:
        async with self.db.read():
            return await CategoryRepository().list()
