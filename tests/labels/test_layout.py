import pytest
from label_samples import make_contents

from labels.errors import LabelDoesNotFit
from labels.layout import LabelContent, draw_label, plan_label, render_label_image
from labels.payload import parse_payload, payload_for
from labels.scan import decode_payloads
from labels.text import ELLIPSIS

# An L7160 cell at 300 dpi with its 1.5 mm inset.
CELL = {"width_px": 750, "height_px": 450, "dpi": 300, "inset_px": 18}
LONG_TITLE = "Höj- och sänkbart skrivbord med kabelränna, elektriskt, ek, 160 × 80 cm, nästan nytt"


def _inside(box, plan, inset):
    left, top, right, bottom = box
    return (
        left >= inset
        and top >= inset
        and right <= plan.width_px - inset
        and bottom <= plan.height_px - inset
    )


class TestPlanLabel:
    def test_long_title_is_shortened_with_an_ellipsis(self):
        content = make_contents(1, title=LONG_TITLE)[0]
        plan = plan_label(content, **CELL)
        titles = [line for line in plan.lines if line.role == "bold"]
        assert 1 <= len(titles) <= 3 and titles[-1].text.endswith(ELLIPSIS)

    def test_every_text_line_stays_inside_the_inset(self):
        content = LabelContent(
            make_contents(1)[0].code, LONG_TITLE, "Övertorneå kommun " * 3, "delbar.se"
        )
        plan = plan_label(content, **CELL)
        assert all(_inside(line.bbox(), plan, 18) for line in plan.lines)

    def test_text_does_not_overlap_the_qr_quiet_zone(self):
        plan = plan_label(make_contents(1, title=LONG_TITLE)[0], **CELL)
        qr_right = plan.qr_origin[0] + plan.qr.side_px
        assert all(line.bbox()[0] >= qr_right for line in plan.lines)

    def test_swedish_letters_are_kept(self):
        content = make_contents(1, title="Barnvagn, grå", municipality="Malmö")[0]
        texts = [line.text for line in plan_label(content, **CELL).lines]
        assert texts[0] == "Malmö" and texts[1] == "Barnvagn, grå 0"

    def test_code_is_printed_grouped_and_parses_back(self):
        content = make_contents(1)[0]
        code_line = plan_label(content, **CELL).lines[-1]
        assert code_line.text == f"{content.code[:4]}-{content.code[4:]}"
        assert parse_payload(code_line.text) == content.code

    def test_l7160_at_300_dpi_gets_big_modules_and_full_quiet_zone(self):
        plan = plan_label(make_contents(3)[1], **CELL)  # the 127.0.0.1:8000 host: version 3
        assert plan.qr.module_px >= 8 and plan.qr.quiet_modules == 4

    def test_empty_title_gives_no_title_line(self):
        content = LabelContent(make_contents(1)[0].code, "  ", "Lund", "delbar.se")
        assert [line.role for line in plan_label(content, **CELL).lines] == ["regular", "code"]

    def test_label_too_small_for_a_scannable_qr_raises(self):
        with pytest.raises(LabelDoesNotFit):
            plan_label(make_contents(1)[0], width_px=200, height_px=90, dpi=300, inset_px=5)

    def test_square_label_with_no_room_for_the_code_raises(self):
        with pytest.raises(LabelDoesNotFit, match="code"):
            plan_label(make_contents(1)[0], width_px=380, height_px=450, dpi=300, inset_px=18)

    def test_host_that_cannot_be_encoded_raises_before_drawing(self):
        content = LabelContent(make_contents(1)[0].code, "Stol", "Lund", "del_bar.se")
        with pytest.raises(ValueError):
            plan_label(content, **CELL)


class TestDrawLabel:
    def test_label_decodes_to_its_payload(self):
        content = make_contents(1)[0]
        image = render_label_image(content, **CELL)
        assert decode_payloads(image) == [payload_for(content.host, content.code)]

    def test_inset_stays_white_with_long_text(self):
        content = LabelContent(
            make_contents(1)[0].code, LONG_TITLE, "Övertorneå kommun " * 3, "delbar.se"
        )
        image = render_label_image(content, **CELL)
        inner = image.crop((18, 18, 750 - 18, 450 - 18))
        assert image.histogram()[0] == inner.histogram()[0] > 0

    def test_same_content_draws_the_same_pixels_after_other_labels(self):
        first, other = make_contents(2, title=LONG_TITLE)
        before = render_label_image(first, **CELL).tobytes()
        render_label_image(other, **CELL)
        assert draw_label(plan_label(first, **CELL)).tobytes() == before
