"""Labels in photos: our codes pyzbar can read in an uploaded image, nothing guessed."""

from __future__ import annotations

import io
import warnings

from PIL import Image, UnidentifiedImageError

from backend.errors import Invalid
from labels import CodeFormatError, ForeignPayloadError, parse_payload
from labels.scan import decode_payloads

MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 24_000_000  # a 24-megapixel phone photo; more is a decompression bomb
FORMATS = {"JPEG", "PNG", "WEBP"}


def open_photo(data: bytes, max_pixels: int = MAX_PIXELS) -> Image.Image:
    """Open an uploaded JPEG/PNG/WebP, refusing what is not one or is too large to decode."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            probe = Image.open(io.BytesIO(data))
            if probe.format not in FORMATS:
                raise Invalid("Send a JPEG, PNG or WebP photo.", error="unsupported_image")
            if probe.width * probe.height > max_pixels:
                raise Invalid(f"The photo has too many pixels; send it at most {max_pixels // 1_000_000} megapixels.",
                              error="image_too_large")
            probe.verify()
            image = Image.open(io.BytesIO(data))
            image.load()
    except (UnidentifiedImageError, OSError, SyntaxError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as error:
        raise Invalid("That file is not a readable image.", error="unreadable_image") from error
    return image


def codes_in_photo(data: bytes, max_pixels: int = MAX_PIXELS) -> list[str]:
    """Codes in every QR symbol of ours visible in the photo, in the order pyzbar found them."""
    image = open_photo(data, max_pixels)
    codes = []
    for payload in decode_payloads(image):
        try:
            codes.append(parse_payload(payload))
        except (CodeFormatError, ForeignPayloadError):
            continue  # someone else's QR code in the picture: not ours to report
    return list(dict.fromkeys(codes))
