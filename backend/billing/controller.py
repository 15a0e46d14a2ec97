"""HTTP for the invoice basis: months, preview, export (locks), CSV, printable summary, UBL."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from litestar import Controller, Response, get, post, put
from litestar.params import FromPath, JSONBody
from litestar.status_codes import HTTP_200_OK, HTTP_201_CREATED

from backend import clock
from backend.billing import schemas
from backend.billing.layouts import COLUMNS
from backend.billing.mapping import MappingService
from backend.billing.service import BillingService, totals_by
from backend.deps import ActorDep, DbDep
from backend.errors import Conflict
from backend.openapi import retried
from backend.params import Month
from backend.vocabulary import month_of

BASE = "/api/billing/periods"


def _period(month: str, lines: list[dict[str, Any]], period: dict[str, Any] | None) -> schemas.PeriodRead:
    return schemas.PeriodRead(month=month, locked=period is not None, line_count=len(lines),
                              total_ore=sum(line["amount_ore"] for line in lines),
                              exported_at=period["exported_at"] if period else None,
                              current=month == month_of(clock.now()))


def period_detail(detail: dict[str, Any]) -> schemas.PeriodDetail:
    month = detail["month"]
    lines = [schemas.LineRead(
        id=r["id"], booking_id=r["booking_id"], kind=r["kind"], payer_municipality=r["payer_municipality_name"],
        payer_unit=r["payer_unit_name"], payer_cost_centre=r["payer_cost_centre"], amount_ore=r["amount_ore"],
        quantity=r["quantity"], period_start=r["period_start"], period_end=r["period_end"],
        description=r["description"], correction=r["correction"],
    ) for r in detail["lines"]]
    documents = [schemas.DocumentRead(
        counterpart_id=d["counterpart"], counterpart=d["counterpart_name"], number=d["number"],
        document_type=d["document_type"], total_ore=d["total_ore"], url=f"{BASE}/{month}/invoices/{d['counterpart']}",
    ) for d in detail["documents"]]
    payer = ("payer_municipality_name", "payer_unit_name", "payer_cost_centre")
    by_cost_centre = [schemas.CostCentreTotal(
        payer_municipality=g["payer_municipality_name"], payer_unit=g["payer_unit_name"],
        payer_cost_centre=g["payer_cost_centre"], line_count=g["line_count"], total_ore=g["total_ore"],
    ) for g in totals_by(detail["lines"], *payer)]
    by_counterpart = [schemas.CounterpartTotal(
        payer_municipality=g["payer_municipality_name"], line_count=g["line_count"], total_ore=g["total_ore"],
    ) for g in totals_by(detail["lines"], "payer_municipality_name")]
    return schemas.PeriodDetail(period=_period(month, detail["lines"], detail["period"]), lines=lines,
                                by_cost_centre=by_cost_centre, by_counterpart=by_counterpart,
                                documents=documents, csv_url=f"{BASE}/{month}/basis.csv",
                                mapped_csv_url=f"{BASE}/{month}/mapped.csv",
                                summary_url=f"{BASE}/{month}/summary")


class BillingController(Controller):
    path = BASE
    tags = ["billing"]

    @get("/")
    async def list_periods(self, db: DbDep, actor: ActorDep) -> list[schemas.PeriodRead]:
        return [schemas.PeriodRead(month=p["month"], locked=p["locked"], line_count=p["line_count"],
                                   total_ore=p["total_ore"] or 0, exported_at=p["exported_at"],
                                   current=p["current"])
                for p in await BillingService(db, actor).list_periods()]

    @get("/{month:str}")
    async def get_period(self, db: DbDep, actor: ActorDep, month: FromPath[Month]) -> schemas.PeriodDetail:
        return period_detail(await BillingService(db, actor).detail(month))

    @post("/{month:str}/export", responses=retried(schemas.PeriodDetail))
    async def export_period(
        self, db: DbDep, actor: ActorDep, month: FromPath[Month]
    ) -> Response[schemas.PeriodDetail]:
        detail, created = await BillingService(db, actor).export(month)
        return Response(period_detail(detail), status_code=HTTP_201_CREATED if created else HTTP_200_OK)

    @get("/{month:str}/basis.csv", media_type="text/csv", raises=[Conflict])
    async def get_csv(self, db: DbDep, actor: ActorDep, month: FromPath[Month]) -> Response[bytes]:
        text = await BillingService(db, actor).csv(month)
        return Response(text.encode("utf-8"), media_type="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="fakturaunderlag-{month}.csv"'})

    @get("/{month:str}/mapped.csv", media_type="text/csv", raises=[Conflict])
    async def get_mapped_csv(self, db: DbDep, actor: ActorDep, month: FromPath[Month]) -> Response[bytes]:
        """A locked month in the municipality's own column mapping, for its finance system."""
        text = await MappingService(db, actor).csv(month)
        return Response(text.encode("utf-8"), media_type="text/csv",
                        headers={"Content-Disposition": f'attachment; filename="ekonomi-{month}.csv"'})

    @get("/{month:str}/summary", media_type="text/html; charset=utf-8")
    async def get_summary(self, db: DbDep, actor: ActorDep, month: FromPath[Month]) -> str:
        return await BillingService(db, actor).summary(month)

    @get("/{month:str}/invoices/{counterpart:uuid}", media_type="application/xml")
    async def get_invoice(
        self, db: DbDep, actor: ActorDep, month: FromPath[Month], counterpart: FromPath[UUID]
    ) -> Response[bytes]:
        xml = await BillingService(db, actor).document(month, counterpart)
        return Response(xml.encode("utf-8"), media_type="application/xml",
                        headers={"Content-Disposition": f'attachment; filename="faktura-{month}-{counterpart}.xml"'})


def mapping_read(row: dict[str, Any]) -> schemas.MappingRead:
    return schemas.MappingRead(
        columns=[schemas.MappedColumn(**c) for c in row["columns"]], date_format=row["date_format"],
        decimal_separator=row["decimal_separator"], version=row["version"], saved=row["saved"],
        updated_at=row["updated_at"],
        available=[schemas.AvailableColumn(column=key, header=header) for key, (header, _) in COLUMNS.items()])


class MappingController(Controller):
    path = "/api/billing/mapping"
    tags = ["billing"]

    @get("/")
    async def get_mapping(self, db: DbDep, actor: ActorDep) -> schemas.MappingRead:
        return mapping_read(await MappingService(db, actor).get())

    @put("/")
    async def save_mapping(
        self, db: DbDep, actor: ActorDep, data: JSONBody[schemas.MappingWrite]
    ) -> schemas.MappingRead:
        columns = [{"column": c.column, "header": c.header} for c in data.columns]
        return mapping_read(await MappingService(db, actor).save(columns, data.date_format, data.decimal_separator,
                                                                  data.version))
