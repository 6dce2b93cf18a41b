"""The Aho-Corasick automaton: the one place that knows about ahocorasick-rs.

Patterns are normalised surfaces; the automaton runs leftmost-longest (the default,
``Standard``, would report ``双区`` inside ``双区驱动``). A match whose first or last
character is an ASCII letter, digit or ``+`` must not touch another such character, so
``1+10+N`` is not found inside ``1+1+10+N`` nor ``IT`` inside ``ITEM``.

The automaton runs over bytes, not over the text's UTF-8: every character the patterns
use gets a symbol, a code point below U+10000 whose UTF-8 form the automaton reads, and
every other character one shared symbol, U+0000, since it can never be part of a match:
one zero byte, which begins no pattern, so the automaton stays at its root over it. The
characters the patterns use most take the 127 one-byte symbols, the next 1,920 the two-byte
ones, the rest three bytes: about 1.4 bytes a character of report text against 3 in its
UTF-8, and the automaton's time follows the bytes it reads. Among symbols of one length the
lead byte varies fastest, so that the state after a lead byte has few bytes to choose from
next. UTF-8 never starts a character inside another, so no match starts inside a symbol,
and a byte offset less the continuation bytes before it is a character offset
(ahocorasick-rs would map the text's own UTF-8 offsets back with 8 bytes of memory per
byte). A glossary of more than 63,487 distinct characters is matched over its UTF-8 instead.

Automata do not pickle, so a ``Matcher`` drops its automaton when pickled and builds it
again on first use.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from typing import Any

import ahocorasick_rs

#: (pattern index, start, end) in the normalised text.
Match = tuple[int, int, int]

#: Up to this many patterns the DFA is 1.5-2x faster; beyond it, its build time and
#: memory grow too fast (2.7 s and 410 MB at 100k patterns), so the NFA takes over.
DFA_LIMIT = 2_000
#: The DFA costs its build (11 ms at 1,500 patterns, against 1.4 ms for the NFA) before it
#: saves anything, which a short text never repays: the pre-commit hook checks a draft of
#: a few kilobytes in a process of its own. So a matcher starts with the NFA and builds
#: the DFA on the first long text (the texts that go through numpy).
#: Code points with one-, two- and three-byte UTF-8 forms (less the surrogates) that can
#: serve as symbols. Reading 1.4 bytes a character against 2 for the two-byte symbols used
#: before took the automaton, timed alone, from 9.3 to 6.9 ms per MB of Simplified text at
#: 100k terms and from 4.9 to 3.5 ms at 10k; within explain, about 1.5 ms at 100k terms.
SYMBOLS = 127 + 1_920 + 61_440
#: Characters no pattern uses: one zero byte, which begins no pattern.
OTHER = 0x0000


def _symbol_points() -> Iterator[int]:
    """The code points that serve as symbols, shortest UTF-8 first, the lead byte fastest.

    >>> from itertools import islice
    >>> [hex(p) for p in islice(_symbol_points(), 126, 130)]
    ['0x7f', '0x80', '0xc0', '0x100']
    """
    yield from range(0x01, 0x80)
    for trail in range(0x40):  # two bytes: lead 0xC2-0xDF, then the trail
        for lead in range(0x02, 0x20):
            yield lead << 6 | trail
    for rest in range(0x1000):  # three bytes: lead 0xE0-0xEF, then the other twelve bits
        for lead in range(0x10):
            point = lead << 12 | rest
            if point >= 0x800 and not 0xD800 <= point < 0xE000:
                yield point


#: Characters a formula's end must not touch: ``1+10+N`` is not found in ``1+1+10+N``.
GLUE = re.compile("[0-9A-Za-z+]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def valid_utf8(text: str) -> str:
    """``text`` with lone surrogates replaced, one for one: the UTF-8 automaton needs UTF-8."""
    return _SURROGATE.sub("\ufffd", text)


class _Symbols(dict[int, int]):
    """Code point -> symbol for ``str.translate``; characters no pattern uses share one."""

    __slots__ = ("_room",)

    def __init__(self, symbols: dict[int, int]) -> None:
        super().__init__(symbols)
        self._room = len(symbols) + (1 << 16)  # room for 65,536 other characters

    def __missing__(self, code: int) -> int:
        if len(self) < self._room:  # remember it (within reason): translate then stays in C
            self[code] = OTHER
        return OTHER


class Matcher:
    """Patterns compiled for matching: the automaton, its alphabet and each pattern's checks.

    The match stage runs it (``_match.short.find`` and its long twin); this class only
    builds what they read.

    >>> m = Matcher(["1+10+N", "1+1+10+N", "IT", "IT部"], silent=[3])
    >>> sorted(m.left), sorted(m.right), sorted(m.silent), m.lengths
    ([0, 1, 2, 3], [0, 1, 2], [3], (6, 8, 2, 3))
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
        self.left = frozenset(i for i, p in enumerate(self.patterns) if GLUE.match(p[0]))
        self.right = frozenset(i for i, p in enumerate(self.patterns) if GLUE.match(p[-1]))
        self.checked = self.left | self.right
        # Most used first, so that the commonest characters take the shortest symbols.
        counts = Counter("".join(self.patterns))
        alphabet = sorted(counts, key=lambda c: (-counts[c], c))
        self.alphabet: dict[int, int] | None = None  # code point -> symbol, None: UTF-8
        if len(alphabet) <= min(self.symbols_limit, SYMBOLS):  # a symbol for each
            self.alphabet = dict(zip(map(ord, alphabet), _symbol_points(), strict=False))
        self.lengths = tuple(map(len, self.patterns))  # in characters
        self._symbols = _Symbols(self.alphabet or {})
        # Whether every match is the text as given. The UTF-8 automaton sees lone
        # surrogates as U+FFFD, so a pattern holding U+FFFD could match one.
        self.verbatim = self.alphabet is not None
        self._automaton: Any = None
        self._fast = False  # whether the automaton is the DFA (or the NFA by size)
        # (encoding table, check bits, pattern lengths) for long texts: built once, by the
        # match stage's long path (numpy), on the first long text.
        self.long_tables: Any = None

    def automaton(self, long: bool = False) -> Any:
        """The automaton: the NFA for short texts, the DFA (when small enough) for long ones."""
        fast = long or len(self.patterns) > DFA_LIMIT  # no DFA to wait for above the limit
        if self._automaton is None or (fast and not self._fast):
            self._fast = fast
            dfa = fast and len(self.patterns) <= DFA_LIMIT
            implementation = ahocorasick_rs.Implementation.DFA if dfa else None
            kind = ahocorasick_rs.MatchKind.LeftmostLongest
            if self.alphabet is None:
                self._automaton = ahocorasick_rs.AhoCorasick(
                    self.patterns or ["\x00"], matchkind=kind, implementation=implementation
                )
            else:
                self._automaton = ahocorasick_rs.BytesAhoCorasick(
                    [self.haystack(p) for p in self.patterns] or [b"\x00"],
                    matchkind=kind,
                    implementation=implementation,
                )
        return self._automaton

    def haystack(self, text: str) -> bytes:
        """The haystack of a short text: the UTF-8 of its symbols."""
        return text.translate(self._symbols).encode()

    def __getstate__(self) -> dict[str, Any]:
        return {"patterns": self.patterns, "silent": self.silent}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__init__(state["patterns"], state["silent"])  # type: ignore[misc]


