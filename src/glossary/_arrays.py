"""Vectorised twins of the per-character work, for long texts: the one module that uses numpy.

Texts of ``LARGE`` characters or more are normalised, encoded for the automaton, filtered
at formula boundaries and mapped back to the original over numpy arrays of code points,
never a Python loop per character. Each function here has a plain-Python twin for short
texts (in ``_normalise`` and ``_matcher``); property tests hold every pair equal. numpy
costs 100 ms to import, so this module is only imported once a long text arrives.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable, Sequence
from functools import cache, lru_cache
from operator import itemgetter
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import numpy.typing as npt

from glossary._normalise import (
    _DECORATION,
    _SPACE,
    _TONED,
    Located,
    Normalised,
    _expand_class,
    _t2s,
    pieces,
    t2s_each,
    t2s_tables_current,
)
from glossary._quotes import ALL, PAIRS, SYMMETRIC

if TYPE_CHECKING:
    from glossary._normalise import Column
from glossary._tables import FOLD_FROM, FOLD_TO, T2S_CONTEXT, T2S_PHRASE, T2S_TRIGGERS

Codes = npt.NDArray[np.uint32]
Ints = npt.NDArray[np.int64]
T = TypeVar("T")

# Bits of the per-code-point class table.
_B_FOLD, _B_T2S, _B_DECOR, _B_WHITE = 1, 2, 4, 8
_B_ALNUM, _B_HAN, _B_LETTER, _B_TONE = 16, 32, 64, 128


@cache
def _class_table() -> npt.NDArray[np.uint8]:
    """One byte of class bits for every code point, so one lookup classifies a text."""
    table = np.zeros(0x110000, dtype=np.uint8)
    for bit, chars in (
        (_B_FOLD, FOLD_FROM),
        (_B_T2S, T2S_TRIGGERS),
        (_B_DECOR, _expand_class(_DECORATION)),
        (_B_WHITE, _expand_class(_SPACE)),
        (_B_ALNUM, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
        (_B_LETTER, "abcdefghijklmnopqrstuvwxyzü" + _TONED),
        (_B_TONE, _TONED),
    ):
        table[[ord(c) for c in chars]] |= bit
    for low, high in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x40000)):
        table[low:high] |= _B_HAN
    table.flags.writeable = False  # cached and shared: nobody may change it
    return table


@cache
def _quote_table() -> npt.NDArray[np.bool_]:
    table = np.zeros(0x110000, dtype=np.bool_)
    table[[ord(q) for q in ALL]] = True
    table.flags.writeable = False
    return table


@cache
def _fold_table() -> Codes:
    fold = np.arange(0x110000, dtype=np.uint32)
    fold[[ord(c) for c in FOLD_FROM]] = [ord(c) for c in FOLD_TO]
    fold.flags.writeable = False
    return fold


# Bits of the t2s class table.
_T_PHRASE, _T_CONTEXT = 1, 2


@cache
def _t2s_tables() -> tuple[Codes, npt.NDArray[np.uint8]]:
    """Each code point as t2s converts it on its own, and its phrase and context bits."""
    each = np.arange(0x110000, dtype=np.uint32)
    each[[ord(c) for c in T2S_TRIGGERS]] = [ord(c) for c in t2s_each()]
    each[0xD800:0xE000] = 0xFFFD  # as _t2s does: OpenCC needs valid UTF-8
    each.flags.writeable = False
    classes = np.zeros(0x110000, dtype=np.uint8)
    classes[[ord(c) for c in T2S_PHRASE]] |= _T_PHRASE
    classes[[ord(c) for c in T2S_CONTEXT]] |= _T_CONTEXT
    classes.flags.writeable = False
    return each, classes


def simplify(codes: Codes) -> Codes:
    """OpenCC's t2s over folded code points, with OpenCC only where its phrases could matter.

    OpenCC converts a character by a phrase only within a stretch of ``T2S_PHRASE``
    characters, and a phrase converts a character otherwise than on its own only if it
    is one of ``T2S_CONTEXT`` (see ``_gen_tables.t2s_context``, which also checks what
    this relies on). So every character takes its own conversion from a table, and the
    stretches that hold a context character, a few hundred a megabyte, go to OpenCC
    together: 1.5 ms a megabyte against 10. ``codes`` must be folded already, as OpenCC's
    own normalisation step would otherwise rewrite some characters into phrase ones.

    A text dense with context characters goes to OpenCC whole instead, as the stretches'
    arrays would take more memory than OpenCC does.
    """
    each, classes = _t2s_tables()
    bits = lookup(classes, codes)
    in_context = bits >= _T_CONTEXT
    count = np.count_nonzero(in_context)  # before their positions, which cost 8 bytes each
    if count > len(codes) // _DENSE:
        return _simplify_each_piece(decode(codes))
    converted = lookup(each, codes)
    if not count:
        return converted
    context = np.flatnonzero(in_context)
    del in_context
    phrase = np.bitwise_and(bits, _T_PHRASE, out=bits).view(np.bool_)  # 0 or 1: no copy
    first, end = _stretches(phrase, context)
    del bits, phrase
    if int((end - first).sum()) > len(codes) // 8:
        del converted
        return _simplify_each_piece(decode(codes))
    # The stretches laid end to end, each followed by a line break, which no phrase holds.
    lengths = end - first + 1
    offsets = np.cumsum(lengths) - lengths
    laid = np.repeat(first - offsets, lengths) + np.arange(int(lengths.sum()))
    breaks = offsets + lengths - 1
    laid[breaks] = 0  # may lie past the text; the line break replaces it below
    joined = codes[laid]
    joined[breaks] = 10
    done = _simplify_each_piece(decode(joined))
    inside = np.ones(len(laid), dtype=np.bool_)
    inside[breaks] = False
    converted[laid[inside]] = done[inside]
    return converted


#: Above one context character in this many, ``simplify`` hands the whole text to OpenCC.
_DENSE = 64
#: How far ``_stretches`` looks on each side of a context character for the end of its
#: stretch, and how many context characters it looks around at once.
_REACH = 64
_BATCH = 2048


def _stretches(phrase: npt.NDArray[np.bool_], context: Ints) -> tuple[Ints, Ints]:
    """(first, end) of each distinct stretch of phrase characters that holds ``context``;
    ``end`` is exclusive.

    Stretches are short, so each is looked for within ``_REACH`` characters of its
    context character, a batch at a time: a few megabytes at most, where the runs of
    the whole text take 8 bytes for each of their ends (a million a megabyte). A longer
    stretch falls back to those runs.
    """
    size = len(phrase)
    steps = np.arange(1, _REACH + 1)
    firsts, stops = [], []
    for low in range(0, len(context), _BATCH):
        at = context[low : low + _BATCH, None]
        before, after = at - steps, at + steps
        left = phrase[np.maximum(before, 0)] & (before >= 0)  # still in the stretch
        right = phrase[np.minimum(after, size - 1)] & (after < size)
        if left.all(axis=1).any() or right.all(axis=1).any():
            starts, ends = _runs(phrase)
            stretch = np.unique(np.searchsorted(starts, context, side="right") - 1)
            return starts[stretch], ends[stretch]
        firsts.append(at[:, 0] - np.argmin(left, axis=1))  # the first False: a stretch's end
        stops.append(at[:, 0] + 1 + np.argmin(right, axis=1))
    first, end = np.concatenate(firsts), np.concatenate(stops)
    distinct = np.flatnonzero(np.diff(first, prepend=-1))  # context is sorted: so are these
    return first[distinct], end[distinct]


def _simplify_each_piece(text: str) -> Codes:
    """OpenCC's t2s over the whole text, piece by piece, as code points."""
    return codes_of("".join([_t2s(piece) for _, piece in pieces(text)]))


