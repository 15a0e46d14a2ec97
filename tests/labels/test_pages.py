import pytest
from label_samples import make_contents, phone_sees

from labels.pages import (
    calibration_page_image,
    roll_label_images,
    roll_printable_image,
    sheet_cell_image,
    sheet_page_images,
)
from labels.payload import parse_payload
from labels.scan import decode_payloads
from labels.sheets import (
    AVERY_L7160,
    BROTHER_DK11209,
    ROLLS,
    SHEETS,
    cell_origins,
    mm_to_px,
)


def _cell(page, sheet, index, margin_mm=0.0, offset_mm=(0.0, 0.0)):
    """Crop cell index (0-based) out of a 300 dpi page, with margin_mm around it."""
    x, y = cell_origins(sheet)[index]
    x, y = x + offset_mm[0] - margin_mm, y + offset_mm[1] - margin_mm
    right = x + sheet.label_width_mm + 2 * margin_mm
    bottom = y + sheet.label_height_mm + 2 * margin_mm
    return page.crop(tuple(mm_to_px(mm, 300) for mm in (x, y, right, bottom)))


def _codes(image):
    return [parse_payload(text) for text in decode_payloads(image)]


def _row_px(sheet):
    """Width of one row of labels at 300 dpi: the brief's ~800 px phone frame."""
    return mm_to_px((sheet.columns - 1) * sheet.pitch_x_mm + sheet.label_width_mm, 300)


class TestSheetPageImages:
    @pytest.mark.parametrize("sheet", SHEETS.values(), ids=SHEETS.keys())
    def test_every_cell_decodes_to_its_own_code(self, sheet):
        contents = make_contents(sheet.cells + 2)
        pages = sheet_page_images(contents, sheet)
        found = [
            _codes(_cell(pages[i // sheet.cells], sheet, i % sheet.cells))
            for i in range(len(contents))
        ]
        assert found == [[content.code] for content in contents]

    @pytest.mark.parametrize("sheet", SHEETS.values(), ids=SHEETS.keys())
    def test_every_cell_decodes_after_a_phone_photo(self, sheet):
        contents = make_contents(sheet.cells, seed=23)
        page = sheet_page_images(contents, sheet)[0]
        found = [
            [
                parse_payload(text)
                for text in phone_sees(_cell(page, sheet, i, margin_mm=1), _row_px(sheet))
            ]
            for i in range(sheet.cells)
        ]
        assert found == [[content.code] for content in contents]

    def test_page_is_a4_at_300_dpi(self):
        page = sheet_page_images(make_contents(1), AVERY_L7160)[0]
        assert page.size == (2480, 3508) and page.mode == "1"

    def test_start_position_leaves_the_earlier_cells_blank(self):
        contents = make_contents(3)
        page = sheet_page_images(contents, AVERY_L7160, start_position=5)[0]
        for index in range(4):
            assert _cell(page, AVERY_L7160, index).getextrema() == (255, 255)
        assert _codes(_cell(page, AVERY_L7160, 4)) == [contents[0].code]
        assert _codes(_cell(page, AVERY_L7160, 6)) == [contents[2].code]

    def test_labels_past_the_last_cell_continue_on_a_new_page(self):
        contents = make_contents(4)
        pages = sheet_page_images(contents, AVERY_L7160, start_position=20)
        assert len(pages) == 2
        assert _codes(_cell(pages[0], AVERY_L7160, 20)) == [contents[1].code]
        assert _codes(_cell(pages[1], AVERY_L7160, 1)) == [contents[3].code]

    def test_offset_moves_every_label_by_the_offset(self):
        contents = make_contents(2)
        plain = sheet_page_images(contents, AVERY_L7160)[0]
        moved = sheet_page_images(contents, AVERY_L7160, offset_mm=(2.0, -1.5))[0]
        left, top, right, bottom = plain.point(lambda v: 255 - v).getbbox()
        dx, dy = mm_to_px(2.0, 300), -mm_to_px(1.5, 300)
        expected = (left + dx, top + dy, right + dx, bottom + dy)
        # Cells are placed at the nearest pixel to (origin + offset): within 1 px of the sum.
        assert moved.point(lambda v: 255 - v).getbbox() == pytest.approx(expected, abs=1)

    def test_nothing_is_drawn_in_the_gaps_between_columns(self):
        page = sheet_page_images(make_contents(21, title="W" * 80), AVERY_L7160)[0]
        for x, _ in cell_origins(AVERY_L7160)[:2]:
            gap_left = mm_to_px(x + AVERY_L7160.label_width_mm, 300)
            gap = page.crop((gap_left, 0, gap_left + mm_to_px(2.4, 300), page.height))
            assert gap.getextrema() == (255, 255)

    @pytest.mark.parametrize("position", [0, 22])
    def test_start_position_outside_the_sheet_is_refused(self, position):
        with pytest.raises(ValueError, match="1 to 21"):
            sheet_page_images(make_contents(1), AVERY_L7160, start_position=position)

    def test_no_labels_is_refused(self):
        with pytest.raises(ValueError):
            sheet_page_images([], AVERY_L7160)


class TestSheetCellImage:
    def test_cell_is_the_label_size_at_the_dpi(self):
        assert sheet_cell_image(make_contents(1)[0], AVERY_L7160, 600).size == (1500, 900)


class TestCalibrationPageImage:
    def test_cell_corners_and_centres_are_marked(self):
        page = calibration_page_image(AVERY_L7160)
        for x, y in cell_origins(AVERY_L7160):
            assert page.getpixel((mm_to_px(x, 300), mm_to_px(y + 10, 300))) == 0
            centre = (x + AVERY_L7160.label_width_mm / 2, y + AVERY_L7160.label_height_mm / 2)
            assert page.getpixel(tuple(mm_to_px(mm, 300) for mm in centre)) == 0

    def test_offset_moves_the_outlines(self):
        x, y = cell_origins(AVERY_L7160)[4]
        plain = calibration_page_image(AVERY_L7160)
        moved = calibration_page_image(AVERY_L7160, offset_mm=(3.0, 0.0))
        probe = (mm_to_px(x, 300), mm_to_px(y + 10, 300))
        assert plain.getpixel(probe) == 0 and moved.getpixel(probe) == 255
        assert moved.getpixel((mm_to_px(x + 3.0, 300), probe[1])) == 0


class TestRollLabelImages:
    @pytest.mark.parametrize("roll", ROLLS.values(), ids=ROLLS.keys())
    def test_every_label_decodes(self, roll):
        contents = make_contents(6)
        images = roll_label_images(contents, roll)
        assert [_codes(image) for image in images] == [[content.code] for content in contents]

    @pytest.mark.parametrize("roll", ROLLS.values(), ids=ROLLS.keys())
    def test_every_label_decodes_after_a_phone_photo_of_the_label(self, roll):
        # A single small label is photographed closer than a sheet: it fills half the frame.
        contents = make_contents(12, seed=31)
        found = [
            [
                parse_payload(text)
                for text in phone_sees(
                    roll_printable_image(content, roll), 2 * roll.printable_width_px
                )
            ]
            for content in contents
        ]
        assert found == [[content.code] for content in contents]

    def test_image_is_the_label_with_content_in_the_printable_area(self):
        image = roll_label_images(make_contents(1, title="W" * 80), BROTHER_DK11209)[0]
        assert image.size == (732, 343)
        margin_x, margin_y = (732 - 696) // 2, (343 - 271) // 2
        for box in ((0, 0, margin_x, 343), (732 - margin_x, 0, 732, 343), (0, 0, 732, margin_y)):
            assert image.crop(box).getextrema() == (255, 255)
