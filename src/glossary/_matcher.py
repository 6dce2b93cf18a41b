"""The Aho-Corasick automaton: the one place that knows about ahocorasick-rs.

Patterns are normalised surfaces; the automaton runs leftmost-longest (the default,
``Standard``, would report ``双区`` inside ``双区驱动``). A match whose first or last
character is an ASCII letter, digit or ``+`` must not touch another such character, so
``1+10+N`` is not found inside ``1+1+10+N`` nor ``IT`` inside ``ITEM``.

The automaton runs over bytes, not over the text's UTF-8: every character the patterns
use gets a two-byte symbol (a lead byte from 0x80, a trail byte below 0x80), and every
other character one shared symbol, since it can never be part of a match: two zero
bytes, which begin no pattern, so the automaton stays at its root over them. The lead
byte carries the fast-varying part of the character's index in the patterns' sorted
alphabet, so that the state after a lead byte has few trail bytes to choose from. The
haystack is then two bytes a character instead of three, a byte offset halved is a character
offset (ahocorasick-rs would map UTF-8 offsets back with 8 bytes of memory per byte),
and no match can start inside a symbol, because only lead bytes start a pattern. A
glossary of more than 16,383 distinct characters is matched over its UTF-8 instead.

Automata do not pickle, so a ``Matcher`` drops its automaton when pickled and builds it
again on first use.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Any

import ahocorasick_rs

if TYPE_CHECKING:
    from glossary._normalise import Column, Normalised

Match = tuple[int, int, int]  # (pattern index, start, end) in the normalised text

#: Up to this many patterns the DFA is 1.5-2x faster; beyond it, its build time and
#: memory grow too fast (2.7 s and 410 MB at 100k patterns), so the NFA takes over.
DFA_LIMIT = 2_000
#: Symbols 0x8000 + (i % 128) * 256 + i // 128: lead bytes 0x80-0xFF, trail bytes below.
#: The low bits lead: the automaton's states below a lead byte are sparse and scanned,
#: and with the high bits first each could have 128 children, not a handful. Measured at
#: 100k terms: 9.0-9.8 ms against 10.3-11.1 ms per MB of Simplified text; at 10k terms
#: 3.4 against 4.7 ms.
SYMBOLS = 128 * 128 - 1
_FIRST = 0x8000
#: Characters no pattern uses. Not a lead byte: with 0x80 0x00, every such character took
#: the automaton one step down the 0x80 branch and back, 12% of its time at 100k terms.
_OTHER = 0x0000

_GLUE = re.compile("[0-9A-Za-z+]")


_SURROGATE = re.compile("[\ud800-\udfff]")


def _valid_utf8(text: str) -> str:
    """``text`` with lone surrogates replaced, one for one: the UTF-8 automaton needs UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


class _Symbols(dict[int, int]):
    """Code point -> symbol for ``str.translate``; characters no pattern uses share one."""

    def __missing__(self, code: int) -> int:
        if len(self) < 1 << 16:  # remember it (within reason): translate then stays in C
            self[code] = _OTHER
        return _OTHER


class Matcher:
    """Find non-overlapping, boundary-respecting occurrences of patterns in a text.

    >>> m = Matcher(["1+10+N", "1+1+10+N", "IT", "IT部"], silent=[3])
    >>> m.find("建立1+1+10+N机制，ITEM与IT，IT部")
    [(1, 2, 10), (2, 18, 20)]
    """

    symbols_limit = SYMBOLS  # a class attribute, so that a test can force the UTF-8 path

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
        alphabet = sorted(set().union(*self.patterns))
        self._alphabet: dict[int, int] | None = None  # code point -> symbol, None: UTF-8
        if len(alphabet) <= self.symbols_limit:
            self._alphabet = {
                ord(c): _FIRST + ((i & 0x7F) << 8) + (i >> 7) for i, c in enumerate(alphabet, 1)
            }
        self._symbols = _Symbols(self._alphabet or {})
        # Whether every match is the text as given. The UTF-8 automaton sees lone
        # surrogates as U+FFFD, so a pattern holding U+FFFD could match one.
        self.verbatim = self._alphabet is not None
        self._automaton: Any = None
        self._arrays: Any = None  # (encoding table, check bits) for long texts, built once

    def _compiled(self) -> Any:
        if self._automaton is None:
            implementation = (
                ahocorasick_rs.Implementation.DFA if len(self.patterns) <= DFA_LIMIT else None
            )
            kind = ahocorasick_rs.MatchKind.LeftmostLongest
            if self._alphabet is None:
                self._automaton = ahocorasick_rs.AhoCorasick(
                    self.patterns or ["\x00"], matchkind=kind, implementation=implementation
                )
            else:
                self._automaton = ahocorasick_rs.BytesAhoCorasick(
                    [self._encode(p) for p in self.patterns] or [b"\x00"],
                    matchkind=kind,
                    implementation=implementation,
                )
        return self._automaton

    def _encode(self, text: str) -> bytes:
        """The haystack of a short text: its symbols, two bytes each."""
        return text.translate(self._symbols).encode("utf-16-be", "surrogatepass")

    def find(self, text: str) -> list[Match]:
        """Return (pattern index, start, end) for each accepted match, in text order."""
        if not self.patterns:
            return []
        automaton = self._compiled()
        if self._alphabet is None:
            found: list[Match] = automaton.find_matches_as_indexes(_valid_utf8(text))
        else:
            found = automaton.find_matches_as_indexes(self._encode(text))
            found = [(i, s >> 1, e >> 1) for i, s, e in found]  # two bytes a character
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

    def find_normalised(self, normal: Normalised) -> tuple[Column, Column, Column]:
        """(patterns, starts, ends) of the accepted matches in a normalised text.

        Long texts (those normalised with code points) are encoded and filtered with numpy
        and give arrays; short ones go through ``find`` and give tuples.
        """
        codes = normal.normal_codes
        if codes is None or not self.patterns:
            found = self.find(normal.text)
            if not found:
                return (), (), ()
            keys, starts, ends = zip(*found, strict=True)
            return keys, starts, ends
        from glossary._arrays import (
            LEFT,
            RIGHT,
            SILENT,
            accepted,
            check_table,
            encode,
            encoding_table,
        )

        if self._arrays is None:
            checks = [
                SILENT * (i in self.silent) + LEFT * (i in self._left) + RIGHT * (i in self._right)
                for i in range(len(self.patterns))
            ]
            table = None if self._alphabet is None else encoding_table(self._alphabet, _OTHER)
            self._arrays = (table, check_table(checks))
        table, checks = self._arrays
        automaton = self._compiled()
        if table is None:
            found = automaton.find_matches_as_indexes(_valid_utf8(normal.text))
            return accepted(found, 1, codes, checks)
        return accepted(automaton.find_matches_as_indexes(encode(codes, table)), 2, codes, checks)

    def __getstate__(self) -> dict[str, Any]:
        return {"patterns": self.patterns, "silent": self.silent}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["patterns"], state["silent"])  # type: ignore[misc]
