"""PostgreSQL's search vector carries each listing's reach beside its stems.

Across a national network a common word is in a quarter of a million listings, of which one
employee may see a third and the two facets they chose keep a tenth: the text index handed over
every listing with the word and each was read to be turned away. The vector now also holds, as
lexemes no typed word can make (they hold a colon), who may see the listing and its facets: its
municipality ("m:<id>"), its network-shared form ("w:<id>", published and shared with the network
or wider) and the national tier ("p", published and public), each alone and with its kind and deal
("p/k:furniture/d:lend"), plus its category ("c:<id>") and condition ("q:<value>"). A search asks
for the words together with the viewer's reach, and the index hands over only what the viewer may
see in those facets (search_repository.reach_query). The exact visibility condition still follows:
the reach leaves out only the share day, which it counts as already come.

SQLite keeps its FTS5 table: one municipality's catalogue is small enough for its walk.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder
from piccolo.engine.sqlite import SQLiteEngine

ID = "2026-12-08T10:00:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "PostgreSQL's search vector carries each listing's reach and facets"

_NETWORK = "status = 'published' AND (visibility IN ('network', 'public') OR widen_to IN ('network', 'public'))"
_PUBLIC = "status = 'published' AND (visibility = 'public' OR widen_to = 'public')"


def _with_facets(audience: str, when: str | None = None) -> list[str]:
    """The audience's lexeme alone, with the kind, with the deal, and with both."""
    forms = [audience, f"{audience} || '/k:' || kind", f"{audience} || '/d:' || deal",
             f"{audience} || '/k:' || kind || '/d:' || deal"]
    return [f"CASE WHEN {when} THEN {form} END" if when else form for form in forms]


_REACH = [
    "'c:' || category::text", "'q:' || condition",
    *_with_facets("'m:' || municipality::text"),
    *_with_facets("'w:' || municipality::text", _NETWORK),
    *_with_facets("'p'", _PUBLIC),
]
VECTOR = ("to_tsvector('simple', search_text) || array_to_tsvector(array_remove(ARRAY["
          + ", ".join(_REACH) + "], NULL))")

POSTGRES = (
    "ALTER TABLE listing DROP COLUMN search_vector",
    f"ALTER TABLE listing ADD COLUMN search_vector tsvector GENERATED ALWAYS AS ({VECTOR}) STORED",
    "CREATE INDEX listing_search_vector ON listing USING GIN (search_vector)",
    "ANALYZE listing",
)


async def forwards():
    manager = MigrationManager(migration_id=ID, app_name="catalog", description=DESCRIPTION)

    async def change():
        engine = engine_finder()
        if not isinstance(engine, SQLiteEngine):
            for statement in POSTGRES:
                await engine.run_ddl(statement)

    manager.add_raw(change)
    return manager
