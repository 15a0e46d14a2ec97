"""HTTP for impact: factors (admins override), purchase checks, and the report with charts and CSV."""

from __future__ import annotations

import json
from typing import Annotated, Any, Literal
from uuid import UUID

import msgspec
from litestar import Controller, Response, get, patch, post
from litestar.params import FromPath, FromQuery, JSONBody, Parameter
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend.catalog.categories import TREE
from backend.deps import ActorDep, DbDep
from backend.errors import NotFound
from backend.impact import charts, schemas
from backend.impact.factors import readable
from backend.impact.pdf import report_pdf
from backend.impact.report_csv import report_csv
from backend.impact.reports import ReportService
from backend.impact.service import FactorService, PurchaseCheckService
from backend.impact.work import ParticipantService, WorkService
from backend.openapi import retried
from backend.params import OptionalMonth

View = Literal["municipality", "network"]
Language = Annotated[Literal["sv", "en"], Parameter(description="the language of the words in the chart or file")]
OptionalLanguage = Annotated[Literal["sv", "en"] | None, Parameter(
    description="the language of the document; by default the signed-in person's own")]
ChartName = Annotated[str, Parameter(max_length=40, pattern=r"^[a-z_-]+$",
                                     description="trend, categories, checks or municipalities")]
CATEGORY_NAMES = {slug: name for slug, name, _, _ in TREE} | {"*": "Övrigt (vikt × materialfaktor)"}
CATEGORY_NAMES_EN = {slug: name for slug, _, name, _ in TREE} | {"*": "Other (weight × material factor)"}


def factor_texts(f: dict[str, Any]) -> dict[str, schemas.FactorText]:
    """A factor's category, source and boundary readable in Swedish and English (never a slug)."""
    texts = readable(f["category_slug"], f["source"], f["boundary"])
    names = {"sv": CATEGORY_NAMES, "en": CATEGORY_NAMES_EN}
    return {lang: schemas.FactorText(category=names[lang].get(f["category_slug"], f["category_slug"]),
                                     source=source, boundary=boundary)
            for lang, (source, boundary) in texts.items()}


def factors_in(report: dict[str, Any], lang: str) -> list[dict[str, Any]]:
    """The report's factors with their category, source and boundary as a person reads them in `lang`."""
    return [{**f, **msgspec.structs.asdict(factor_texts(f)[lang])} for f in report["factors"]]


def factor_used(f: dict[str, Any]) -> schemas.FactorUsed:
    """A factor the report used, with its texts in both languages."""
    return schemas.FactorUsed(
        category_slug=f["category_slug"], version=f["version"], own=f["own"], source=f["source"],
        boundary=f["boundary"], entries=f["entries"], **factor_texts(f))


def _kg(grams: int | None) -> float | None:
    return grams / 1000 if grams is not None else None


def factor_read(row: dict[str, Any]) -> schemas.FactorRead:
    return schemas.FactorRead(
        id=row["id"], category_slug=row["category_slug"], version=row["version"], own=row["municipality"] is not None,
        co2e_kg=_kg(row["co2e_g"]), co2e_kg_per_kg=_kg(row["co2e_g_per_kg"]),
        typical_weight_kg=_kg(row["typical_weight_g"]), new_price_ore=row["new_price_ore"], source=row["source"],
        boundary=row["boundary"], valid_from=row["valid_from"], **factor_texts(row))


def check_read(row: dict[str, Any]) -> schemas.PurchaseCheckRead:
    return schemas.PurchaseCheckRead(
        id=row["id"], need=row["need"], category_slug=row["category_slug"], quantity=row["quantity"],
        search_query=row["search_query"], search_hits=row["search_hits"],
        offered=[schemas.OfferedListing(id=UUID(o["id"]), title=o["title"]) for o in json.loads(row["offered"])],
        decision=row["decision"], reason=row["reason"], listing_id=row["listing_id"], booking_id=row["booking_id"],
        spent_ore=row["spent_ore"],
        decided_at=row["decided_at"], created_at=row["created_at"], version=row["version"])


class FactorController(Controller):
    path = "/api/impact/factors"
    tags = ["impact"]

    @get("/")
    async def list_factors(self, db: DbDep, actor: ActorDep) -> list[schemas.FactorRead]:
        return [factor_read(r) for r in await FactorService(db, actor).list()]

    @post("/")
    async def override_factor(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.FactorOverride]
    ) -> schemas.FactorRead:
        return factor_read(await FactorService(db, actor).override(data))


