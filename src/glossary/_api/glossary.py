"""The ``Glossary``: a set of entries, compiled lazily, with explain, lookup and search.

A ``Glossary`` pickles as its entries and its allow-list: ahocorasick-rs automata do not
pickle, so the compiled form is dropped and rebuilt on first use in the receiving process.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from glossary._api.explanation import Explanation
from glossary._api.pipeline import explain_text
from glossary._api.typed import Typed
from glossary._compile.compiled import Compiled
from glossary._load.allow import NOTHING, Allowed
from glossary._model.entries import Entry
from glossary._normalise.normalise import normalise_term

if TYPE_CHECKING:
    from glossary._api.search import SearchHit

_MAX_QUERY = 200
_NOT_A_PATH = (
    "Glossary.from_paths takes each path as an argument (a str or Path), got {}; "
    "for a list of paths, write Glossary.from_paths(*paths)"
)


class Glossary:
    """A set of entries compiled for matching.

    >>> g = Glossary.default()
    >>> [e.term for e in g.lookup("雙區驅動")]
    ['双区驱动']
    """

    def __init__(self, entries: Sequence[Entry], *, allowed: Allowed = NOTHING) -> None:
        self.entries = tuple(entries)
        #: Words that look like jargon and are not: never reported as unexplained.
        self.allowed = allowed
        self._compiled: Compiled | None = None
        self._typed_index: Typed | None = None
        self._by_id = {e.id: e for e in self.entries}

    @classmethod
    def default(cls) -> Glossary:
        """The bundled glossary, loaded (from the compiled cache) and built once per process."""
        return _default()

    @classmethod
    def from_paths(cls, *paths: str | Path, bundled: bool = True) -> Glossary:
        """A glossary of a user's own files, on top of the bundled one or instead of it.

        Each path is an argument of its own (``from_paths("team/", "extra.yaml")``; for a
        list, ``from_paths(*paths)``). Entries in later files replace bundled entries with
        the same id. Raises ``DataError`` listing every problem when a file is invalid,
        ``TypeError`` naming the mistake when a path is not a ``str`` or ``Path``.

        >>> len(Glossary.from_paths(bundled=False))  # no paths, no bundled glossary
        0
        >>> len(Glossary.from_paths()) == len(Glossary.default())
        True
        >>> Glossary.from_paths(["team/"])  # doctest: +ELLIPSIS
        Traceback (most recent call last):
        TypeError: Glossary.from_paths takes each path as an argument (a str or Path), got list; ...
        """
        from glossary._load.cache import load_cached
        from glossary._load.paths import bundled_terms_dir

        # load_cached expands directories itself (glossary._load.files, no yaml): a warm start
        # must not import _loader, which costs yaml and pydantic.
        for path in paths:
            if not isinstance(path, str | Path):
                raise TypeError(_NOT_A_PATH.format(type(path).__name__))
        layers: list[list[str | Path]] = [[bundled_terms_dir()]] if bundled else []
        if paths:
            layers.append([Path(p) for p in paths])
        return cls(load_cached(layers), allowed=_bundled_allowed() if bundled else NOTHING)

    @property
    def compiled(self) -> Compiled:
        """The automaton and its tables, built on first use."""
        if self._compiled is None:
            self._compiled = Compiled.build(self.entries)
        return self._compiled

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        """What the glossary holds, in a line: ``Glossary(1384 entries)``.

        >>> Glossary([])
        Glossary(0 entries)
        """
        count = len(self.entries)
        return f"Glossary({count} {'entry' if count == 1 else 'entries'})"

    def __iter__(self) -> Iterator[Entry]:
        return iter(self.entries)

    def get(self, entry_id: str) -> Entry | None:
        """The entry with this id, if any.

        >>> Glossary.default().get("no-such-id") is None
        True
        """
        return self._by_id.get(entry_id)

    def explain(self, text: str, *, region: str | None = None) -> Explanation:
        """Find every term of this glossary in ``text``; see ``glossary.explain``.

        >>> [a.entry.term for a in Glossary.default().explain("落实“六稳”“六保”工作")]
        ['六稳六保']
        """
        return explain_text(self.compiled, text, region, self.allowed)

    def lookup(self, term: str) -> tuple[Entry, ...]:
        """Entries whose term or variant equals ``term`` after normalisation, or whose id it is.

        >>> [e.id for e in Glossary.default().lookup("“双区”驱动")]
        ['shuang-qu-qu-dong']
        """
        term = term[:_MAX_QUERY]
        found = self.compiled.claimants(normalise_term(term))
        by_id = self._by_id.get(term.strip())
        if found:
            return found
        if by_id is not None:
            return (by_id,)
        # As people type: 二十加八, a quoted part (双区), pinyin (sqqd, shuangququdong).
        return self._typed().lookup(term, self.compiled.claimants)

    def search(self, query: str, limit: int = 10) -> tuple[SearchHit, ...]:
        """Fuzzy search over terms, variants, expansions, definitions and English glosses.

        >>> "双区驱动" in [h.entry.term for h in Glossary.default().search("双区", limit=3)]
        True
        """
        from glossary._api.search import rank

        query = query[:_MAX_QUERY]
        hits = {h.entry.id: h for h in rank(self.entries, query, limit)}
        for hit in self._typed().pinyin_hits(query):  # shuangqu, sqqd
            if hit.entry.id not in hits or hits[hit.entry.id].score < hit.score:
                hits[hit.entry.id] = hit
        ranked = sorted(hits.values(), key=lambda h: (-h.score, len(h.entry.term), h.entry.id))
        return tuple(ranked[:limit])

    def _typed(self) -> Typed:
        """The entries by the other ways people type them, built on first use."""
        if self._typed_index is None:
            self._typed_index = Typed(self.entries)
        return self._typed_index

    def __getstate__(self) -> dict[str, Any]:
        return {"entries": self.entries, "allowed": self.allowed}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["entries"], allowed=state.get("allowed", NOTHING))  # type: ignore[misc]


@cache
def _default() -> Glossary:
    return Glossary.from_paths()


@cache
def _bundled_allowed() -> Allowed:
    """The bundled allow-list (``terms/allow.txt``), read once per process."""
    from glossary._load.paths import bundled_allow_list

    return Allowed.load([bundled_allow_list()])


def explain(
    text: str, *, region: str | None = None, glossary: Glossary | None = None
) -> Explanation:
    """Find every glossary term in ``text`` and say what it means there.

    Spans are offsets into ``text`` itself, whatever normalisation found them.

    >>> e = explain("抢抓“雙區”驅動等重大歷史機遇")
    >>> [(a.start, a.end, a.text, a.entry.term) for a in e]
    [(2, 8, '“雙區”驅動', '双区驱动')]
    """
    return (glossary or Glossary.default()).explain(text, region=region)


def lookup(term: str, *, glossary: Glossary | None = None) -> tuple[Entry, ...]:
    """Entries whose term or a variant equals ``term`` after normalisation, or whose id it is.

    >>> [e.term for e in lookup("１＋１＋１０＋Ｎ")]
    ['1+1+10+N']
    """
    return (glossary or Glossary.default()).lookup(term)


def search(
    query: str, limit: int = 10, *, glossary: Glossary | None = None
) -> tuple[SearchHit, ...]:
    """Fuzzy search over partial terms, words in definitions and the English gloss.

    >>> any(h.entry.term == "1+1+10+N" for h in search("经济运行调度"))
    True
    """
    return (glossary or Glossary.default()).search(query, limit)