#: Code points looked up at once by ``lookup``.
_CHUNK = 1 << 16

_Table = TypeVar("_Table", bound=np.generic)


def lookup(table: npt.NDArray[_Table], codes: Codes) -> npt.NDArray[_Table]:
    """``table[codes]``, a third faster: ``np.take``, a chunk of code points at a time.

    ``np.take`` first copies its indices to 8-byte integers; over a whole 10 MB text that
    took peak memory from 6.6x to 9.1x the input, while a chunk costs 512 kB.
    """
    found = np.empty(len(codes), dtype=table.dtype)
    for start in range(0, len(codes), _CHUNK):
        np.take(table, codes[start : start + _CHUNK], out=found[start : start + _CHUNK])
    return found


def codes_of(text: str) -> Codes:
    """The code points of ``text`` as an array (a view of one UTF-32 encoding)."""
    return np.frombuffer(text.encode("utf-32-le", "surrogatepass"), dtype="<u4")


def decode(codes: Codes) -> str:
    """The string of an array of code points."""
    # Straight from the array's buffer: tobytes() would copy 4 bytes per character first.
    return codecs.utf_32_le_decode(codes.data, "surrogatepass", True)[0]


def _runs(mask: npt.NDArray[np.bool_]) -> tuple[Ints, Ints]:
    """(starts, ends) of the runs of True in ``mask``."""
    edges = np.flatnonzero(mask[1:] != mask[:-1]) + 1
    if len(mask) and mask[0]:
        edges = np.concatenate(([0], edges))
    if len(mask) and mask[-1]:
        edges = np.concatenate((edges, [len(mask)]))
    return edges[0::2], edges[1::2]


