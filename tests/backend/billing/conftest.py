"""Billing fixtures: invoice lines written straight to the table, as the charge copier would."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID, uuid4

import pytest

from backend import clock
from backend.accounts.tables import Municipality
from backend.billing.tables import InvoiceLine
from tests.factories import Tenant, login, make_user

MONTH = "2025-06"
IN_MONTH = datetime(2025, 6, 10, 9, 0, tzinfo=UTC)


async def make_line(issuer: Tenant, payer: Tenant, amount_ore: int, *, month: str = MONTH, kind: str = "rent",
                    quantity: int = 1, booking: UUID | None = None, description: str = "Hyra av kontorsstol",
                    at: datetime = IN_MONTH) -> UUID:
    row_id = uuid4()
    await InvoiceLine.insert(InvoiceLine(
        id=row_id, municipality=issuer.id, month=month, booking_id=booking or uuid4(), kind=kind,
        payer_municipality=payer.id, payer_unit=payer.admin_unit, payer_cost_centre="1000",
        payee_unit=issuer.ame_unit, payee_cost_centre="7100", amount_ore=amount_ore, quantity=quantity,
        period_start=date(2025, 6, 1), period_end=date(2025, 6, 14), description=description,
        charged_at=at, created_at=clock.now(),
    ))
    return row_id


async def set_org_number(tenant: Tenant, number: str) -> None:
    await Municipality.update({Municipality.org_number: number}).where(Municipality.id == tenant.id)


@pytest.fixture
async def coordinator(client, ystad):
    await make_user(ystad.id, ystad.ame_unit, "samordnare@ystad.test", "coordinator")
    await login(client, "samordnare@ystad.test")
    return client
