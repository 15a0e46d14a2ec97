"""Code text: 7 Crockford base32 data characters and a Luhn mod 32 check character."""

import random
import secrets

from labels.errors import CodeChecksumError, CodeFormatError

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CODE_LENGTH = 8
DATA_LENGTH = CODE_LENGTH - 1

_INDEX = {char: index for index, char in enumerate(ALPHABET)}
# Crockford's reading of look-alikes, so a code typed from a worn label still resolves.
_LOOKALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
_IGNORED = str.maketrans("", "", " -\t")


def normalize_code(text: str) -> str:
    """Return the canonical 8-character form of typed or printed code text."""
    code = text.upper().translate(_IGNORED).translate(_LOOKALIKES)
    wrong = sorted({char for char in code if char not in _INDEX})
    if wrong:
        shown = ", ".join(repr(char) for char in wrong)
        raise CodeFormatError(
            f"{shown} cannot appear in a code: codes use the digits 0-9 and the letters A-Z "
            "except U (I, L and O are read as 1, 1 and 0)"
        )
    if len(code) != CODE_LENGTH:
        raise CodeFormatError(
            f"A code has {CODE_LENGTH} characters, this one has {len(code)}: {text!r}"
        )
    return code


def _luhn_sum(code: str, first_factor: int) -> int:
    """Luhn mod 32 sum over code from the right, doubling every other character."""
    total, factor, base = 0, first_factor, len(ALPHABET)
    for char in reversed(code):
        addend = factor * _INDEX[char]
        total += addend // base + addend % base
        factor = 3 - factor
    return total


def check_character(data7: str) -> str:
    """Return the check character that makes data7 plus it a valid code."""
    if len(data7) != DATA_LENGTH or any(char not in _INDEX for char in data7):
        raise CodeFormatError(
            f"Check characters are computed over {DATA_LENGTH} code characters, got {data7!r}"
        )
    base = len(ALPHABET)
    return ALPHABET[(base - _luhn_sum(data7, first_factor=2) % base) % base]


def is_valid_code(code: str) -> bool:
    """Tell whether code is canonical code text with a correct check character."""
    if len(code) != CODE_LENGTH or any(char not in _INDEX for char in code):
        return False
    return _luhn_sum(code, first_factor=1) % len(ALPHABET) == 0


def validate_code(text: str) -> str:
    """Normalize text and verify its check character, so mistypes are told apart from unknowns."""
    code = normalize_code(text)
    if not is_valid_code(code):
        raise CodeChecksumError(f"{text!r} is not a valid code: a character is probably mistyped")
    return code


def new_code(rand: random.Random | None = None) -> str:
    """Return a fresh random code; secrets by default, a seeded Random for repeatable tests."""
    choice = rand.choice if rand is not None else secrets.choice
    data = "".join(choice(ALPHABET) for _ in range(DATA_LENGTH))
    return data + check_character(data)


def new_codes(n: int, rand: random.Random | None = None) -> list[str]:
    """Return n distinct fresh codes, in the order drawn, for one print batch."""
    if n < 0:
        raise ValueError(f"Cannot make a negative number of codes: {n}")
    codes: dict[str, None] = {}
    while len(codes) < n:
        codes[new_code(rand)] = None
    return list(codes)
