"""Fuzzy search: rank entries for a partial term, a word of a definition or an English gloss.

Scores are coarse tiers plus a small overlap bonus, so that an exact term always beats a
term that merely contains the query, which beats a hit in a definition. Linear in the
number of entries: fine for an interactive query even at 100k entries.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from glossary._model.entries import Entry
from glossary._normalise.keys import term_key
from glossary._normalise.normalise import normalise_term


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One result of ``search()``: an entry and how well it matched (higher is better)."""

    entry: Entry
    score: float
    field: str  # what matched: "term", "variant", "expansion", "definition" or "gloss"


def _overlap(query: str, key: str) -> float:
    """Share of the query's characters that occur in key, 0..1."""
    chars = set(query)
    return len(chars & set(key)) / len(chars) if chars else 0.0


def score(entry: Entry, query: str, raw: str = "") -> tuple[float, str]:
    """How well one entry matches a query (normalised, and ``raw`` as typed), and where.

    >>> from glossary import Glossary
    >>> score(Glossary.default().get("shuang-qu-qu-dong"), "双区驱动")
    (100.0, 'term')
    """
    best, where = 0.0, ""
    for field, key in [("term", term_key(entry.term))] + [
        ("variant", term_key(v)) for v in entry.variants
    ]:
        if query == key:
            tier = 100.0
        elif key.startswith(query):
            tier = 80.0 + 10 * len(query) / len(key)
        elif query in key:
            tier = 60.0 + 10 * len(query) / len(key)
        elif key in query and not (key.isascii() and len(key) < 3):
            # Letters fold to small ones, so a two-letter key (it) lies in many English
            # words and phrases typed as queries: it counts only as the whole query.
            tier = 50.0 + 10 * len(key) / len(query)
        else:
            tier = 20.0 * _overlap(query, key) if _overlap(query, key) >= 0.6 else 0.0
        if tier > best:
            best, where = tier, field
    if best < 40:
        folded = raw.casefold()
        for sense in entry.senses:
            for field, text, tier in (
                ("expansion", sense.expansion, 40.0),
                ("definition", sense.definition, 30.0),
                ("gloss", sense.gloss.casefold(), 30.0),
            ):
                if tier > best and (query in text or (folded and folded in text)):
                    best, where = tier, field
    return best, where


def rank(entries: Sequence[Entry], query: str, limit: int) -> tuple[SearchHit, ...]:
    """The best ``limit`` entries for ``query``, best first; ties by shorter term, then id."""

    normal = normalise_term(query)
    if not normal or limit <= 0:
        return ()
    scored = [(score(e, normal, query), e) for e in entries]
    hits = sorted(
        ((s, f, e) for (s, f), e in scored if s > 0), key=lambda h: (-h[0], len(h[2].term), h[2].id)
    )
    return tuple(SearchHit(e, s, f) for s, f, e in hits[:limit])
