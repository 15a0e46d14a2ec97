"""Billing storage: invoice-basis lines copied from charges, locked periods and their documents.

A line is written once and never changed. A period (month) is open until its first export;
the export stores the exact files it produced, so exporting again returns the same bytes, and a
charge that arrives for a locked month becomes a correction line in the next open month.
"""

from __future__ import annotations

from piccolo.columns import (
    UUID,
    Boolean,
    Date,
    ForeignKey,
    Integer,
    OnDelete,
    Text,
    Timestamptz,
    Varchar,
)
from piccolo.table import Table

from backend.accounts.tables import Municipality, Unit, User

CHARGE_KINDS = ("rent", "sale", "transport")


class InvoiceLine(Table):
    """One line of a municipality's invoice basis: who pays whom, for which booking, how much."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    month = Varchar(length=7)
    charge_id = UUID(null=True, default=None)
    booking_id = UUID(null=True, default=None)
    kind = Varchar(length=12)
    payer_municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict)
    payer_unit = ForeignKey(references=Unit, null=False, on_delete=OnDelete.restrict)
    payer_cost_centre = Varchar(length=40, default="")
    payee_unit = ForeignKey(references=Unit, null=False, on_delete=OnDelete.restrict)
    payee_cost_centre = Varchar(length=40, default="")
    amount_ore = Integer()
    quantity = Integer(default=1)
    period_start = Date(null=True, default=None)
    period_end = Date(null=True, default=None)
    description = Varchar(length=300, default="")
    correction = Boolean(default=False)
    charged_at = Timestamptz()
    created_at = Timestamptz()


class InvoicePeriod(Table):
    """A locked month: the CSV exactly as first exported, with its totals."""

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, index=True)
    month = Varchar(length=7)
    csv = Text()
    line_count = Integer()
    total_ore = Integer()
    exported_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    exported_at = Timestamptz()


class InvoiceDocument(Table):
    """A Peppol BIS Billing 3 UBL invoice (or credit note) to another municipality for a period."""

    id = UUID(primary_key=True)
    period = ForeignKey(references=InvoicePeriod, null=False, on_delete=OnDelete.restrict, index=True)
    counterpart = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict)
    number = Varchar(length=60)
    document_type = Varchar(length=12, default="invoice")
    total_ore = Integer()
    xml = Text()
    created_at = Timestamptz()


class ExportMapping(Table):
    """A municipality's own layout of the invoice-basis CSV, so the file loads into its finance system.

    `columns` is JSON: [{"column": <a key of layouts.COLUMNS>, "header": <its header>}, ...] in order.
    """

    id = UUID(primary_key=True)
    municipality = ForeignKey(references=Municipality, null=False, on_delete=OnDelete.restrict, unique=True)
    columns = Text(default="[]")
    date_format = Varchar(length=12, default="iso")
    decimal_separator = Varchar(length=1, default=",")
    version = Integer(default=1)
    updated_by = ForeignKey(references=User, null=True, default=None, on_delete=OnDelete.set_null)
    updated_at = Timestamptz()
