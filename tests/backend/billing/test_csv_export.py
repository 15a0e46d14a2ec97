"""The CSV a Swedish finance system imports: BOM, semicolons, CRLF, decimal comma, one row per line."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from backend.billing.csv_export import render_csv


def _line(amount_ore: int, description: str = "Hyra", correction: bool = False, centre: str = "1000") -> dict:
    return {
        "id": UUID(int=amount_ore & 0xFFFF), "month": "2025-06", "booking_id": UUID(int=7), "kind": "rent",
        "payer_municipality": UUID(int=1), "payer_municipality_name": "Skurup", "payer_unit_name": "Skolan",
        "payer_cost_centre": centre, "payee_cost_centre": "7100", "amount_ore": amount_ore, "quantity": 2,
        "period_start": date(2025, 6, 1), "period_end": date(2025, 6, 30), "description": description,
        "correction": correction, "charged_at": datetime(2025, 6, 3, tzinfo=UTC),
    }


class TestRenderCsv:
    def test_starts_with_a_bom_and_ends_rows_with_crlf(self):
        text = render_csv([_line(12_350)])
        assert text.startswith("\ufeffPeriod;Betalande kommun;")
        assert text.count("\r\n") == 2 and "\n" not in text.replace("\r\n", "")

    def test_amounts_use_a_decimal_comma_and_keep_their_sign(self):
        rows = render_csv([_line(12_350), _line(-5)]).split("\r\n")
        assert rows[1].split(";")[11] == "123,50"
        assert rows[2].split(";")[11] == "-0,05"

    def test_each_row_names_its_booking_and_cost_centre(self):
        cells = render_csv([_line(100)]).split("\r\n")[1].split(";")
        assert cells[2] == "1000" and cells[6] == str(UUID(int=7)) and cells[5] == "Hyra"

    def test_a_semicolon_in_a_description_is_quoted(self):
        row = render_csv([_line(100, description="Bord; ek")]).split("\r\n")[1]
        assert '"Bord; ek"' in row

    def test_a_formula_looking_description_is_defused(self):
        row = render_csv([_line(100, description="=HYPERLINK(1)")]).split("\r\n")[1]
        assert ";'=HYPERLINK(1);" in row

    def test_rows_are_grouped_by_cost_centre(self):
        rows = render_csv([_line(1, centre="3000"), _line(2, centre="1000")]).split("\r\n")[1:3]
        assert [r.split(";")[2] for r in rows] == ["1000", "3000"]

    def test_a_correction_is_marked(self):
        assert render_csv([_line(-100, correction=True)]).split("\r\n")[1].split(";")[12] == "Ja"