def _pinyin_spans(codes: Codes, flags: npt.NDArray[np.uint8]) -> tuple[Ints, Ints]:
    """Vectorised ``_PINYIN``: (starts, ends) of parenthesised toned syllables after Han.

    A syllable is a whole run of pinyin letters, 1-7 long, with a tone mark in it, right
    inside parentheses that follow a Han character.
    """
    size = len(codes)
    starts, ends = _runs((flags & _B_LETTER) != 0)
    fits = (starts >= 2) & (ends < size) & (ends - starts <= 7)
    starts, ends = starts[fits], ends[fits]
    opening, closing = codes[starts - 1], codes[ends]
    fits = ((opening == 0x28) | (opening == 0xFF08)) & ((closing == 0x29) | (closing == 0xFF09))
    fits &= (flags[starts - 2] & _B_HAN) != 0
    starts, ends = starts[fits], ends[fits]
    if len(starts):
        tones = np.append(np.flatnonzero((flags & _B_TONE) != 0), size)
        toned = tones[np.searchsorted(tones, starts)] < ends
        starts, ends = starts[toned], ends[toned]
    return starts - 1, ends + 1


def _line_breaks(codes: Codes, at: Ints) -> npt.NDArray[np.uint8]:
    """``_normalise.line_breaks`` of each white space character at ``at``: 1 for ``\\n``,
    a vertical tab or U+2028, 2 for U+2029, else 0."""
    white = codes[at]
    counts: npt.NDArray[np.uint8] = ((white == 10) | (white == 0x0B) | (white == 0x2028)).astype(
        np.uint8
    )
    counts += np.uint8(2) * (white == 0x2029)
    return counts


