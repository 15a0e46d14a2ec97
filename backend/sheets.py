"""Tables in files, as people keep them: CSV from any spreadsheet or HR system, and Excel workbooks.

Reading gives the non-empty lines with their line numbers in the file (the header is line 1 when
it is the first); writing gives the bytes of a file Excel and LibreOffice open as they are (CSV in
UTF-8 with a byte order mark and `;`, as Swedish Excel writes it). Pure functions: bytes in, rows
out; what a column means is the caller's.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from decimal import Decimal

from openpyxl import Workbook, load_workbook
from openpyxl.utils.exceptions import InvalidFileException

from backend.errors import Invalid

Line = tuple[int, list[str]]
Cell = str | int | Decimal | None
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_TYPE = "text/csv"  # Litestar adds "; charset=utf-8" to a text type
# An Excel cell holds at most this many characters; a longer cell is not a register's.
_MAX_CELL = 32_767
# A workbook unpacks to at most this much, and only its first columns are read: a small file that
# unpacks to gigabytes, or declares a sheet 16,384 columns wide, is refused or cut, not ground through.
_MAX_UNPACKED = 200 * 1024 * 1024
MAX_COLUMNS = 200


def _text(data: bytes) -> str:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise Invalid("The file is not UTF-8 text. Save it as \"CSV UTF-8\" and try again.",
                      error="not_utf8") from exc
    if "\x00" in text:
        raise Invalid("The file holds NUL characters; it is not a CSV text file.", error="not_csv")
    return text


def _separator(header_line: str) -> str:
    counts = {sep: header_line.count(sep) for sep in (";", ",", "\t")}
    return max(counts, key=lambda sep: counts[sep])


def read_csv(data: bytes) -> list[Line]:
    """The file's non-empty lines, numbered from 1; separated by `;`, `,` or tabs, whichever the first
    line uses most."""
    text = _text(data)
    if not text.strip():
        raise Invalid("The file is empty.", error="empty_file")
    first_line = next(line for line in text.splitlines() if line.strip())
    try:
        lines = list(csv.reader(io.StringIO(text), delimiter=_separator(first_line), strict=True))
    except csv.Error as exc:
        raise Invalid(f"The file is not valid CSV: {exc}.", error="not_csv") from exc
    return [(number, cells) for number, cells in enumerate(lines, start=1) if any(c.strip() for c in cells)]


def _cell(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat() if value.time() == datetime.min.time() else value.isoformat(sep=" ")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float):
        return format(Decimal(repr(value)).normalize(), "f") if value != int(value) else str(int(value))
    if isinstance(value, bool):
        return "1" if value else "0"
    return str(value)


def read_xlsx(data: bytes, *, max_rows: int) -> list[Line]:
    """The first sheet's non-empty rows, numbered as Excel numbers them, each cell as text (a date as
    YYYY-MM-DD, a whole number without decimals); at most max_rows + 1 are read."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
        if unpacked > _MAX_UNPACKED:
            raise Invalid("The workbook unpacks to more than 200 MB; it is not a register.", error="file_too_large")
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise Invalid("The file is not an Excel workbook (.xlsx) that can be read.", error="not_xlsx") from exc
    try:
        sheet = book.worksheets[0] if book.worksheets else None
        if sheet is None:
            raise Invalid("The workbook has no sheet.", error="empty_file")
        lines: list[Line] = []
        for number, values in enumerate(sheet.iter_rows(max_col=MAX_COLUMNS, values_only=True), start=1):
            cells = [_cell(v) for v in values]
            if any(c.strip() for c in cells):
                lines.append((number, cells))
                if len(lines) > max_rows + 1:
                    break
        return lines
    finally:
        book.close()


def read(data: bytes, filename: str, *, max_bytes: int, max_rows: int) -> list[Line]:
    """A CSV file or an Excel workbook (told by its first bytes, not its name), as numbered lines."""
    if len(data) > max_bytes:
        raise Invalid(f"The file is larger than {max_bytes // (1024 * 1024)} MB.", error="file_too_large")
    if data.startswith(b"PK\x03\x04"):
        lines = read_xlsx(data, max_rows=max_rows)
    elif filename.lower().endswith((".xlsx", ".xls")):
        raise Invalid("The file is named as an Excel workbook but is not one (.xlsx); save it again as .xlsx "
                      "or as CSV UTF-8.", error="not_xlsx")
    else:
        lines = [(number, cells[:MAX_COLUMNS]) for number, cells in read_csv(data)]
    # Trailing empty cells say nothing: a workbook without its size recorded pads every row to the bound.
    lines = [(number, _trimmed(cells)) for number, cells in lines]
    if not lines:
        raise Invalid("The file is empty.", error="empty_file")
    if any(len(c) > _MAX_CELL for _, cells in lines for c in cells):
        raise Invalid(f"A cell holds more than {_MAX_CELL} characters.", error="cell_too_long")
    return lines


def _trimmed(cells: list[str]) -> list[str]:
    end = len(cells)
    while end and not cells[end - 1].strip():
        end -= 1
    return cells[:end]


def _safe(value: str) -> str:
    """A cell a spreadsheet shows as text, never runs: a leading = + - @ would be read as a formula."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def _csv_cell(value: Cell) -> str:
    """Numbers as Swedish spreadsheets write them: 12,5 with a decimal comma."""
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f").replace(".", ",")
    return _safe(value) if isinstance(value, str) else str(value)


def write_csv(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([_csv_cell(c) for c in row] for row in rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def write_xlsx(title: str, header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> bytes:
    """A one-sheet workbook; a text cell that would start a formula is written as text (see _safe)."""
    book = Workbook(write_only=True)
    sheet = book.create_sheet(title[:31])
    sheet.append(list(header))
    for row in rows:
        sheet.append([_safe(c) if isinstance(c, str) else c for c in row])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
