"""The people import's API contract: the report of a preview or an import, row by row."""

from __future__ import annotations

from typing import Literal

from backend.schemas import Schema

ImportAction = Literal["create", "update", "unchanged", "error"]


class ImportRowError(Schema, kw_only=True):
    """Why a row cannot be imported: a stable code for the app's text, and a sentence."""

    code: str
    detail: str
    value: str = ""  # what in the file was not understood (an unknown role or language), if anything


class ImportRowRead(Schema, kw_only=True):
    """What importing one line of the file does (or did): its number in the file counts the header as 1."""

    row: int
    email: str
    name: str
    unit: str
    action: ImportAction
    changes: list[str]
    new_unit: bool
    errors: list[ImportRowError]


class ImportReport(Schema, kw_only=True):
    """A preview (applied false), an import done (applied true), or one refused for its rows' errors."""

    rows: list[ImportRowRead]
    created: int
    updated: int
    unchanged: int
    errors: int
    new_units: list[str]
    ignored_columns: list[str]
    applied: bool
    changed: bool
