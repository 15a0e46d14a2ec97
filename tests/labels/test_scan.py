from label_samples import make_contents
from PIL import Image

from labels.pages import sheet_cell_image
from labels.scan import decode_payloads, phone_photo
from labels.sheets import AVERY_L7160


class TestDecodePayloads:
    def test_blank_image_has_no_payloads(self):
        assert decode_payloads(Image.new("1", (300, 300), 255)) == []


class TestPhonePhoto:
    def test_photo_is_scaled_turned_and_greyscale(self):
        photo = phone_photo(Image.new("1", (750, 450), 255), 0.34)
        assert photo.mode == "L"
        # 255 x 153 turned 15 degrees grows to about 286 x 214.
        assert 280 <= photo.width <= 290 and 208 <= photo.height <= 220

    def test_photo_is_degraded_not_a_copy(self):
        label = sheet_cell_image(make_contents(1)[0], AVERY_L7160)
        photo = phone_photo(label, 1.0)
        greys = photo.histogram()[1:255]  # blur and JPEG leave greys a bilevel label lacks
        assert sum(greys) > 0

    def test_too_small_a_photo_no_longer_decodes(self):
        # The degradation is strong enough to matter: at a tenth of the size nothing reads.
        label = sheet_cell_image(make_contents(1)[0], AVERY_L7160)
        assert decode_payloads(phone_photo(label, 0.1)) == []
