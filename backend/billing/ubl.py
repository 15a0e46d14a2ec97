"""Peppol BIS Billing 3.0 (UBL 2.1) invoices between municipalities, built with the standard library.

Element order follows the UBL 2.1 schema sequences. Amounts between municipalities are internal
cost transfers outside the scope of VAT (category O, with the exemption reason stated); a
period whose net is negative becomes a credit note (BIS 3 forbids a negative payable invoice).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any
from xml.etree import ElementTree as ET

from backend.billing.money import kronor_dot, month_bounds

NS = {
    "Invoice": "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
    "CreditNote": "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
}
CAC = "urn:oasis:names:specification:ubl:schema:xsd:CommonAggregateComponents-2"
CBC = "urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"
CUSTOMIZATION = "urn:cen.eu:en16931:2017#compliant#urn:fdc:peppol.eu:2017:poacc:billing:3.0"
PROFILE = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
SWEDISH_ORG = "0007"  # ISO 6523 ICD of the Swedish organisation number
EXEMPTION = "Intern kostnadsfördelning mellan kommuner i samverkan, utanför momsens tillämpningsområde"

ET.register_namespace("cac", CAC)
ET.register_namespace("cbc", CBC)


@dataclass(frozen=True)
class Party:
    name: str
    org_number: str

    @property
    def org_digits(self) -> str:
        return "".join(ch for ch in self.org_number if ch.isdigit())


def _cbc(parent: ET.Element, name: str, text: str, **attrs: str) -> ET.Element:
    element = ET.SubElement(parent, f"{{{CBC}}}{name}", attrs)
    element.text = text
    return element


def _cac(parent: ET.Element, name: str) -> ET.Element:
    return ET.SubElement(parent, f"{{{CAC}}}{name}")


def _party(parent: ET.Element, role: str, party: Party) -> None:
    node = _cac(_cac(parent, role), "Party")
    _cbc(node, "EndpointID", party.org_digits, schemeID=SWEDISH_ORG)
    _cbc(_cac(node, "PartyName"), "Name", party.name)
    _cbc(_cac(_cac(node, "PostalAddress"), "Country"), "IdentificationCode", "SE")
    legal = _cac(node, "PartyLegalEntity")
    _cbc(legal, "RegistrationName", party.name)
    _cbc(legal, "CompanyID", party.org_digits, schemeID=SWEDISH_ORG)


def _tax_category(parent: ET.Element, name: str, *, with_reason: bool) -> None:
    category = _cac(parent, name)
    _cbc(category, "ID", "O")
    if with_reason:
        _cbc(category, "TaxExemptionReason", EXEMPTION)
    _cbc(_cac(category, "TaxScheme"), "ID", "VAT")


def _line(root: ET.Element, kind: str, number: int, line: dict[str, Any], sign: int) -> None:
    """One invoice line; negative amounts carry a negative quantity and a positive price (BR-27)."""
    amount = line["amount_ore"] * sign
    quantity = max(1, line["quantity"])
    if abs(amount) % quantity:
        quantity = 1
    node = _cac(root, f"{kind}Line")
    _cbc(node, "ID", str(number))
    _cbc(node, "Note", f"Bokning {line['booking_id']}" if line["booking_id"] else "Rättelse")
    qty_name = "InvoicedQuantity" if kind == "Invoice" else "CreditedQuantity"
    _cbc(node, qty_name, str(quantity if amount >= 0 else -quantity), unitCode="C62")
    _cbc(node, "LineExtensionAmount", kronor_dot(amount), currencyID="SEK")
    if line["payer_cost_centre"]:
        _cbc(node, "AccountingCost", line["payer_cost_centre"])
    if line["period_start"] and line["period_end"]:
        period = _cac(node, "InvoicePeriod")
        _cbc(period, "StartDate", line["period_start"].isoformat())
        _cbc(period, "EndDate", line["period_end"].isoformat())
    item = _cac(node, "Item")
    _cbc(item, "Name", (line["description"] or line["kind"])[:100])
    _cbc(_cac(item, "SellersItemIdentification"), "ID", str(line["id"]))
    _tax_category(item, "ClassifiedTaxCategory", with_reason=False)
    _cbc(_cac(node, "Price"), "PriceAmount", kronor_dot(abs(amount) // quantity), currencyID="SEK")


def build_invoice(*, number: str, month: str, issued: date, seller: Party, buyer: Party,
                  lines: list[dict[str, Any]]) -> tuple[str, str, int]:
    """(document type, XML text, total öre) for one counterpart's lines of one month."""
    total = sum(line["amount_ore"] for line in lines)
    kind = "Invoice" if total >= 0 else "CreditNote"
    sign = 1 if total >= 0 else -1
    root = ET.Element(f"{{{NS[kind]}}}{kind}")
    _cbc(root, "CustomizationID", CUSTOMIZATION)
    _cbc(root, "ProfileID", PROFILE)
    _cbc(root, "ID", number)
    _cbc(root, "IssueDate", issued.isoformat())
    if kind == "Invoice":
        _cbc(root, "DueDate", (issued + timedelta(days=30)).isoformat())
        _cbc(root, "InvoiceTypeCode", "380")
    else:
        _cbc(root, "CreditNoteTypeCode", "381")
    _cbc(root, "Note", f"Fakturaunderlag från Delbar för {month}")
    _cbc(root, "DocumentCurrencyCode", "SEK")
    _cbc(root, "BuyerReference", f"Delbar {month}")
    start, end = month_bounds(month)
    period = _cac(root, "InvoicePeriod")
    _cbc(period, "StartDate", start.isoformat())
    _cbc(period, "EndDate", end.isoformat())
    _party(root, "AccountingSupplierParty", seller)
    _party(root, "AccountingCustomerParty", buyer)
    payable = kronor_dot(abs(total))
    tax_total = _cac(root, "TaxTotal")
    _cbc(tax_total, "TaxAmount", "0.00", currencyID="SEK")
    subtotal = _cac(tax_total, "TaxSubtotal")
    _cbc(subtotal, "TaxableAmount", payable, currencyID="SEK")
    _cbc(subtotal, "TaxAmount", "0.00", currencyID="SEK")
    _tax_category(subtotal, "TaxCategory", with_reason=True)
    totals = _cac(root, "LegalMonetaryTotal")
    for name in ("LineExtensionAmount", "TaxExclusiveAmount", "TaxInclusiveAmount", "PayableAmount"):
        _cbc(totals, name, payable, currencyID="SEK")
    for number_, line in enumerate(lines, start=1):
        _line(root, kind, number_, line, sign)
    ET.indent(root)
    xml = ET.tostring(root, encoding="unicode", xml_declaration=False)
    return kind, '<?xml version="1.0" encoding="UTF-8"?>\n' + xml + "\n", total
