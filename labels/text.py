"""Fonts and measured text fitting, so label text is shortened rather than overflowing."""

from functools import lru_cache
from pathlib import Path

from PIL import ImageFont

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
# DejaVu covers å ä ö and the ellipsis; Mono Bold gives the code evenly spaced, heavy glyphs.
FONT_FILES = {
    "regular": "DejaVuSans.ttf",
    "bold": "DejaVuSans-Bold.ttf",
    "code": "DejaVuSansMono-Bold.ttf",
}
ELLIPSIS = "…"

Font = ImageFont.FreeTypeFont


@lru_cache(maxsize=64)
def font(role: str, size_px: int) -> Font:
    """Return the font for a role at a pixel size; cached because loading costs ~1 ms."""
    path = FONT_DIR / FONT_FILES[role]
    if path.exists():
        return ImageFont.truetype(str(path), size_px)
    return ImageFont.load_default(size_px)  # type: ignore[return-value]


def line_height(face: Font) -> int:
    """Return the height a line of this font occupies, ascender to descender."""
    ascent, descent = face.getmetrics()
    return ascent + descent


def fit_line(text: str, face: Font, width_px: int) -> str:
    """Return text, or its longest prefix plus an ellipsis, that fits width_px."""
    if face.getlength(text) <= width_px:
        return text
    low, high = 0, len(text)  # invariant: text[:low] + ellipsis fits, text[:high] does not
    while high - low > 1:
        middle = (low + high) // 2
        if face.getlength(text[:middle].rstrip() + ELLIPSIS) <= width_px:
            low = middle
        else:
            high = middle
    shortened = text[:low].rstrip() + ELLIPSIS
    return shortened if face.getlength(shortened) <= width_px else ""


def wrap_lines(text: str, face: Font, width_px: int, max_lines: int) -> list[str]:
    """Break text into at most max_lines that fit width_px, the last one ellipsized."""
    words = text.split()
    lines: list[str] = []
    while words and len(lines) < max_lines:
        if len(lines) == max_lines - 1:
            lines.append(fit_line(" ".join(words), face, width_px))
            break
        line = _take_fitting(words, face, width_px)
        while words and face.getlength(f"{line} {words[0]}") <= width_px:
            line = f"{line} {words.pop(0)}"
        lines.append(line)
    return lines


def _take_fitting(words: list[str], face: Font, width_px: int) -> str:
    """Pop the first word, or as much of it as fits, leaving the rest of it in words."""
    word = words.pop(0)
    end = len(word)
    while end > 1 and face.getlength(word[:end]) > width_px:
        end -= 1
    if end < len(word):
        words.insert(0, word[end:])
    return word[:end]