#: Bytes of text read at a time by ``occurring``.
_PIECE = 1 << 20


def occurring(patterns: Sequence[str], text: str) -> frozenset[int]:
    """The indices of the (non-empty) patterns that occur anywhere in ``text``, in one pass.

    One pass over the text whatever the number of patterns, where ``pattern in text`` for
    each would read the text once per pattern. UTF-8 (lone surrogates passed through)
    keeps every character whole, so a match of bytes is a match of characters. The text
    is read in pieces that overlap by a pattern's length, so that the list of matches
    ahocorasick-rs hands back stays short however often the patterns occur.

    >>> sorted(occurring(["1+6+N", "6+N", "双区", "四个意识"], "坚持1+6+N和双区"))
    [0, 1, 2]
    """
    if not all(patterns):
        raise ValueError("empty pattern")
    encoded = [p.encode("utf-8", "surrogatepass") for p in patterns]
    if not encoded or not text:
        return frozenset()
    automaton = ahocorasick_rs.BytesAhoCorasick(
        encoded, matchkind=ahocorasick_rs.MatchKind.Standard
    )
    haystack = text.encode("utf-8", "surrogatepass")
    overlap = max(map(len, encoded)) - 1
    found: set[int] = set()
    for start in range(0, len(haystack), _PIECE):
        piece = haystack[start : start + _PIECE + overlap]
        found.update(i for i, _, _ in automaton.find_matches_as_indexes(piece, overlapping=True))
    return frozenset(found)
