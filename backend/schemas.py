"""Shared pieces of the API contract: the strict base Struct and constrained text types."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

import msgspec

# No NUL, no lone surrogates, no other C0/C1 control characters: PostgreSQL refuses NUL and
# lone surrogates cannot be encoded, so they would otherwise surface as 500s.
_SINGLE_LINE = r"^[^\x00-\x1f\x7f-\x9f\ud800-\udfff]*$"
_MULTI_LINE = r"^[^\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff]*$"

Name = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=_SINGLE_LINE)]
ShortText = Annotated[str, msgspec.Meta(max_length=200, pattern=_SINGLE_LINE)]
LongText = Annotated[str, msgspec.Meta(max_length=10_000, pattern=_MULTI_LINE)]
Email = Annotated[
    str,
    msgspec.Meta(min_length=3, max_length=254,
                 pattern=r"^[^@\s\x00-\x1f\ud800-\udfff]+@[^@\s\x00-\x1f\ud800-\udfff]+"
                         r"\.[^@\s\x00-\x1f\ud800-\udfff]+$"),
]
Password = Annotated[str, msgspec.Meta(min_length=1, max_length=200, pattern=_MULTI_LINE)]
NewPassword = Annotated[str, msgspec.Meta(min_length=10, max_length=200, pattern=_MULTI_LINE)]
# YYYY-MM in the years 2000-2999: earlier or later months overflow date arithmetic on them.
MONTH_PATTERN = r"^2[0-9]{3}-(0[1-9]|1[0-2])$"
# Versions are int32 columns and an update writes version + 1: the largest one sent leaves room for it.
Version = Annotated[int, msgspec.Meta(ge=1, le=2**31 - 2)]


class Schema(msgspec.Struct, forbid_unknown_fields=True):
    """Base of every request and response body: unknown fields are refused, not ignored."""


# A bulk action's ids: at least one, at most a page of the work queue, each once.
BULK_MAX = 100
BulkIdList = Annotated[list[UUID], msgspec.Meta(
    min_length=1, max_length=BULK_MAX,
    description=f"1 to {BULK_MAX} distinct ids; every one must be valid or nothing is changed")]


class BulkIds(Schema, kw_only=True):
    """The rows a bulk action applies to, all or none."""

    ids: BulkIdList

    def __post_init__(self) -> None:
        if len(set(self.ids)) != len(self.ids):
            raise ValueError("each id may be given only once")


class BulkDone(Schema, kw_only=True):
    """What a bulk action changed: every id it was given (it changes all or none)."""

    done: int
    ids: list[UUID]
