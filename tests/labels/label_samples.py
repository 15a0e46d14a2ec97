"""Sample label contents and the phone-photo check shared by the label tests."""

import random

from labels.codes import new_codes
from labels.layout import LabelContent
from labels.scan import PHONE_ROW_PX, decode_payloads, phone_photo

# Short and long hosts give version 2 and version 3 symbols; both must fit and scan.
HOSTS = ("delbar.se", "127.0.0.1:8000", "delbar.goteborg.se")


def make_contents(
    count, seed=11, title="Kontorsstol med armstöd, grå", municipality="Göteborgs Stad"
):
    """Label contents with distinct codes, cycling through short and long hosts."""
    codes = new_codes(count, random.Random(seed))
    return [
        LabelContent(code, f"{title} {index}", municipality, HOSTS[index % len(HOSTS)])
        for index, code in enumerate(codes)
    ]


def phone_sees(image, frame_fraction_px):
    """Decode image after phone degradation, scaled so frame_fraction_px becomes 800 px."""
    return decode_payloads(phone_photo(image, PHONE_ROW_PX / frame_fraction_px))
