"""A year of demo history for the reports: reuses, purchase checks and invoice lines, in bulk.

Deterministic (a seeded random generator, ids derived from names), so a second run finds the
first entry and changes nothing. Adoption grows over the year so the trend chart has a shape.
"""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta
from uuid import UUID

from backend import clock
from backend.billing.tables import InvoiceLine
from backend.demo import data
from backend.impact.factors import seed as seed_factors
from backend.impact.ledger import compute
from backend.impact.tables import FALLBACK_KEY, AmeParticipant, ImpactEntry, ImpactFactor, PurchaseCheck, WorkEntry
from backend.vocabulary import STOCKHOLM, month_of

# (slug, weight in the mix, typical piece weight in grams when the listing gives one)
CATEGORIES = (
    ("kontorsstolar", 30, None), ("skrivbord", 14, None), ("hoj-och-sankbara-skrivbord", 10, None),
    ("forvaring", 12, None), ("soffor", 5, None), ("bord", 10, 25_000), ("stolar", 9, 7_000),
    ("konferensmobler", 4, 20_000), ("skarmar", 3, 5_000), ("it-utrustning", 3, 4_000),
)
DEALS = (("give", 45), ("sell", 20), ("lend", 20), ("rent", 15))
SIZE = {"Ystad": 1.0, "Skurup": 0.6, "Trelleborg": 1.5}
REASONS = ("Ergonomisk anpassning enligt läkarintyg", "Fanns inget i rätt storlek", "Behövdes samma vecka",
           "Krav på enhetlig inredning i nya lokaler")
NEEDS = ("Kontorsstolar till nya medarbetare", "Skrivbord till skolans arbetsrum", "Förvaringsskåp",
         "Soffa till personalrummet", "Konferensbord", "Skärmar till reception")


def _pick(rng: random.Random, weighted: tuple) -> tuple:
    return rng.choices(weighted, weights=[w[1] for w in weighted])[0]


def _months(now: datetime) -> list[datetime]:
    """The first day of each of the last twelve months, oldest first (this month included)."""
    local = now.astimezone(STOCKHOLM).replace(day=1, hour=12, minute=0, second=0, microsecond=0)
    months = [local]
    for _ in range(11):
        months.append((months[-1] - timedelta(days=1)).replace(day=1))
    return list(reversed(months))


def _moment(rng: random.Random, month_start: datetime, now: datetime) -> datetime:
    moment = month_start + timedelta(days=rng.randrange(28), hours=rng.randrange(8))
    return min(moment, now - timedelta(hours=1))


async def seed_history(demo_id) -> bool:
    """Insert the history unless it is there; True when it was created."""
    marker = demo_id("history", "Ystad", "0", "entry", "0")
    if await ImpactEntry.exists().where(ImpactEntry.id == marker):
        return False
    await seed_factors()  # the migration seeded them; this restores them where tables were emptied
    factors = {r["category_slug"]: r for r in await ImpactFactor.select().where(ImpactFactor.municipality.is_null())}
    now = clock.now()
    entries, checks, lines, participants, work = [], [], [], [], []
    for name in data.MUNICIPALITIES:
        rng = random.Random(f"delbar-demo-{name}")
        mid = demo_id(name)
        units = [demo_id(name, unit) for unit, _ in data.UNITS]
        for index, start in enumerate(_months(now)):
            count = round((15 + 5 * index) * SIZE[name])
            entries.extend(_entry(rng, demo_id("history", name, str(index), "entry", str(n)), mid,
                                  rng.choice(units), _moment(rng, start, now), factors) for n in range(count))
            for n in range(round((6 + index) * SIZE[name])):
                check_id = demo_id("history", name, str(index), "check", str(n))
                check = _check(rng, check_id, mid, rng.choice(units), _moment(rng, start, now))
                checks.append(check)
                if check.decision == "bought_used":
                    entries.append(_entry(rng, demo_id("history", name, str(index), "used", str(n)), mid,
                                          check.unit, check.created_at, factors, check_id))
        lines += _invoice_lines(rng, demo_id, name, now)
        team_rows, work_rows = _ame_work(rng, demo_id, name, now)
        participants += team_rows
        work += work_rows
    for rows, table in ((entries, ImpactEntry), (checks, PurchaseCheck), (lines, InvoiceLine),
                        (participants, AmeParticipant), (work, WorkEntry)):
        for start in range(0, len(rows), 500):
            await table.insert(*rows[start:start + 500])
    return True


