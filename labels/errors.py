"""Errors the labels library raises, each carrying what went wrong for the person at hand."""


class CodeFormatError(ValueError):
    """Text that cannot be a code: wrong length or a character outside the alphabet."""


class CodeChecksumError(CodeFormatError):
    """Well-formed text whose check character is wrong: almost certainly mistyped."""


class ForeignPayloadError(ValueError):
    """Scanned text that is not one of our label payloads (another QR, another host)."""


class HostNotEncodableError(ValueError):
    """A host that cannot be written in QR alphanumeric mode, so it cannot go on a label."""


class LabelDoesNotFit(ValueError):
    """A label whose content cannot be drawn scannably and legibly in the space given."""
