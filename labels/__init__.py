"""Delbar labels: code text, QR payloads and printable label documents, as pure functions."""

from labels.codes import (
    check_character,
    is_valid_code,
    new_code,
    new_codes,
    normalize_code,
    validate_code,
)
from labels.errors import (
    CodeChecksumError,
    CodeFormatError,
    ForeignPayloadError,
    HostNotEncodableError,
    LabelDoesNotFit,
)
from labels.layout import LabelContent
from labels.payload import parse_payload, payload_for
from labels.pdf import render_calibration_pdf, render_roll_pdf, render_sheet_pdf
from labels.png import render_label_png
from labels.sheets import ROLLS, SHEETS, Roll, Sheet, brother_continuous, cell_origins
from labels.zpl import render_zpl

__all__ = [
    "ROLLS",
    "SHEETS",
    "CodeChecksumError",
    "CodeFormatError",
    "ForeignPayloadError",
    "HostNotEncodableError",
    "LabelContent",
    "LabelDoesNotFit",
    "Roll",
    "Sheet",
    "brother_continuous",
    "cell_origins",
    "check_character",
    "is_valid_code",
    "new_code",
    "new_codes",
    "normalize_code",
    "parse_payload",
    "payload_for",
    "render_calibration_pdf",
    "render_label_png",
    "render_roll_pdf",
    "render_sheet_pdf",
    "render_zpl",
    "validate_code",
]
