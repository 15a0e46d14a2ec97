"""The listing form's time-slot editor fits a 360 px phone: no control is cut or runs off the screen."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from tests.browser.journeys import WIDTHS, axe_clean, fits, open_as, shot

pytestmark = pytest.mark.browser

# Each control of the slot editor, and how much of its own text must show (its value or chosen option).
TEXT_WIDTH = """(control) => {
  const style = getComputedStyle(control);
  const canvas = document.createElement("canvas").getContext("2d");
  canvas.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  const text = control.tagName === "SELECT" ? control.selectedOptions[0].text : control.value;
  const room = control.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
  return { text: canvas.measureText(text).width, room };
}"""


@pytest.mark.parametrize("width", list(WIDTHS))
def test_every_slot_control_fits_on_the_screen(browser, live_server, width):
    context, page = open_as(browser, live_server, width, "medarbetare@ystad.exempel.se")
    try:
        page.goto("/annonser/ny")
        page.get_by_label("Typ").select_option(label="Tjänst")
        slots = page.get_by_role("group", name="Bokningsbara tider")
        repeat = slots.get_by_label("Upprepa")
        repeat.select_option(label="Varje vecka")
        expect(slots.get_by_label("Till och med")).to_be_visible()
        fits(page)
        viewport = page.viewport_size["width"]
        for name in ("Datum", "Från klockan", "Till klockan", "Platser", "Upprepa", "Till och med"):
            control = slots.get_by_label(name)
            box = control.bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= viewport, f"{name} runs off the screen: {box}"
        measured = repeat.evaluate(TEXT_WIDTH)
        # The select's arrow takes about 20 px of its room.
        assert measured["text"] + 20 <= measured["room"], f"'Varje vecka' is cut: {measured}"
        assert axe_clean(page) == []
        shot(page, "slot-editor")
    finally:
        context.close()