class PurchaseCheckController(Controller):
    path = "/api/purchase-checks"
    tags = ["impact"]

    @get("/")
    async def list_checks(self, db: DbDep, actor: ActorDep) -> list[schemas.PurchaseCheckRead]:
        return [check_read(r) for r in await PurchaseCheckService(db, actor).list()]

    @post("/", responses=retried(schemas.PurchaseCheckRead))
    async def create_check(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.PurchaseCheckCreate]
    ) -> Response[schemas.PurchaseCheckRead]:
        row, created = await PurchaseCheckService(db, actor).create(data)
        return Response(check_read(row), status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @patch("/{check_id:uuid}")
    async def decide_check(
        self, db: DbDep, actor: ActorDep, check_id: FromPath[UUID], data: JSONBody[schemas.PurchaseCheckDecide]
    ) -> schemas.PurchaseCheckRead:
        return check_read(await PurchaseCheckService(db, actor).decide(check_id, data))


class ReportController(Controller):
    path = "/api/impact/report"
    tags = ["impact"]

    @get("/")
    async def get_report(
        self, db: DbDep, actor: ActorDep, view: FromQuery[View] = "municipality",
        from_month: FromQuery[OptionalMonth] = None, to_month: FromQuery[OptionalMonth] = None,
        unit_id: FromQuery[UUID | None] = None,
    ) -> schemas.ReportRead:
        report = await ReportService(db, actor).report(view, from_month, to_month, unit_id)
        categories = [{**r, "label": CATEGORY_NAMES.get(r["key"], r["key"]),
                       "label_en": CATEGORY_NAMES_EN.get(r["key"], r["key"])} for r in report["by_category"]]
        return schemas.ReportRead(**{**report, "by_category": categories,
                                     "factors": [factor_used(f) for f in report["factors"]],
                                     "work": msgspec.convert(report["work"], schemas.WorkSummary)})

    @get("/csv", media_type="text/csv")
    async def get_report_csv(
        self, db: DbDep, actor: ActorDep, view: FromQuery[View] = "municipality",
        from_month: FromQuery[OptionalMonth] = None, to_month: FromQuery[OptionalMonth] = None,
        unit_id: FromQuery[UUID | None] = None, lang: FromQuery[Language] = "sv",
    ) -> Response[bytes]:
        report = await ReportService(db, actor).report(view, from_month, to_month, unit_id)
        factors = [{**f, **msgspec.structs.asdict(factor_texts(f)[lang])} for f in report["factors"]]
        names = CATEGORY_NAMES_EN if lang == "en" else CATEGORY_NAMES
        return Response(report_csv(report, names, factors, lang).encode("utf-8"), media_type="text/csv",
                        headers={"Content-Disposition": 'attachment; filename="hallbarhetsrapport.csv"'})

    @get("/charts/{name:str}", media_type="image/svg+xml")
    async def get_chart(
        self, db: DbDep, actor: ActorDep, name: FromPath[ChartName], view: FromQuery[View] = "municipality",
        from_month: FromQuery[OptionalMonth] = None, to_month: FromQuery[OptionalMonth] = None,
        unit_id: FromQuery[UUID | None] = None, lang: FromQuery[Language] = "sv",
    ) -> Response[str]:
        if name not in ("trend", "categories", "checks", "municipalities"):
            raise NotFound("No such chart.")
        report = await ReportService(db, actor).report(view, from_month, to_month, unit_id)
        names = CATEGORY_NAMES_EN if lang == "en" else CATEGORY_NAMES
        return Response(charts.render(name, report, names, lang), media_type="image/svg+xml",
                        headers={"Cache-Control": "private, max-age=60"})


class ReportPdfController(Controller):
    path = "/api/impact/report.pdf"
    tags = ["impact"]

    @get("/", media_type="application/pdf", summary="The impact report as a printable PDF",
         description="Key figures, the comparison with the previous period of the same length, charts, the "
                     "tables per month, unit and category, the AME's work hours and the factors used with their "
                     "sources. from_month..to_month spans at most 60 months (five years); a longer range, or one "
                     "that starts after it ends, is refused with 400 and a reason.")
    async def get_report_pdf(
        self, db: DbDep, actor: ActorDep, view: FromQuery[View] = "municipality",
        from_month: FromQuery[OptionalMonth] = None, to_month: FromQuery[OptionalMonth] = None,
        unit_id: FromQuery[UUID | None] = None, lang: FromQuery[OptionalLanguage] = None,
    ) -> Response[bytes]:
        report, municipality, language = await ReportService(db, actor).document(
            view, from_month, to_month, unit_id, lang)
        factors = factors_in(report, language)
        names = CATEGORY_NAMES_EN if language == "en" else CATEGORY_NAMES
        name = "sustainability-report" if language == "en" else "hallbarhetsrapport"
        document = report_pdf(report, municipality=municipality, category_names=names, factors=factors, lang=language)
        return Response(document, media_type="application/pdf", headers={
            "Content-Disposition": f'attachment; filename="{name}-{report["from_month"]}-{report["to_month"]}.pdf"'})


def work_read(row: dict[str, Any]) -> schemas.WorkRead:
    return schemas.WorkRead(id=row["id"], participant_id=row["participant"], kind=row["kind"], task_id=row["task_id"],
                            minutes=row["minutes"], month=row["month"])


class ParticipantController(Controller):
    """The AME's participants (a person or a team, a display name only), kept by coordinators."""

    path = "/api/ame-participants"
    tags = ["impact"]

    @get("/")
    async def list_participants(self, db: DbDep, actor: ActorDep) -> list[schemas.ParticipantRead]:
        return [schemas.ParticipantRead(id=r["id"], name=r["name"], kind=r["kind"], active=r["active"])
                for r in await ParticipantService(db, actor).list()]

    @post("/", responses=retried(schemas.ParticipantRead))
    async def create_participant(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.ParticipantCreate]
    ) -> Response[schemas.ParticipantRead]:
        row, created = await ParticipantService(db, actor).create(data)
        return Response(schemas.ParticipantRead(id=row["id"], name=row["name"], kind=row["kind"], active=row["active"]),
                        status_code=HTTP_201_CREATED if created else HTTP_200_OK)


class ItemWorkController(Controller):
    """Time spent on an item's intake or repair, by AME participants."""

    path = "/api/work-entries"
    tags = ["impact"]

    @post("/", status_code=HTTP_200_OK)
    async def record_item_work(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.ItemWorkCreate]
    ) -> list[schemas.WorkRead]:
        return [work_read(r) for r in await WorkService(db, actor).record(data)]
