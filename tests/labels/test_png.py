import io

import pytest
from label_samples import make_contents
from PIL import Image

from labels.payload import parse_payload
from labels.png import render_label_png
from labels.scan import decode_payloads
from labels.sheets import (
    AVERY_L7163,
    BROTHER_DK11209,
    BROTHER_DK22205,
    DYMO_11355,
    ROLLS,
)


def _open(png):
    return Image.open(io.BytesIO(png))


class TestRenderLabelPng:
    @pytest.mark.parametrize("stock", [*ROLLS.values(), AVERY_L7163], ids=[*ROLLS.keys(), "L7163"])
    def test_png_decodes_to_its_code(self, stock):
        content = make_contents(2)[1]
        assert [
            parse_payload(text) for text in decode_payloads(_open(render_label_png(content, stock)))
        ] == [content.code]

    @pytest.mark.parametrize(
        "roll", [BROTHER_DK11209, BROTHER_DK22205], ids=["DK-11209", "DK-22205"]
    )
    def test_brother_png_is_696_px_wide(self, roll):
        assert _open(render_label_png(make_contents(1)[0], roll)).width == 696

    def test_dymo_png_is_the_label_at_300_dpi(self):
        image = _open(render_label_png(make_contents(1)[0], DYMO_11355))
        assert image.size == (602, 224) and round(image.info["dpi"][0]) == 300

    def test_sheet_cell_png_follows_the_dpi_asked(self):
        image = _open(render_label_png(make_contents(1)[0], AVERY_L7163, dpi=600))
        assert image.size == (2341, 900) and image.mode == "1"

    def test_roll_at_a_dpi_its_printer_lacks_is_refused(self):
        with pytest.raises(ValueError, match="300 dpi"):
            render_label_png(make_contents(1)[0], BROTHER_DK11209, dpi=600)
