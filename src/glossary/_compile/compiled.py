"""Compile a glossary: every surface normalised into one automaton, and the tables behind it.

``Compiled.build`` runs once per glossary. The facts of each key (which entries and
senses it could mean, and its reading when it has only one) are worked out on first use.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import NamedTuple

from glossary._compile.automaton import Matcher
from glossary._model.annotation import Reading
from glossary._model.entries import Entry, Sense
from glossary._model.gazetteer import PLACES
from glossary._model.regions import cue
from glossary._normalise.normalise import normalise_term

#: The reason given when a key has nothing to choose between.
ONLY = "only sense"


class KeyFacts(NamedTuple):
    """What one key means, whatever the text: worked out the first time a text matches it."""

    fixed: Reading | None  # its reading when it has one candidate, else None
    choices: tuple[tuple[Entry, Sense], ...]  # every (entry, sense) it could mean
    regions: frozenset[str]  # the regions of those senses below national level


class _Facts(dict[int, KeyFacts]):
    """Key -> ``KeyFacts``, filled on first use.

    A text matches a few hundred keys of a 100k-term glossary: working out all of them at
    build time took 0.3 s and kept 100,000 readings for the garbage collector to visit on
    every full collection. It holds the glossary's tables, not the ``Compiled`` that owns
    it, so that the two make no reference cycle. Two threads filling one key make equal
    facts, and ``setdefault`` keeps the first.
    """

    __slots__ = ("_claims", "_entries")

    def __init__(self, entries: tuple[Entry, ...], claims: tuple[tuple[int, ...], ...]) -> None:
        super().__init__()
        self._entries, self._claims = entries, claims

    def __missing__(self, key: int) -> KeyFacts:
        entries = (self._entries[i] for i in self._claims[key])
        choices = tuple((e, s) for e in entries for s in e.senses)  # in data order
        fixed = Reading(*choices[0], (), ONLY) if len(choices) == 1 else None
        regions = frozenset(
            s.scope.region
            for _, s in choices
            if s.scope is not None and s.scope.level != "national"
        )
        return self.setdefault(key, KeyFacts(fixed, choices, regions))


@dataclass(frozen=True, slots=True)
class Compiled:
    """The automaton and the tables behind it; built once per glossary."""

    entries: tuple[Entry, ...]
    keys: tuple[str, ...]
    claims: tuple[tuple[int, ...], ...]  # entry indexes per key; () marks an exclusion
    matcher: Matcher = field(compare=False)
    index: dict[str, int] = field(compare=False, default_factory=dict)  # key -> position
    cues: tuple[str, ...] = field(compare=False, default=())  # counted in one pass
    places: tuple[str, ...] = field(compare=False, default=())  # the gazetteer's and ours
    facts: _Facts = field(init=False, compare=False, repr=False)  # per key, on first use

    def __post_init__(self) -> None:
        object.__setattr__(self, "facts", _Facts(self.entries, self.claims))

    @classmethod
    def build(cls, entries: Sequence[Entry]) -> Compiled:
        """Compile entries: every surface and exclusion context, normalised, is a pattern."""
        claims: dict[str, list[int]] = {}
        for index, entry in enumerate(entries):
            for surface in entry.surfaces:
                key = normalise_term(surface)
                if key and index not in claims.setdefault(key, []):
                    claims[key].append(index)
        for entry in entries:
            for context in entry.exclude:
                claims.setdefault(normalise_term(context), [])
        keys = tuple(claims)
        claimed = tuple(tuple(claims[k]) for k in keys)
        silent = [i for i, claim in enumerate(claimed) if not claim]  # exclusion contexts
        matcher = Matcher(keys, silent)
        positions = {k: i for i, k in enumerate(keys)}
        regions = {s.scope.region for e in entries for s in e.senses if s.scope is not None}
        places = tuple(dict.fromkeys([*PLACES, *sorted(regions)]))
        names = {cue(place) for place in places}
        cues = tuple(sorted(n for n in names if n and not _overlaps_itself(n)))
        return cls(tuple(entries), keys, claimed, matcher, positions, cues, places)

    def claimants(self, key: str) -> tuple[Entry, ...]:
        """The entries that claim a normalised surface (none for an exclusion)."""
        position = self.index.get(key)
        return () if position is None else tuple(self.entries[i] for i in self.claims[position])


def _overlaps_itself(name: str) -> bool:
    """Whether two occurrences of ``name`` can overlap (a proper prefix is also a suffix)."""
    return any(name[:k] == name[-k:] for k in range(1, len(name)))
