import re

import pytest
from label_samples import make_contents

from labels.errors import LabelDoesNotFit
from labels.layout import LabelContent
from labels.payload import parse_payload
from labels.qr import qr_modules
from labels.zpl import render_zpl


def _formats(zpl):
    return re.findall(r"\^XA.*?\^XZ", zpl, flags=re.DOTALL)


class TestRenderZpl:
    @pytest.mark.parametrize("dpi", [203, 300])
    def test_one_format_per_label(self, dpi):
        zpl = render_zpl(make_contents(3), 50, 25, dpi)
        assert len(_formats(zpl)) == 3 and zpl.count("^XA") == zpl.count("^XZ") == 3

    @pytest.mark.parametrize("dpi", [203, 300])
    def test_qr_field_is_level_q_alphanumeric_with_our_payload(self, dpi):
        contents = make_contents(3)
        for content, fmt in zip(contents, _formats(render_zpl(contents, 50, 25, dpi)), strict=True):
            (data,) = re.findall(r"\^BQN,2,\d+\^FD([^\^]*)\^FS", fmt)
            assert data.startswith("QM,A") and parse_payload(data[4:]) == content.code

    @pytest.mark.parametrize("dpi", [203, 300])
    def test_qr_magnification_is_scannable_and_the_symbol_fits(self, dpi):
        content = make_contents(2)[1]
        fmt = _formats(render_zpl([content], 50, 25, dpi))[0]
        x, y, magnification = map(int, re.search(r"\^FO(\d+),(\d+)\^BQN,2,(\d+)", fmt).groups())
        width, height = map(int, re.search(r"\^PW(\d+)\s+\^LL(\d+)", fmt).groups())
        side = len(qr_modules(f"HTTPS://{content.host.upper()}/Q/{content.code}")) * magnification
        assert 3 <= magnification <= 10
        assert x + side <= width and y + side <= height

    def test_label_size_is_in_dots_of_the_head(self):
        assert "^PW400\n^LL200" in render_zpl(make_contents(1), 50, 25, 203)
        assert "^PW591\n^LL295" in render_zpl(make_contents(1), 50, 25, 300)

    def test_utf8_is_declared_before_any_text(self):
        fmt = _formats(render_zpl(make_contents(1, municipality="Malmö"), 50, 25, 203))[0]
        assert fmt.index("^CI28") < fmt.index("^A0N") and "^FDMalmö^FS" in fmt

    def test_text_fields_start_inside_the_label(self):
        fmt = _formats(render_zpl(make_contents(1, title="W" * 90), 50, 25, 203))[0]
        texts = re.findall(r"\^FO(\d+),(\d+)\^A0N,(\d+),\d+\^FH_\^FD([^\^]*)\^FS", fmt)
        assert len(texts) >= 3
        assert all(
            0 <= int(x) < 400 and int(y) >= 0 and int(y) + int(h) <= 200 for x, y, h, _ in texts
        )
        assert any(text.endswith("…") for *_, text in texts)

    def test_caret_tilde_and_underscore_in_text_are_escaped(self):
        code = make_contents(1)[0].code
        zpl = render_zpl([LabelContent(code, "A^B~C_D", "Lund", "delbar.se")], 60, 30, 300)
        assert "^FDA_5EB_7EC_5FD^FS" in zpl

    def test_label_too_small_raises(self):
        with pytest.raises(LabelDoesNotFit):
            render_zpl(make_contents(1), 12, 8, 203)

    def test_dpi_other_than_a_zebra_head_is_refused(self):
        with pytest.raises(ValueError, match="203"):
            render_zpl(make_contents(1), 50, 25, 600)
