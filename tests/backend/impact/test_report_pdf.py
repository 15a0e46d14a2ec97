"""The report PDF: its text, read back with a PDF text extractor, says what the report says."""

from __future__ import annotations

import io

import pytest
from pypdf import PdfReader

from tests.backend.impact.conftest import signed_in
from tests.backend.impact.test_reports import RANGE, known_reuses  # noqa: F401 - the fixture

pytestmark = pytest.mark.anyio


def text_of(pdf: bytes) -> str:
    reader = PdfReader(io.BytesIO(pdf))
    return "\n".join(page.extract_text() for page in reader.pages).replace("\u00a0", " ")


class TestReportPdf:
    async def test_swedish_pdf_has_title_figures_tables_and_readable_factors(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        response = await client.get(f"/api/impact/report.pdf?{RANGE}")
        assert response.status_code == 200 and response.headers["content-type"] == "application/pdf"
        assert "hallbarhetsrapport-2026-01-2026-03.pdf" in response.headers["content-disposition"]
        text = text_of(response.content)
        assert "Hållbarhetsrapport: Ystad" in text and "Period: 2026-01 – 2026-03" in text
        assert "Undvikna utsläpp (kg CO2e)" in text and "294" in text and "17 500 kr" in text
        assert "Perioden före" in text and "2025-10 – 2025-12" in text
        assert "Per enhet" in text and "Per kategori" in text and "Höj- och sänkbara skrivbord" in text
        assert "Kontorsstolar (version 1, nationell)" in text
        assert "Källa: " in text and "kontorsstol, 72 kg CO2e" in text
        assert "kontorsstolar v1" not in text and "hoj-och-sankbara" not in text

    async def test_english_when_asked(self, client, ystad, known_reuses):
        await signed_in(client, ystad, "reporter")
        text = text_of((await client.get(f"/api/impact/report.pdf?{RANGE}&lang=en")).content)
        assert "Sustainability report" in text and "Office chairs (version 1, national)" in text
        assert "SEK 17 500" in text and "Hållbarhetsrapport" not in text

    async def test_english_for_a_person_whose_language_is_english(self, app, client, ystad, known_reuses):
        from backend.accounts.tables import User

        await signed_in(client, ystad, "reporter")
        await User.update({User.language: "en"}).where(User.email == f"reporter-{ystad.id.hex[:6]}@test.se")
        text = text_of((await client.get(f"/api/impact/report.pdf?{RANGE}")).content)
        assert "Sustainability report" in text

    async def test_more_than_five_years_is_refused_with_a_reason(self, client, ystad, seeded):
        await signed_in(client, ystad, "reporter")
        response = await client.get("/api/impact/report.pdf?from_month=2019-01&to_month=2025-06")
        assert response.status_code == 400 and "five years" in response.json()["detail"]

    async def test_a_bad_month_or_language_is_refused(self, client, ystad, seeded):
        await signed_in(client, ystad, "reporter")
        assert (await client.get("/api/impact/report.pdf?from_month=2026-13")).status_code == 400
        assert (await client.get("/api/impact/report.pdf?lang=de")).status_code == 400

    async def test_an_employee_may_not_print_reports(self, client, ystad, seeded):
        await signed_in(client, ystad, "employee")
        assert (await client.get("/api/impact/report.pdf")).status_code == 403