def normalise_large(text: str) -> Normalised:
    """``normalise`` over UTF-32 code units: one class lookup, then prefix sums and searches."""
    table = _class_table()
    codes = codes_of(text)
    flags = lookup(table, codes)
    folded = bool((flags & _B_FOLD).any())
    if folded:
        codes = lookup(_fold_table(), codes)
        flags = lookup(table, codes)  # a folded １ or Ａ is a digit or letter from here on
    convertible = bool((flags & _B_T2S).any())
    converted = folded or convertible
    if convertible and t2s_tables_current():
        codes = simplify(codes)  # t2s keeps every class bit used below (a test checks)
    elif convertible:  # other t2s dictionaries than those _tables describes
        simplified = decode(codes) if folded else text
        del codes  # free the code points before OpenCC doubles the text again
        codes = _simplify_each_piece(simplified)
        del simplified
    delete = (flags & _B_DECOR) != 0
    size = len(codes)
    starts, ends = _runs(delete)
    # Which runs hold two line breaks (a blank line): every line break is white space and
    # decoration, so it lies in a run; one binary search per line break finds which.
    spaces = np.flatnonzero((flags & _B_WHITE) != 0)
    counts = _line_breaks(codes, spaces)
    breaking = np.flatnonzero(counts)
    run = np.searchsorted(starts, spaces[breaking], side="right") - 1
    blank = np.bincount(run, counts[breaking], minlength=len(starts)) >= 2
    del counts, breaking, run  # the peak of normalising is still to come
    # Which hold white space between two letters or digits: one search per candidate,
    # with a sentinel at the end that stands for "no white space left".
    candidates = np.flatnonzero((starts > 0) & (ends < size) & ~blank)
    alnum = flags & _B_ALNUM
    candidates = candidates[(alnum[starts[candidates] - 1] & alnum[ends[candidates]]) != 0]
    gap = np.zeros(len(starts), dtype=np.bool_)
    if len(candidates):
        spaces = np.append(spaces, size)
        gap[candidates] = spaces[np.searchsorted(spaces, starts[candidates])] < ends[candidates]
    del spaces
    pinyin_starts, pinyin_ends = _pinyin_spans(codes, flags)
    del flags, alnum
    for offset in range(9):  # a syllable with its parentheses is at most 9 characters
        reach = pinyin_starts + offset
        delete[reach[reach < pinyin_ends]] = True
    separators = np.concatenate((starts[blank], starts[gap]))
    delete[separators] = False
    normal = codes[~delete]
    del delete
    # Kept pieces are what lies between deleted intervals: runs of decoration (less the
    # separator kept at a run's start) and pinyin spans. No second pass over the text.
    kept = np.zeros(len(starts), dtype=np.int64)
    kept[blank | gap] = 1
    cut_starts = np.concatenate((starts + kept, pinyin_starts))
    cut_ends = np.concatenate((ends, pinyin_ends))
    order = np.argsort(cut_starts, kind="stable")
    origins = np.concatenate(([0], cut_ends[order]))
    lengths = np.concatenate((cut_starts[order], [size])) - origins
    origins, lengths = origins[lengths > 0], lengths[lengths > 0]
    starts_normal = np.cumsum(lengths) - lengths
    at = np.searchsorted(origins, separators, side="right") - 1
    normal[starts_normal[at] + separators - origins[at]] = np.where(
        np.arange(len(separators)) < np.count_nonzero(blank), 10, 32
    )
    return Normalised(decode(normal), text, starts_normal, origins, codes, normal, converted)


def as_ints(values: Column) -> Ints:
    """Offsets as an int64 array (no copy when they already are one)."""
    return np.asarray(values, dtype=np.int64)


def map_back(normal: Normalised, positions: Ints) -> Ints:
    """Where normalised positions lie in the original text."""
    starts, origins = np.asarray(normal.starts), np.asarray(normal.origins)
    k = np.searchsorted(starts, positions, side="right") - 1
    mapped: Ints = origins[k] + positions - starts[k]
    return mapped


def _map_spans(normal: Normalised, low: Ints, high: Ints) -> tuple[Ints, Ints]:
    """``map_back`` of spans' starts and ends, searching only for the ends of the spans
    that run past the kept piece they start in (those with decoration inside)."""
    starts, origins = np.asarray(normal.starts), np.asarray(normal.origins)
    k = np.searchsorted(starts, low, side="right") - 1
    shift = origins[k] - starts[k]
    stops = np.append(starts[1:], np.iinfo(np.int64).max)  # where each piece gives way
    across = np.flatnonzero(high > stops[k])
    first, last = low + shift, high + shift
    last[across] = map_back(normal, high[across] - 1) + 1
    return first, last


def original_spans(normal: Normalised, starts: Column, ends: Column) -> tuple[list[int], list[int]]:
    """``Normalised.original_spans`` for a long text."""
    first, last = _span_arrays(normal, as_ints(starts), as_ints(ends))
    return first.tolist(), last.tolist()


