"""The Aho-Corasick automaton: the one place that knows about ahocorasick-rs.

Patterns are normalised surfaces; the automaton runs leftmost-longest (the default,
``Standard``, would report ``双区`` inside ``双区驱动``). A match whose first or last
character is an ASCII letter, digit or ``+`` must not touch another such character, so
``1+10+N`` is not found inside ``1+1+10+N`` nor ``IT`` inside ``ITEM``.

Automata do not pickle, so a ``Matcher`` drops its automaton when pickled and builds it
again on first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Any

import ahocorasick_rs

from glossary._normalise import PIECE, pieces

#: Up to this many patterns the DFA is 1.5-2x faster; beyond it, its build time and
#: memory grow too fast (2.7 s and 410 MB at 100k patterns), so the NFA takes over.
DFA_LIMIT = 2_000

_GLUE = re.compile("[0-9A-Za-z+]")


class Matcher:
    """Find non-overlapping, boundary-respecting occurrences of patterns in a text.

    >>> m = Matcher(["1+10+N", "1+1+10+N", "IT", "IT部"], silent=[3])
    >>> m.find("建立1+1+10+N机制，ITEM与IT，IT部")
    [(1, 2, 10), (2, 18, 20)]
    """

    def __init__(self, patterns: Sequence[str], silent: Iterable[int] = ()) -> None:
        if not all(patterns):
            raise ValueError("empty pattern")
        self.patterns = tuple(patterns)
        # Patterns that take part in matching but are never reported: an exclusion context
        # swallows the term inside it (leftmost-longest), then disappears.
        self.silent = frozenset(silent)
        # Which patterns need a boundary check at their left and right ends.
        self._left = frozenset(i for i, p in enumerate(self.patterns) if _GLUE.match(p[0]))
        self._right = frozenset(i for i, p in enumerate(self.patterns) if _GLUE.match(p[-1]))
        self._checked = self._left | self._right
        self._automaton: Any = None
        # Texts are searched in pieces cut at line breaks, unless a pattern holds one.
        self._spans_lines = any("\n" in p for p in self.patterns)

    def _compiled(self) -> Any:
        if self._automaton is None:
            implementation = (
                ahocorasick_rs.Implementation.DFA if len(self.patterns) <= DFA_LIMIT else None
            )
            self._automaton = ahocorasick_rs.AhoCorasick(
                self.patterns or ["\x00"],
                matchkind=ahocorasick_rs.MatchKind.LeftmostLongest,
                implementation=implementation,
            )
        return self._automaton

    def find(self, text: str) -> list[tuple[int, int, int]]:
        """Return (pattern index, start, end) for each accepted match, in text order."""
        if not self.patterns:
            return []
        automaton = self._compiled()
        if len(text) <= PIECE or self._spans_lines:
            found: list[tuple[int, int, int]] = automaton.find_matches_as_indexes(text)
        else:  # ahocorasick-rs keeps 8 bytes per byte of haystack while it maps offsets
            found = []
            for offset, piece in pieces(text):
                matches = automaton.find_matches_as_indexes(piece)
                found += [(i, s + offset, e + offset) for i, s, e in matches] if offset else matches
        left, right, glue, checked, silent = (
            self._left,
            self._right,
            _GLUE.match,
            self._checked,
            self.silent,
        )
        if not (checked or silent):
            return found
        return [
            (i, s, e)
            for i, s, e in found
            if i not in silent
            and (
                i not in checked
                or (
                    not (i in left and s > 0 and glue(text, s - 1))
                    and not (i in right and glue(text, e))
                )
            )
        ]

    def __getstate__(self) -> dict[str, Any]:
        return {"patterns": self.patterns, "silent": self.silent}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["patterns"], state["silent"])  # type: ignore[misc]
