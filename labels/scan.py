"""Reading rendered labels back as a phone would, so tests and benchmarks check what prints."""

import io

from PIL import Image, ImageFilter
from pyzbar import pyzbar

PHONE_ROW_PX = 800  # a phone photo of a row of sheet labels, about 800 px across the row
PHONE_BLUR_RADIUS = 1.0
PHONE_ROTATION_DEGREES = 15
PHONE_JPEG_QUALITY = 60


def decode_payloads(image: Image.Image) -> list[str]:
    """Return the text of every QR symbol pyzbar finds in image."""
    symbols = pyzbar.decode(image.convert("L"), symbols=[pyzbar.ZBarSymbol.QRCODE])
    return [symbol.data.decode("ascii") for symbol in symbols]


def phone_photo(image: Image.Image, scale: float) -> Image.Image:
    """Return image as a hand-held phone sees it: scaled, blurred, turned and JPEG-compressed."""
    size = (max(1, round(image.width * scale)), max(1, round(image.height * scale)))
    photo = image.convert("L").resize(size, Image.Resampling.BILINEAR, reducing_gap=2.0)
    photo = photo.filter(ImageFilter.GaussianBlur(PHONE_BLUR_RADIUS))
    photo = photo.rotate(
        PHONE_ROTATION_DEGREES, Image.Resampling.BICUBIC, expand=True, fillcolor=255
    )
    buffer = io.BytesIO()
    photo.save(buffer, "JPEG", quality=PHONE_JPEG_QUALITY)
    return Image.open(io.BytesIO(buffer.getvalue()))