def locate(normal: Normalised, spans: tuple[Column, Column], verbatim: bool) -> Located:
    """``Normalised.locate`` for a long text: spans, the ones wider than their match, arrays.

    In a text that was not converted, a span as long as its match holds the same
    characters as the match (nothing inside was deleted, nor a quote taken in), but for
    a kept separator, which may stand for another blank: the caller checks patterns.
    """
    starts, ends = as_ints(spans[0]), as_ints(spans[1])
    first, last = _span_arrays(normal, starts, ends)
    firsts, lasts = first.tolist(), last.tolist()
    if not verbatim or normal.converted:
        return Located(firsts, lasts, None, (first, last))
    wider: list[int] = np.flatnonzero(last - first != ends - starts).tolist()
    return Located(firsts, lasts, wider, (first, last))


#: Spans up to this long are compared with another of their key; longer ones are sliced.
_COMPARED = 32
#: Rounds of comparison: each shares one more way of writing each key.
_ROUNDS = 4


def repeated_surfaces(original: str, spans: tuple[Ints, Ints], dense: Column) -> list[str]:
    """Each span's text, sliced once for each way a key is written and shared by its repeats.

    For long texts that cannot lend their spans the pattern's string (converted, matched
    over UTF-8, or with a separator in a pattern): a term used 500 times is mostly written
    in one or two ways. Each round picks one span of each key among those not yet settled
    as a model, and compares the others of its length with it, character by character;
    the equal ones share its string. What is left after ``_ROUNDS`` rounds is sliced.
    ``dense`` gives each span's key as an index into the distinct keys.
    """
    first, last = spans
    count = len(first)
    if not count:
        return []
    keys, lengths = as_ints(dense), last - first
    codes = codes_of(original)
    source = np.arange(count)  # whose string each span takes: its own, or its model's
    # The spans not yet settled: their indexes, keys, starts and lengths.
    index = np.flatnonzero(lengths <= _COMPARED)
    key, start, size = keys[index], first[index], lengths[index]
    chosen = np.empty(int(keys.max()) + 1, dtype=np.int64)
    for _ in range(_ROUNDS):
        if not len(index):
            break
        chosen[key] = np.arange(len(index))  # a model for each key: any one of its spans
        model = chosen[key]
        differ = size[model] != size
        alike = np.flatnonzero(~differ)
        differ[alike] = _differ(codes, start[alike], start[model[alike]], size[alike])
        settled = ~differ
        source[index[settled]] = index[model[settled]]
        index, key, start, size = index[differ], key[differ], start[differ], size[differ]
    sliced = np.flatnonzero(source == np.arange(count))
    rank = np.empty(count, dtype=np.int64)
    rank[sliced] = np.arange(len(sliced))
    cuts = map(slice, first[sliced].tolist(), last[sliced].tolist())
    table = np.fromiter(map(original.__getitem__, cuts), dtype=object, count=len(sliced))
    strings: list[str] = table[rank[source]].tolist()
    return strings


def _differ(codes: Codes, ours: Ints, theirs: Ints, lengths: Ints) -> npt.NDArray[np.bool_]:
    """Whether each pair of equally long stretches of ``codes`` differs."""
    offsets = np.cumsum(lengths) - lengths  # where each pair's characters begin, laid end to end
    laid = np.arange(int(lengths.sum()))
    mine = codes[np.repeat(ours - offsets, lengths) + laid]
    other = codes[np.repeat(theirs - offsets, lengths) + laid]
    differ = np.zeros(len(lengths), dtype=np.bool_)
    # Differing pairs are few: find them from the positions of differing characters.
    differ[np.searchsorted(offsets, np.flatnonzero(mine != other), side="right") - 1] = True
    return differ


def distinct(keys: Column, size: int) -> tuple[list[int], Ints]:
    """``_explain._distinct`` for an array: the distinct keys in order, each match's index."""
    values = as_ints(keys)
    found = np.flatnonzero(np.bincount(values, minlength=size))
    index = np.zeros(size, dtype=np.int64)
    index[found] = np.arange(len(found))
    dense: Ints = index[values]
    return found.tolist(), dense


def spread(values: Sequence[T], dense: Ints) -> list[T]:
    """``values[i]`` for each ``i`` in ``dense``: the objects themselves, gathered in C."""
    table = np.fromiter(values, dtype=object, count=len(values))  # tuples stay elements
    spread: list[T] = table[dense].tolist()
    return spread


