"""Query and path parameter types: each is checked before a handler runs and shows its bounds in the OpenAPI.

Litestar enforces a `Parameter(ge=…, le=…, pattern=…)` only when it sits on the outermost
`Annotated` of the parameter's own type: `FromQuery[Annotated[int | None, Parameter(...)]]`.
Nested in a union (`Annotated[int, Parameter(...)] | None`) or wrapped around `FromQuery` it is
silently dropped, and `msgspec.Meta` on a parameter is ignored altogether, so build parameter
types here. tests/backend/test_params.py checks every route.
"""

from __future__ import annotations

import sqlite3
from datetime import date
from typing import Annotated, Any

from litestar.openapi.spec import OpenAPIFormat, OpenAPIType, Schema
from litestar.params import Parameter
from litestar.plugins import OpenAPISchemaPlugin
from litestar.typing import FieldDefinition

from backend.schemas import MONTH_PATTERN

FIRST_DAY, LAST_DAY = date(2000, 1, 1), date(2999, 12, 31)
_MONTH = {"pattern": MONTH_PATTERN, "min_length": 7, "max_length": 7,
          "description": "A month, YYYY-MM, from 2000-01 to 2999-12."}
_DAY = f"A day, YYYY-MM-DD, from {FIRST_DAY} to {LAST_DAY}."

Month = Annotated[str, Parameter(**_MONTH)]
# Printed codes are 8 characters; people type them with spaces or dashes, which the lookup ignores.
CodeText = Annotated[str, Parameter(max_length=64, description="A label's code as printed or typed.")]
OptionalMonth = Annotated[str | None, Parameter(**_MONTH)]
# The secret of an e-mailed link (password reset, invitation): URL-safe base64.
LinkToken = Annotated[str, Parameter(min_length=20, max_length=100, pattern=r"^[A-Za-z0-9_-]+$",
                                     description="The secret of a link sent by e-mail.")]


def bounded(low: int, high: int, description: str) -> Any:
    """An integer parameter from `low` to `high`."""
    return Annotated[int, Parameter(ge=low, le=high, description=description)]


def optional_bounded(low: int, high: int, description: str) -> Any:
    """An integer parameter from `low` to `high`, or absent."""
    return Annotated[int | None, Parameter(ge=low, le=high, description=description)]


class Day(date):
    """A calendar day a person could mean (dates far out overflow the arithmetic on them)."""


def decode_day(_: type, value: Any) -> Day:
    """Litestar's decoder for Day: ISO text within FIRST_DAY..LAST_DAY, or a ValueError (a 400)."""
    day = date.fromisoformat(value) if isinstance(value, str) else value
    if not isinstance(day, date) or not FIRST_DAY <= day <= LAST_DAY:
        raise ValueError(f"must be a day from {FIRST_DAY} to {LAST_DAY}")
    return Day(day.year, day.month, day.day)


# sqlite3 adapts values by their exact type: a Day is stored as any date is (asyncpg takes subclasses).
sqlite3.register_adapter(Day, date.isoformat)


def is_day(kind: Any) -> bool:
    return kind is Day


OptionalDay = Annotated[Day | None, Parameter(description=_DAY)]
TYPE_DECODERS = [(is_day, decode_day)]


class DaySchema(OpenAPISchemaPlugin):
    """Day in the OpenAPI: a date string with its range."""

    @staticmethod
    def is_plugin_supported_type(value: Any) -> bool:
        return value is Day

    def to_openapi_schema(self, field_definition: FieldDefinition, schema_creator: Any) -> Schema:
        return Schema(type=OpenAPIType.STRING, format=OpenAPIFormat.DATE, description=_DAY)
