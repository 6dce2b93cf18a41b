"""The long-text path of matching: encode for the automaton, filter matches, group keys (numpy).

``short.py`` is its twin for short texts: property tests hold the two equal. The
automaton itself is built by the compile stage (``_compile.automaton``); this module
only prepares its haystack and reads its output.
"""

from __future__ import annotations

import codecs
from collections.abc import Sequence
from operator import itemgetter
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from glossary._compile.automaton import OTHER, Matcher, valid_utf8
from glossary._normalise.long_arrays import CHUNK, Codes, Ints, as_ints
from glossary._normalise.text import Normalised

if TYPE_CHECKING:
    from glossary._normalise.text import Column


def distinct(keys: Column, size: int) -> tuple[list[int], Ints]:
    """``find._distinct`` for an array: the distinct keys in order, each match's index."""
    values = as_ints(keys)
    found = np.flatnonzero(np.bincount(values, minlength=size))
    index = np.zeros(size, dtype=np.int64)
    index[found] = np.arange(len(found))
    dense: Ints = index[values]
    return found.tolist(), dense


#: The boundary characters of formulas, as a table over ASCII.
_GLUE = np.zeros(128, dtype=np.bool_)
_GLUE[[ord(c) for c in "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz+"]] = True


SILENT, LEFT, RIGHT = 1, 2, 4  # bits of a pattern's checks


def encoding_table(values: dict[int, int], other: int) -> npt.NDArray[np.uint16]:
    """A symbol (a code point below U+10000) for every code point: ``values``, else ``other``."""
    table = np.full(0x110000, other, dtype="<u2")
    table[list(values)] = list(values.values())
    table.flags.writeable = False
    return table


def encode(codes: Codes, table: npt.NDArray[np.uint16]) -> bytearray:
    """The automaton's haystack for a normalised text: the UTF-8 of its symbols."""
    haystack = bytearray()
    # A chunk at a time: the UTF-8 encoder first reserves three bytes a character, which
    # over a whole 10 MB text took peak memory up by 0.7x the input.
    for start in range(0, len(codes), CHUNK):
        symbols = np.take(table, codes[start : start + CHUNK])
        # No symbol is a surrogate, so the UTF-16 of the symbols decodes as it is.
        haystack += codecs.utf_16_le_decode(symbols.data, "strict", True)[0].encode()
    return haystack


def check_table(checks: Sequence[int]) -> npt.NDArray[np.uint8]:
    """Each pattern's check bits as an array, indexed by pattern."""
    return np.array(checks, dtype=np.uint8)


def char_offsets(haystack: bytes | bytearray, at: Ints) -> Ints:
    """Character offsets of ascending byte offsets that each begin a character of UTF-8.

    A byte offset less the continuation bytes (``10xxxxxx``) before it. They are counted a
    chunk at a time, so that no count runs the length of the haystack.

    >>> char_offsets("a区b".encode(), np.array([0, 1, 4])).tolist()
    [0, 1, 2]
    """
    raw = np.frombuffer(haystack, dtype=np.uint8)
    chunks = range(0, len(raw), CHUNK)
    # The matches in each chunk: at[bounds[k]:bounds[k + 1]].
    bounds = np.append(np.searchsorted(at, chunks), len(at))
    mapped, carried = at.copy(), 0
    for k, start in enumerate(chunks):
        counts = np.cumsum((raw[start : start + CHUNK] & 0xC0) == 0x80, dtype=np.int32)
        inside = slice(bounds[k], bounds[k + 1])
        # A character's first byte is no continuation: counting it as well changes nothing.
        mapped[inside] -= counts[at[inside] - start] + carried
        carried += int(counts[-1])
    return mapped


def accepted(
    found: list[tuple[int, int, int]],
    haystack: bytearray | None,
    codes: Codes,
    checks: npt.NDArray[np.uint8],
    lengths: Ints,
) -> tuple[Ints, Ints, Ints]:
    """(pattern, start, end) columns of the matches that pass their checks.

    ``found`` is the automaton's output over ``haystack``, in byte offsets, or over the
    text itself (``None``), in character offsets; a match is dropped when its pattern is
    silent, or when it glues onto a letter, digit or ``+`` at a checked end.
    """
    # Two columns by item, not all three flattened: a match's end is its start plus its
    # pattern's length, and the pair costs 1.0 ms a MB at 100k terms against 1.7.
    keys = np.fromiter(map(itemgetter(0), found), dtype=np.int64, count=len(found))
    starts = np.fromiter(map(itemgetter(1), found), dtype=np.int64, count=len(found))
    if haystack is not None:
        starts = char_offsets(haystack, starts)
    ends = starts + lengths[keys]
    bits = checks[keys]
    if not bits.any():
        return keys, starts, ends
    size = len(codes)
    before = codes[np.maximum(starts - 1, 0)]
    after = codes[np.minimum(ends, size - 1)]
    glued_before = (before < 128) & _GLUE[before & 127] & (starts > 0)
    glued_after = (after < 128) & _GLUE[after & 127] & (ends < size)
    drop = (bits & SILENT) != 0
    drop |= ((bits & LEFT) != 0) & glued_before
    drop |= ((bits & RIGHT) != 0) & glued_after
    keep = ~drop
    return keys[keep], starts[keep], ends[keep]


def find_long(matcher: Matcher, normal: Normalised) -> tuple[Ints, Ints, Ints]:
    """(patterns, starts, ends) of the accepted matches in a long normalised text.

    The twin of ``short.find``: the text is encoded and the matches filtered in numpy.
    """
    codes = normal.normal_codes
    assert codes is not None  # a long text carries its code points
    if matcher.long_tables is None:
        checks = [
            SILENT * (i in matcher.silent)
            + LEFT * (i in matcher.left)
            + RIGHT * (i in matcher.right)
            for i in range(len(matcher.patterns))
        ]
        alphabet = matcher.alphabet
        table = None if alphabet is None else encoding_table(alphabet, OTHER)
        matcher.long_tables = (table, check_table(checks), as_ints(matcher.lengths))
    table, checks, lengths = matcher.long_tables
    automaton = matcher.automaton(long=True)
    if table is None:
        found = automaton.find_matches_as_indexes(valid_utf8(normal.text))
        return accepted(found, None, codes, checks, lengths)
    haystack = encode(codes, table)
    found = automaton.find_matches_as_indexes(haystack)
    return accepted(found, haystack, codes, checks, lengths)
