"""The national default factors, seeded by migration, each with its source and system boundary.

Per piece: kg CO2e of making a new one (what a reuse avoids), a typical weight (the waste a
reuse avoids when the listing has no weight) and a replacement price for a new one. Categories
without a published per-piece figure fall back to weight × a material factor, via the parent
category or the `*` row. Prices are typical framework-agreement prices; admins override them.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

from backend.impact.repository import DefaultFactorRepository

_NAMESPACE = uuid.UUID("0b9f4c1e-5d2a-4d71-9a57-3f0e2b8c6d11")
SEEDED_AT = datetime(2025, 1, 1, tzinfo=UTC)

FIRA = "FIRA International, Benchmarking the carbon footprint of office furniture"
FIRA_BOUNDARY = "Cradle to gate plus delivery, as reported by FIRA; use phase excluded"
EPD_BOUNDARY = "EPD modules A1–A3 (cradle to gate); lower bound of the published range"


@dataclass(frozen=True)
class Seed:
    slug: str
    co2e_g: int | None
    co2e_g_per_kg: int | None
    typical_weight_g: int | None
    new_price_ore: int
    source: str
    boundary: str
    source_sv: str = ""
    boundary_sv: str = ""


FIRA_SV = "FIRA International, jämförelse av kontorsmöblers koldioxidavtryck"
FIRA_BOUNDARY_SV = "Från råvara till fabriksgrind plus leverans, som FIRA redovisar; användningen ingår inte"
EPD_BOUNDARY_SV = "EPD-modulerna A1–A3 (från råvara till fabriksgrind); det lägsta värdet i det publicerade spannet"


SEEDS: tuple[Seed, ...] = (
    Seed("kontorsstolar", 72_000, None, 17_000, 450_000, f"{FIRA}: office task chair, 72 kg CO2e", FIRA_BOUNDARY,
         f"{FIRA_SV}: kontorsstol, 72 kg CO2e", FIRA_BOUNDARY_SV),
    Seed(
        "hoj-och-sankbara-skrivbord", 110_000, None, 45_000, 800_000,
        "Published EPDs of electric height-adjustable desks: 110 kg CO2e (lowest in range)", EPD_BOUNDARY,
        "Publicerade EPD:er för elektriska höj- och sänkbara skrivbord: 110 kg CO2e (lägst i spannet)",
        EPD_BOUNDARY_SV,
    ),
    Seed("skrivbord", 90_000, None, 35_000, 450_000, "Published EPDs of fixed office desks: 90 kg CO2e", EPD_BOUNDARY,
         "Publicerade EPD:er för fasta kontorsskrivbord: 90 kg CO2e", EPD_BOUNDARY_SV),
    # The category holds both cupboards (31 kg) and steel pedestals (44 kg, FIRA): the lower
    # figure is used so that savings are not overstated.
    Seed(
        "forvaring", 31_000, None, 40_000, 350_000,
        f"{FIRA}: storage cupboard 31 kg CO2e (steel pedestal 44 kg; the lower is used)", FIRA_BOUNDARY,
        f"{FIRA_SV}: förvaringsskåp 31 kg CO2e (hurts i stål 44 kg; det lägre används)", FIRA_BOUNDARY_SV,
    ),
    Seed(
        "soffor", 55_000, None, 50_000, 900_000,
        "WRAP (UK), Benefits of reuse: sofa 55 kg CO2e", "Production of a new sofa; landfill of the old avoided",
        "WRAP (Storbritannien), nyttan med återbruk: soffa 55 kg CO2e",
        "Tillverkning av en ny soffa; deponi av den gamla undviks",
    ),
    Seed(
        "*", None, 2_000, 10_000, 150_000,
        "Weight × 2 kg CO2e/kg, a mixed steel/wood/plastic material factor (ICE database order of magnitude)",
        "Materials, cradle to gate; manufacture and transport not included (conservative)",
        "Vikt × 2 kg CO2e/kg, en materialfaktor för blandat stål, trä och plast (storleksordning ur ICE-databasen)",
        "Material från råvara till fabriksgrind; tillverkning och transport ingår inte (försiktigt räknat)",
    ),
)


_BY_SLUG = {s.slug: s for s in SEEDS}


def readable(slug: str, source: str, boundary: str) -> dict[str, tuple[str, str]]:
    """A factor's source and boundary per language: a national default as seeded has both; other text as written."""
    s = _BY_SLUG.get(slug)
    if s is None or (s.source, s.boundary) != (source, boundary):
        return {"sv": (source, boundary), "en": (source, boundary)}
    return {"sv": (s.source_sv, s.boundary_sv), "en": (s.source, s.boundary)}


def seed_id(slug: str) -> uuid.UUID:
    """The fixed id of version 1 of a national default, the same in every database."""
    return uuid.uuid5(_NAMESPACE, slug)


async def seed() -> None:
    """Insert the national defaults that are missing; never changes existing rows."""
    repository = DefaultFactorRepository()
    existing = await repository.slugs()
    for s in SEEDS:
        if s.slug in existing:
            continue
        await repository.insert({
            "id": seed_id(s.slug), "category_slug": s.slug, "version": 1, "co2e_g": s.co2e_g,
            "co2e_g_per_kg": s.co2e_g_per_kg, "typical_weight_g": s.typical_weight_g,
            "new_price_ore": s.new_price_ore, "source": s.source, "boundary": s.boundary,
            "valid_from": SEEDED_AT, "created_at": SEEDED_AT,
        })
