"""Labels in photos: our codes pyzbar can read in an uploaded image, nothing guessed."""

from __future__ import annotations

from backend.catalog.imaging import PhotoRefused, open_photo
from labels import CodeFormatError, ForeignPayloadError, parse_payload
from labels.scan import decode_payloads

MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_PIXELS = 24_000_000  # a 24-megapixel phone photo; more is a decompression bomb


def codes_in_photo(data: bytes, max_pixels: int = MAX_PIXELS) -> list[str]:
    """Codes in every QR symbol of ours visible in the photo, in the order pyzbar found them."""
    image = open_photo(data, max_pixels)  # the gate the listing and item photos go through
    try:
        image.load()
    except (OSError, SyntaxError, ValueError) as error:
        raise PhotoRefused("The photo is damaged or cut off.", "photo_damaged") from error
    codes = []
    for payload in decode_payloads(image):
        try:
            codes.append(parse_payload(payload))
        except (CodeFormatError, ForeignPayloadError):
            continue  # someone else's QR code in the picture: not ours to report
    return list(dict.fromkeys(codes))