def _ame_work(rng, demo_id, name: str, now: datetime) -> tuple[list[AmeParticipant], list[WorkEntry]]:
    """Two AME teams per municipality and a year of their transport, intake and repair minutes."""
    mid = demo_id(name)
    teams = [AmeParticipant(id=demo_id("history", name, "team", team), municipality=mid, name=team, kind="team",
                            created_at=now) for team in ("Lag Norr", "Lag Syd")]
    work = []
    for index, start in enumerate(_months(now)):
        for n in range(round((8 + 2 * index) * SIZE[name])):
            at = _moment(rng, start, now)
            work.append(WorkEntry(
                id=demo_id("history", name, str(index), "work", str(n)), municipality=mid,
                participant=rng.choice(teams).id, kind=rng.choice(("transport", "transport", "intake", "repair")),
                task_id=demo_id("history", name, str(index), "task", str(n)), minutes=rng.randrange(20, 180, 5),
                month=month_of(at), created_at=at))
    return teams, work


def _entry(rng, entry_id: UUID, mid: UUID, unit: UUID, at: datetime, factors: dict,
           check_id: UUID | None = None) -> ImpactEntry:
    slug, _, weight_g = _pick(rng, CATEGORIES)
    deal = "bought_used" if check_id else _pick(rng, DEALS)[0]
    factor = factors.get(slug) or factors[FALLBACK_KEY]
    quantity = rng.choice((1, 1, 1, 2, 2, 3, 4, 6))
    share = {"sell": 0.3, "rent": 0.08, "bought_used": 0.35}.get(deal, 0)
    paid = int(factor["new_price_ore"] * quantity * share) // 100 * 100
    co2e, saved, waste = compute(factor, quantity=quantity, paid_ore=paid, weight_g=weight_g)
    return ImpactEntry(
        id=entry_id, municipality=mid, unit=unit, booking_id=None, listing_id=None, purchase_check_id=check_id,
        category_slug=slug, deal=deal, quantity=quantity, paid_ore=paid, co2e_g=co2e, saved_ore=saved,
        waste_g=waste, factor=factor["id"], factor_version=factor["version"], month=month_of(at),
        completed_at=at, created_at=at)


def _check(rng, check_id: UUID, mid: UUID, unit: UUID, at: datetime) -> PurchaseCheck:
    decision = rng.choices(("reused", "bought_used", "bought_new", ""), weights=(45, 15, 35, 5))[0]
    need = rng.choice(NEEDS)
    return PurchaseCheck(
        id=check_id, municipality=mid, unit=unit, user=None, need=need, category_slug="", quantity=rng.randint(1, 4),
        search_query=need.split()[0].lower(), search_hits=rng.randint(0, 12), offered=json.dumps([]),
        decision=decision, reason=rng.choice(REASONS) if decision == "bought_new" else "",
        spent_ore=rng.randint(20, 120) * 10_000 if decision == "bought_new" else 0, month=month_of(at),
        decided_at=at if decision else None, created_at=at)


_THINGS = ("Kontorsstol", "Höj- och sänkbart skrivbord", "Konferensbord", "Bokhylla", "Projektor", "Soffa",
           "Förvaringsskåp", "Whiteboard på hjul")


def _invoice_lines(rng, demo_id, name: str, now: datetime) -> list[InvoiceLine]:
    """Rent, sale and transport lines for the AME of `name` over the last three whole months.

    They stand for charges from before the demo's bookings, so they name no booking; charges that
    bookings make from now on are copied into the current month as usual.
    """
    lines = []
    ame = demo_id(name, "Arbetsmarknadsenheten")
    payers = [(demo_id(other), demo_id(other, unit), data.MUNICIPALITIES[other]["prefix"] + centre)
              for other in data.MUNICIPALITIES for unit, centre in data.UNITS[:5]
              if other == name or rng.random() < 0.3]
    for back, start in enumerate(reversed(_months(now)[-4:-1])):
        for n in range(rng.randint(12, 24)):
            payer_mid, payer_unit, centre = rng.choice(payers)
            kind = rng.choice(("rent", "rent", "sale", "transport"))
            amount = {"rent": rng.randint(2, 30) * 5_000, "sale": rng.randint(1, 20) * 10_000,
                      "transport": data.TRANSPORT_FEE_ORE}[kind]
            at = _moment(rng, start, now)
            thing = rng.choice(_THINGS)
            day = at.astimezone(STOCKHOLM).date()
            days = rng.randint(3, 21)
            lines.append(InvoiceLine(
                id=demo_id("history", name, "line", str(back), str(n)), municipality=demo_id(name), month=month_of(at),
                booking_id=None, kind=kind,
                payer_municipality=payer_mid, payer_unit=payer_unit, payer_cost_centre=centre, payee_unit=ame,
                payee_cost_centre=data.MUNICIPALITIES[name]["prefix"] + "7100", amount_ore=amount, quantity=1,
                period_start=day, period_end=day + timedelta(days=days) if kind == "rent" else day,
                # What the line is for, as charges from bookings name it (backend/bookings/charges.py).
                description={"rent": f"Hyra: {thing}, {days} dagar", "sale": f"Köp: {thing}",
                             "transport": f"Transport: {thing}"}[kind], charged_at=at, created_at=at))
    return lines
