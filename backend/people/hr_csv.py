"""Reading the CSV file an HR system exports: people with their unit, roles and language.

UTF-8 with or without a byte order mark, separated by `;`, `,` or tabs (whichever the header
line uses most), headers in Swedish or English. Pure functions: bytes in, rows out; the
import's rules (who exists, what changes) live in service.py.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from backend import sheets
from backend.errors import Invalid

MAX_BYTES = 2 * 1024 * 1024
MAX_ROWS = 5000
# Header names, lower case, as HR systems and spreadsheets in Sweden write them.
HEADERS = {
    "email": ("e-post", "epost", "e-postadress", "e-mail", "email", "mail", "mejl"),
    "name": ("namn", "name", "fullständigt namn", "full name"),
    "unit": ("enhet", "unit", "förvaltning", "avdelning", "department"),
    "roles": ("roller", "roll", "roles", "role"),
    "language": ("språk", "language", "lang"),
}
ROLE_WORDS = {
    "employee": "employee", "medarbetare": "employee", "anställd": "employee",
    "warehouse": "warehouse", "lager": "warehouse",
    "driver": "driver", "chaufför": "driver", "förare": "driver",
    "coordinator": "coordinator", "samordnare": "coordinator",
    "admin": "admin", "administratör": "admin",
    "reporter": "reporter", "rapportör": "reporter",
}
LANGUAGE_WORDS = {"sv": "sv", "svenska": "sv", "swedish": "sv", "en": "en", "engelska": "en", "english": "en"}
_ROLE_SPLIT = re.compile(r"[,;|/\s]+")


@dataclass
class CsvRow:
    """One line of the file as written: cells by field, and the line's number in the file."""

    line: int
    cells: dict[str, str] = field(default_factory=dict)


@dataclass
class CsvFile:
    rows: list[CsvRow]
    ignored_columns: list[str]


def _columns(header: list[str]) -> tuple[dict[int, str], list[str]]:
    by_word = {word: name for name, words in HEADERS.items() for word in words}
    columns: dict[int, str] = {}
    ignored = []
    for index, cell in enumerate(header):
        name = by_word.get(cell.strip().lower())
        if name and name not in columns.values():
            columns[index] = name
        elif cell.strip():
            ignored.append(cell.strip()[:100])
    if "email" not in columns.values():
        raise Invalid("The file has no e-mail column: the first line must name the columns, "
                      "e.g. e-post;namn;enhet;roller;språk.", error="no_email_column")
    return columns, ignored


def parse(data: bytes) -> CsvFile:
    """The rows of an HR export; Invalid with a reason when the file cannot be read as one."""
    if len(data) > MAX_BYTES:
        raise Invalid(f"The file is larger than {MAX_BYTES // (1024 * 1024)} MB.", error="file_too_large")
    numbered = sheets.read_csv(data)
    if not numbered:
        raise Invalid("The file is empty.", error="empty_file")
    columns, ignored = _columns(numbered[0][1])
    body = numbered[1:]
    if not body:
        raise Invalid("The file has a header line but no people in it.", error="empty_file")
    if len(body) > MAX_ROWS:
        raise Invalid(f"The file has {len(body)} rows; at most {MAX_ROWS} are imported at once. Split it.",
                      error="too_many_rows")
    rows = [CsvRow(line=number, cells={name: cells[index].strip() if index < len(cells) else ""
                                       for index, name in columns.items()})
            for number, cells in body]
    return CsvFile(rows=rows, ignored_columns=ignored)


def roles_of(cell: str) -> tuple[list[str], list[str]]:
    """The roles a cell names (Swedish or English words), and the words that name none."""
    words = [w for w in _ROLE_SPLIT.split(cell.strip().lower()) if w]
    known = sorted({ROLE_WORDS[w] for w in words if w in ROLE_WORDS})
    return known, [w for w in words if w not in ROLE_WORDS]


def language_of(cell: str) -> str | None:
    return LANGUAGE_WORDS.get(cell.strip().lower())
