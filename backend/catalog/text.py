"""Swedish words for search: tokenise, drop stop words, stem with Snowball's Swedish stemmer.

Both databases index and query the stems made here (SQLite's FTS5 has no Swedish stemmer, and
PostgreSQL's `swedish` configuration cannot be taught the fix below), so "stolar" finds "stol"
and "projektorer" finds "projektor" on both, by one piece of code.
"""

from __future__ import annotations

import re
from functools import lru_cache

import snowballstemmer

_WORD = re.compile(r"[^\W_]+", re.UNICODE)
_stemmer = snowballstemmer.stemmer("swedish")

# Snowball's Swedish stop-word list (the one PostgreSQL's swedish.stop ships).
STOP_WORDS = frozenset((
    "och", "det", "att", "i", "en", "jag", "hon", "som", "han", "på", "den", "med", "var", "sig", "för", "så", "till",
    "är", "men", "ett", "om", "hade", "de", "av", "icke", "mig", "du", "henne", "då", "sin", "nu", "har", "inte",
    "hans", "honom", "skulle", "hennes", "där", "min", "man", "ej", "vid", "kunde", "något", "från", "ut", "när",
    "efter", "upp", "vi", "dem", "vara", "vad", "över", "än", "dig", "kan", "sina", "här", "ha", "mot", "alla",
    "under", "någon", "eller", "allt", "mycket", "sedan", "ju", "denna", "själv", "detta", "åt", "utan", "varit",
    "hur", "ingen", "mitt", "ni", "bli", "blev", "oss", "din", "dessa", "några", "deras", "blir", "mina", "samma",
    "vilken", "er", "sådan", "vår", "blivit", "dess", "inom", "mellan", "sådant", "varför", "varje", "vilka", "ditt",
    "vem", "vilket", "sitta", "sådana", "vart", "dina", "vars", "vårt", "våra", "ert", "era", "vilkas",
))


# Heads of Swedish compounds people search for on their own: "stol" should find "kontorsstol",
# "hyllor" should find "bokhylla". Neither FTS5 nor PostgreSQL splits compounds, so the index
# gets the head as an extra word. Only things listed in Delbar; a short list, kept by hand.
COMPOUND_HEADS = ("stol", "bord", "hylla", "skåp", "soffa", "lampa", "bänk", "skärm", "dator", "fåtölj", "pall",
                  "byrå", "vagn", "maskin", "tält", "matta", "säng", "skrivare", "låda", "tavla", "kanna", "högtalare")
_MIN_LEFT = 3  # letters before the head: "skrivbord" splits, "ombord" is too short to


_MIN_DEFINITE_OR = 6  # "datorn", "motorn" are definite forms; "torn", "korn" are words of their own


@lru_cache(maxsize=20_000)
def stem(word: str) -> str:
    """Snowball's stem, made the same for every form of a noun in -or.

    Snowball strips "-or" from "projektor" ("projek") but only "-er" from "projektorer"
    ("projektor"), and leaves "projektorn" whole, so the three forms never met. A stem that still
    ends in "-or", or a definite "-orn", is stemmed once more: all three become "projek".
    """
    stemmed = _stemmer.stemWord(word)
    if stemmed.endswith("orn") and len(stemmed) >= _MIN_DEFINITE_OR:
        stemmed = stemmed[:-1]
    if stemmed.endswith("or"):
        stemmed = _stemmer.stemWord(stemmed)
    return stemmed


def words(text: str) -> list[str]:
    """Lower-cased words of the text, stop words removed, in order."""
    return [w for w in _WORD.findall(text.lower()) if w not in STOP_WORDS]


@lru_cache(maxsize=20_000)
def compound_head(word: str) -> str | None:
    """The head of a compound word ("kontorsstolar" → "stol"), or None."""
    stemmed = stem(word)
    for head in COMPOUND_HEADS:
        head_stem = stem(head)
        if stemmed.endswith(head_stem) and len(stemmed) - len(head_stem) >= _MIN_LEFT:
            return head
    return None


def with_heads(found: list[str]) -> list[str]:
    """The words, then the heads of the compounds among them (for the index, not for queries)."""
    return found + [head for word in found if (head := compound_head(word))]


def stems(text: str) -> list[str]:
    """The stems that index and query use (duplicates kept: repetition weighs in the ranking)."""
    return [stem(w) for w in words(text)]


def fts_query(text: str) -> str | None:
    """An FTS5 MATCH expression requiring every stem (quoted, so no FTS syntax leaks in)."""
    terms = list(dict.fromkeys(stems(text)))[:12]
    if not terms:
        return None
    return " AND ".join(f'"{term}"' for term in terms)
