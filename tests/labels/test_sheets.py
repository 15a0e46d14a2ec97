import pytest

from labels.sheets import (
    AVERY_L7160,
    AVERY_L7162,
    AVERY_L7163,
    BROTHER_DK11209,
    ROLLS,
    SHEETS,
    brother_continuous,
    cell_origins,
)


class TestCellOrigins:
    def test_l7160_first_and_last_cells(self):
        origins = cell_origins(AVERY_L7160)
        assert len(origins) == 21
        assert origins[0] == pytest.approx((7.25, 15.15))
        assert origins[1] == pytest.approx((73.29, 15.15))
        assert origins[-1] == pytest.approx((139.33, 243.75))

    def test_l7163_first_and_last_cells(self):
        origins = cell_origins(AVERY_L7163)
        assert len(origins) == 14
        assert origins[0] == pytest.approx((4.65, 15.15))
        assert origins[-1] == pytest.approx((106.25, 243.75))

    def test_l7162_first_and_last_cells(self):
        origins = cell_origins(AVERY_L7162)
        assert len(origins) == 16
        assert origins[0] == pytest.approx((4.65, 12.9))
        assert origins[-1] == pytest.approx((106.25, 250.2))

    def test_positions_run_along_a_row_first(self):
        origins = cell_origins(AVERY_L7163)
        assert origins[1][1] == origins[0][1] and origins[2][0] == origins[0][0]

    @pytest.mark.parametrize("sheet", SHEETS.values(), ids=SHEETS.keys())
    def test_every_cell_is_inside_the_page(self, sheet):
        for x, y in cell_origins(sheet):
            assert x >= 0 and y >= 0
            assert x + sheet.label_width_mm <= sheet.page_width_mm + 1e-9
            assert y + sheet.label_height_mm <= sheet.page_height_mm + 1e-9

    @pytest.mark.parametrize("sheet", SHEETS.values(), ids=SHEETS.keys())
    def test_cells_do_not_overlap(self, sheet):
        assert sheet.pitch_x_mm >= sheet.label_width_mm
        assert sheet.pitch_y_mm >= sheet.label_height_mm

    @pytest.mark.parametrize("sheet", SHEETS.values(), ids=SHEETS.keys())
    def test_grid_is_centred_on_a4_within_a_tenth_of_a_mm(self, sheet):
        x, y = cell_origins(sheet)[-1]
        assert sheet.page_width_mm - (x + sheet.label_width_mm) == pytest.approx(
            sheet.left_mm, abs=0.1
        )
        assert sheet.page_height_mm - (y + sheet.label_height_mm) == pytest.approx(
            sheet.top_mm, abs=0.1
        )


class TestStock:
    @pytest.mark.parametrize("stock", [*SHEETS.values(), *ROLLS.values()])
    def test_every_stock_names_its_source(self, stock):
        assert len(stock.source) > 40

    def test_brother_die_cut_printable_area_fits_the_label(self):
        roll = BROTHER_DK11209
        assert roll.printable_width_px <= round(roll.label_width_mm / 25.4 * roll.dpi)
        assert roll.printable_height_px <= round(roll.label_height_mm / 25.4 * roll.dpi)

    def test_brother_continuous_length_is_the_callers(self):
        roll = brother_continuous(40)
        assert roll.label_height_mm == 40 and roll.printable_height_px == 472
        assert roll.printable_width_px == 696
