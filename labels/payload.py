"""The one QR payload format, HTTPS://<HOST>/Q/<CODE>, and reading it back from a scan."""

import re

from labels.codes import validate_code
from labels.errors import (
    CodeChecksumError,
    CodeFormatError,
    ForeignPayloadError,
    HostNotEncodableError,
)

# Host characters that are also QR alphanumeric characters once upper-cased; anything else
# (an underscore, a path, a space) would push the symbol into byte mode or break the URL.
_HOST = re.compile(r"[0-9A-Z.\-]+(:[0-9]{1,5})?")
_URL = re.compile(r"(?i)https?://([^/\s]+)/q/([^/\s]+)")


def payload_for(host: str, code: str) -> str:
    """Return the upper-case label URL for code, so the whole QR is alphanumeric mode."""
    upper_host = host.strip().upper()
    if not _HOST.fullmatch(upper_host):
        raise HostNotEncodableError(
            f"{host!r} cannot go on a label: a host may use letters, digits, '.', '-' and a ':port'"
        )
    return f"HTTPS://{upper_host}/Q/{validate_code(code)}"


def parse_payload(text: str, expected_host: str | None = None) -> str:
    """Return the validated code in scanned text (our URL in any case, or a bare code)."""
    text = text.strip()
    match = _URL.fullmatch(text)
    if match is None:
        if "/" in text or ":" in text:
            raise ForeignPayloadError(f"Not a Delbar label: {text[:80]!r}")
        return _code_or_foreign(text, text)
    host, code = match.groups()
    if expected_host is not None and host.upper() != expected_host.strip().upper():
        raise ForeignPayloadError(f"This label belongs to {host.lower()}, not {expected_host}")
    return _code_or_foreign(code, text)


def _code_or_foreign(code: str, text: str) -> str:
    """Validate code; text not shaped like a code is someone else's QR, not a mistype."""
    try:
        return validate_code(code)
    except CodeChecksumError:
        raise
    except CodeFormatError as error:
        raise ForeignPayloadError(f"Not a Delbar label: {text[:80]!r}") from error
