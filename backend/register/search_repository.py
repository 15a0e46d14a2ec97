"""The register's lists: the municipality's items, and those with no label yet, found by the words people type.

Each word must be in the item's title, its inventory number, or the name of its place or the place
above it, in any case: Å, Ä, Ö and É are folded by hand, since SQLite's lower() knows ASCII only.
"""

from __future__ import annotations

from uuid import UUID

from backend.catalog.tables import Item
from backend.register.repository import Row
from backend.vocabulary import TERMINAL_STATES

_FOLDS = (("Å", "å"), ("Ä", "ä"), ("Ö", "ö"), ("É", "é"), ("Ü", "ü"))
_FROM = (
    "SELECT i.id, i.title, i.state, i.created_at, l.id AS location_id, l.name AS location_name,"
    " p.name AS parent_name, ic.inventory_number,"
    " (SELECT c.text FROM code c WHERE c.item = i.id AND c.status = 'linked' AND c.municipality = i.municipality"
    " LIMIT 1) AS code FROM item i"
    " LEFT JOIN location l ON l.id = i.location AND l.municipality = i.municipality"
    " LEFT JOIN location p ON p.id = l.parent AND p.municipality = i.municipality"
    " LEFT JOIN item_card ic ON ic.item = i.id AND ic.municipality = i.municipality"
)


class RegisterSearchRepository:
    def __init__(self, municipality_id: UUID) -> None:
        self.municipality_id = municipality_id

    async def items(self, words: list[str], limit: int, offset: int) -> list[Row]:
        """Items still in the municipality's hands, newest first, with place, inventory number and label in use."""
        where, values = _matching(words)
        gone = ", ".join(f"'{state}'" for state in sorted(TERMINAL_STATES))
        return await Item.raw(
            f"{_FROM} WHERE i.municipality = {{}} AND i.state NOT IN ({gone}){where}"
            " ORDER BY i.created_at DESC, i.id LIMIT {} OFFSET {}",
            self.municipality_id, *values, limit, offset)

    async def unlabelled(self, words: list[str], limit: int, offset: int, location: UUID | None = None) -> list[Row]:
        """Newest items with no label in use (what a fresh label is stuck on); only those at `location` when given."""
        where, values = _matching(words)
        if location is not None:
            where, values = where + " AND i.location = {}", [*values, location]
        return await Item.raw(
            f"{_FROM} WHERE i.municipality = {{}} AND i.id NOT IN (SELECT c.item FROM code c WHERE"
            f" c.status = 'linked' AND c.item IS NOT NULL AND c.municipality = {{}}){where}"
            " ORDER BY i.created_at DESC, i.id LIMIT {} OFFSET {}",
            self.municipality_id, self.municipality_id, *values, limit, offset)


def _matching(words: list[str]) -> tuple[str, list[str]]:
    """The WHERE clause (and its values) that wants every word in the title, the inventory number or a place."""
    columns = ("i.title", "ic.inventory_number", "l.name", "p.name")
    matches, values = [], []
    for word in words:
        pattern = "%" + word.lower().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%"
        matches.append(" OR ".join(f"{_folded(c)} LIKE {{}} ESCAPE '!'" for c in columns))
        values += [pattern] * len(columns)
    return "".join(f" AND ({m})" for m in matches), values


def _folded(column: str) -> str:
    """The column in lower case on both databases, Swedish letters included."""
    for upper, lower in _FOLDS:
        column = f"replace({column}, '{upper}', '{lower}')"
    return f"lower({column})"
