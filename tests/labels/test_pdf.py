import pytest
from label_samples import make_contents
from PIL import PdfParser

from labels.pdf import render_calibration_pdf, render_roll_pdf, render_sheet_pdf
from labels.sheets import AVERY_L7160, AVERY_L7162, BROTHER_DK11209, DYMO_11355, SHEETS

A4_POINTS = (595.28, 841.89)


def _page_boxes(pdf):
    parser = PdfParser.PdfParser(buf=pdf)
    return [list(parser.read_indirect(page)[b"MediaBox"]) for page in parser.pages]


class TestRenderSheetPdf:
    @pytest.mark.parametrize("sheet", SHEETS.values(), ids=SHEETS.keys())
    def test_every_page_is_exactly_a4(self, sheet):
        for box in _page_boxes(render_sheet_pdf(make_contents(sheet.cells + 1), sheet)):
            assert box[:2] == [0, 0]
            assert box[2:] == pytest.approx(A4_POINTS, abs=0.01)

    def test_as_many_pages_as_the_labels_need(self):
        assert len(_page_boxes(render_sheet_pdf(make_contents(22), AVERY_L7160))) == 2

    def test_start_position_pushes_labels_onto_another_page(self):
        pdf = render_sheet_pdf(make_contents(16), AVERY_L7162, start_position=2)
        assert len(_page_boxes(pdf)) == 2

    def test_pages_are_stored_losslessly_as_bilevel_images(self):
        pdf = render_sheet_pdf(make_contents(3), AVERY_L7160)
        assert b"/CCITTFaxDecode" in pdf and b"/DCTDecode" not in pdf
        assert b"/BitsPerComponent 1" in pdf

    def test_page_size_stays_exact_at_another_dpi(self):
        box = _page_boxes(render_sheet_pdf(make_contents(1), AVERY_L7160, dpi=203))[0]
        assert box[2:] == pytest.approx(A4_POINTS, abs=0.01)


class TestRenderCalibrationPdf:
    def test_one_a4_page(self):
        boxes = _page_boxes(render_calibration_pdf(AVERY_L7160, offset_mm=(1.0, -0.5)))
        assert len(boxes) == 1 and boxes[0][2:] == pytest.approx(A4_POINTS, abs=0.01)


class TestRenderRollPdf:
    @pytest.mark.parametrize("roll", [BROTHER_DK11209, DYMO_11355], ids=["DK-11209", "11355"])
    def test_one_label_sized_page_per_label(self, roll):
        boxes = _page_boxes(render_roll_pdf(make_contents(3), roll))
        size = (roll.label_width_mm / 25.4 * 72, roll.label_height_mm / 25.4 * 72)
        assert len(boxes) == 3
        assert all(box[2:] == pytest.approx(size, abs=0.01) for box in boxes)