def _span_arrays(normal: Normalised, low: Ints, high: Ints) -> tuple[Ints, Ints]:
    """Map normalised spans back to the original, then widen them to their quotes.

    A span only ever takes in a quote right beside it, so only spans with one are
    examined, and the quotes inside those counted (a span whose length did not change
    may still hold one: a kept separator stands at the first character of its run of
    decoration, which can be a quote). The rule is ``balance_quotes``, for all at once.
    """
    assert normal.codes is not None
    first, last = _map_spans(normal, low, high)
    codes, size, is_quote = normal.codes, len(normal.codes), _quote_table()
    before = np.where(first > 0, codes[np.maximum(first - 1, 0)], 0)
    after = np.where(last < size, codes[np.minimum(last, size - 1)], 0)
    moving = np.flatnonzero(is_quote[before] | is_quote[after])
    inside = _quote_counts(codes, first[moving], last[moving])
    before, after = before[moving], after[moving]
    left = np.zeros(len(moving), dtype=np.bool_)
    right = np.zeros(len(moving), dtype=np.bool_)
    for opening, closing in PAIRS.items():
        surplus = inside(opening) - inside(closing)
        opens, closes = before == ord(opening), after == ord(closing)
        wrapped = (surplus == 0) & opens & closes
        left |= ((surplus < 0) & opens) | wrapped
        right |= ((surplus > 0) & closes) | wrapped
    for quote in SYMMETRIC:  # odd: the unpaired one is outside; even: wrapped if both sides
        odd = inside(quote) % 2 == 1
        opens, closes = before == ord(quote), after == ord(quote)
        wrapped = ~odd & opens & closes
        left |= (odd & opens) | wrapped
        right |= (odd & ~opens & closes) | wrapped
    first[moving] -= left
    last[moving] += right
    first[1:] = np.maximum(first[1:], last[:-1])  # a shared quote belongs to the first span
    return first, last


def _quote_counts(codes: Codes, first: Ints, last: Ints) -> Callable[[str], Ints]:
    """How often a quote occurs inside each span."""
    lengths = last - first
    owner = np.repeat(np.arange(len(first)), lengths)
    offsets = np.arange(len(owner)) - np.repeat(np.cumsum(lengths) - lengths, lengths)
    chars = codes[np.repeat(first, lengths) + offsets]

    def count(quote: str) -> Ints:
        hits = owner[chars == ord(quote)]
        counted: Ints = np.bincount(hits, minlength=len(first))
        return counted

    return count


# ---------------------------------------------------------------------- the matcher's side

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
    for start in range(0, len(codes), _CHUNK):
        symbols = np.take(table, codes[start : start + _CHUNK])
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
    chunks = range(0, len(raw), _CHUNK)
    # The matches in each chunk: at[bounds[k]:bounds[k + 1]].
    bounds = np.append(np.searchsorted(at, chunks), len(at))
    mapped, carried = at.copy(), 0
    for k, start in enumerate(chunks):
        counts = np.cumsum((raw[start : start + _CHUNK] & 0xC0) == 0x80, dtype=np.int32)
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


# ------------------------------------------------------------------------- regional cues


@lru_cache(maxsize=8)
def _heads(cues: tuple[str, ...]) -> npt.NDArray[np.bool_]:
    table = np.zeros(0x110000, dtype=np.bool_)
    table[[ord(c[0]) for c in cues]] = True
    table.flags.writeable = False
    return table


def count_cues(codes: Codes, cues: tuple[str, ...]) -> dict[str, int]:
    """How often each cue occurs in a normalised text, all in one pass over it.

    Equal to ``str.count`` for cues that cannot overlap themselves (no proper prefix is
    also a suffix), which the caller guarantees.
    """
    at = np.flatnonzero(lookup(_heads(cues), codes)) if cues else np.zeros(0, dtype=np.int64)
    heads, size = codes[at], len(codes)
    counts = {}
    for cue in cues:
        found = at[heads == ord(cue[0])]
        for k, char in enumerate(cue[1:], start=1):
            found = found[found + k < size]
            found = found[codes[found + k] == ord(char)]
        counts[cue] = len(found)
    return counts
