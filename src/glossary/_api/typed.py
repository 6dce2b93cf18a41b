"""Lookup as people type: a formula in words, pinyin in full or by initials, a quoted part.

``Glossary.lookup`` asks here when a term matches no surface: 二十加八 finds 20+8, sqqd
and shuangququdong find 双区驱动, and 理解中国, the quoted part of “理解中国”课程,
finds that entry. ``Glossary.search`` adds the pinyin hits to its own. The tables are built
on the first lookup that needs them, the pinyin ones only for an ASCII query.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from glossary._api.search import SearchHit
from glossary._match.jargon import QUOTED
from glossary._model.entries import Entry
from glossary._normalise.normalise import normalise_term
from glossary._normalise.numerals import formula
from glossary._normalise.pinyin import spellings, typed

#: Scores of pinyin hits, beside ``search.score``'s tiers: a whole spelling, a beginning.
_WHOLE, _BEGINNING = 95.0, 75.0
#: Letters a beginning needs: two (sq) begin dozens of terms, and a guess is no answer.
_BEGUN = 3


class Typed:
    """A glossary's entries by the other ways people type them."""

    def __init__(self, entries: Sequence[Entry]) -> None:
        self.entries = entries
        self._parts: dict[str, list[Entry]] | None = None
        self._spelt: list[tuple[str, str, Entry]] | None = None

    def lookup(
        self, query: str, claimants: Callable[[str], tuple[Entry, ...]]
    ) -> tuple[Entry, ...]:
        """Entries ``query`` names in words, by a quoted part, or in pinyin; () for none.

        >>> from glossary import Glossary
        >>> g = Glossary.default()
        >>> [[e.term for e in g.lookup(q)] for q in ("二十加八", "sqqd", "理解中国")]
        [['20+8'], ['双区驱动'], ['“理解中国”课程']]
        """
        spelt = formula(query.strip())
        if spelt is not None and claimants(normalise_term(spelt)):
            return claimants(normalise_term(spelt))
        part = self.parts().get(normalise_term(query), [])
        if part:
            return tuple(part)
        plain = typed(query)
        if not plain or not query.isascii():
            return ()
        return tuple(e for full, initials, e in self.spelt() if plain in (full, initials))

    def pinyin_hits(self, query: str) -> list[SearchHit]:
        """Entries whose pinyin is, or begins with, an ASCII query: for ``search``."""
        plain = typed(query)
        if len(plain) < 2 or not query.isascii():
            return []
        hits = []
        for full, initials, entry in self.spelt():
            if plain in (full, initials):
                hits.append(SearchHit(entry, _WHOLE, "pinyin"))
            elif len(plain) >= _BEGUN and (full.startswith(plain) or initials.startswith(plain)):
                share = len(plain) / len(full if full.startswith(plain) else initials)
                hits.append(SearchHit(entry, _BEGINNING + 10 * share, "pinyin"))
        return hits

    def parts(self) -> dict[str, list[Entry]]:
        """The quoted parts of terms and variants (双区 of “双区”驱动), normalised."""
        if self._parts is None:
            parts: dict[str, list[Entry]] = {}
            for entry in self.entries:
                for surface in entry.surfaces:
                    for quoted in QUOTED.finditer(surface):
                        inner = next(g for g in quoted.groups() if g is not None)
                        key = normalise_term(inner)
                        if key and key != normalise_term(surface):
                            found = parts.setdefault(key, [])
                            if entry not in found:
                                found.append(entry)
            self._parts = parts
        return self._parts

    def spelt(self) -> list[tuple[str, str, Entry]]:
        """(full pinyin, initials, entry) of every entry whose term has Han characters."""
        if self._spelt is None:
            spelt = [(*spellings(e.term), e) for e in self.entries]
            self._spelt = [(full, initials, e) for full, initials, e in spelt if full]
        return self._spelt
