"""Checks a listing must pass whatever its history: deal and price, dates, tiers, windows."""

from __future__ import annotations

from typing import Any

from backend.catalog import text
from backend.catalog.tables import TIERS
from backend.errors import Invalid
from backend.vocabulary import PHYSICAL_KINDS

Row = dict[str, Any]
MAX_WINDOWS = 200


def check_listing(values: Row, windows: list[Row] | None) -> None:
    """Raise Invalid with a readable reason when the merged listing values do not hold together."""
    deal, kind = values["deal"], values["kind"]
    if deal in ("give", "lend") and values.get("price_ore"):
        raise Invalid("A listing that gives or lends has no price.", error="price_not_allowed")
    if deal in ("rent", "sell") and values.get("price_ore") is None:
        raise Invalid("Renting and selling need a price in öre.", error="price_required")
    if deal == "rent" and not values.get("rent_period"):
        raise Invalid("A rent price needs a period: day, week or month.", error="rent_period_required")
    if deal != "rent" and values.get("rent_period"):
        raise Invalid("Only a rent has a price period.", error="rent_period_not_allowed")
    if values.get("rent_period") == "hour" and kind in PHYSICAL_KINDS:
        raise Invalid("Only services and staffing are priced per hour; things per day, week or month.",
                      error="rent_period_not_for_kind")
    start, end = values.get("available_from"), values.get("available_until")
    if start and end and end < start:
        raise Invalid("Available until comes before available from.", error="dates_out_of_order")
    _check_tiers(values)
    if windows is not None:
        if kind in PHYSICAL_KINDS and windows:
            raise Invalid("Only services and staffing have time windows.", error="windows_not_allowed")
        _check_windows(windows)


def _check_tiers(values: Row) -> None:
    widen_to = values.get("widen_to") or ""
    if not widen_to:
        return
    if TIERS.index(widen_to) <= TIERS.index(values["visibility"]):
        raise Invalid("Share day must open the listing to a wider tier.", error="widen_not_wider")
    if not values.get("share_days"):
        raise Invalid("Share day needs a number of days.", error="share_days_required")


def _check_windows(windows: list[Row]) -> None:
    if len(windows) > MAX_WINDOWS:
        raise Invalid(f"At most {MAX_WINDOWS} time windows.", error="too_many_windows")
    for window in windows:
        if window["starts_at"].tzinfo is None or window["ends_at"].tzinfo is None:
            raise Invalid("Times need a time zone.", error="naive_time")
        if window["ends_at"] <= window["starts_at"]:
            raise Invalid("A time window must end after it starts.", error="dates_out_of_order")


def search_text(values: Row, category_name: str | None) -> str:
    """What full-text search indexes, on both databases: the stems text.py makes."""
    # The title twice: a word in the title should rank above one deep in the description.
    parts = [values["title"], values["title"], values.get("tags") or "", category_name or "",
             values.get("description") or ""]
    joined = " ".join(parts)
    found = text.with_heads(text.words(joined))
    return " ".join(text.stem(word) for word in found)
