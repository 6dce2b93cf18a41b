"""The long-text path of normalising: numpy over arrays of code points.

Texts of ``LARGE`` characters or more are normalised over numpy arrays of code points,
never a Python loop per character: one class lookup, then prefix sums and searches.
``short.py`` is the twin for short texts; property tests hold the two equal. Converting
to Simplified is ``long_t2s.py``'s and mapping matches back ``long_spans.py``'s.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt

from glossary._normalise.long_arrays import Codes, Ints, codes_of, decode, lookup, runs
from glossary._normalise.long_t2s import simplify, simplify_each_piece
from glossary._normalise.opencc import t2s_tables_current
from glossary._normalise.tables import T2S_TRIGGERS
from glossary._normalise.text import (
    DECORATION,
    FOLDS_FROM,
    FOLDS_TO,
    SPACE,
    TONED,
    Normalised,
    expand_class,
)

# Bits of the per-code-point class table.
_B_FOLD, _B_T2S, _B_DECOR, _B_WHITE = 1, 2, 4, 8
_B_ALNUM, _B_HAN, _B_LETTER, _B_TONE = 16, 32, 64, 128


@cache
def _class_table() -> npt.NDArray[np.uint8]:
    """One byte of class bits for every code point, so one lookup classifies a text."""
    table = np.zeros(0x110000, dtype=np.uint8)
    for bit, chars in (
        (_B_FOLD, FOLDS_FROM),
        (_B_T2S, T2S_TRIGGERS),
        (_B_DECOR, expand_class(DECORATION)),
        (_B_WHITE, expand_class(SPACE)),
        (_B_ALNUM, "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz"),
        (_B_LETTER, "abcdefghijklmnopqrstuvwxyzü" + TONED),
        (_B_TONE, TONED),
    ):
        table[[ord(c) for c in chars]] |= bit
    for low, high in ((0x3400, 0x4DC0), (0x4E00, 0xA000), (0xF900, 0xFB00), (0x20000, 0x40000)):
        table[low:high] |= _B_HAN
    table.flags.writeable = False  # cached and shared: nobody may change it
    return table


@cache
def _fold_table() -> Codes:
    fold = np.arange(0x110000, dtype=np.uint32)
    fold[[ord(c) for c in FOLDS_FROM]] = [ord(c) for c in FOLDS_TO]
    fold.flags.writeable = False
    return fold


def _pinyin_spans(codes: Codes, flags: npt.NDArray[np.uint8]) -> tuple[Ints, Ints]:
    """Vectorised ``_PINYIN``: (starts, ends) of parenthesised toned syllables after Han.

    A syllable is a whole run of pinyin letters, 1-7 long, with a tone mark in it, right
    inside parentheses that follow a Han character.
    """
    size = len(codes)
    starts, ends = runs((flags & _B_LETTER) != 0)
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
    """``text.line_breaks`` of each white space character at ``at``: 1 for ``\\n``,
    a vertical tab or U+2028, 2 for U+2029, else 0."""
    white = codes[at]
    counts: npt.NDArray[np.uint8] = ((white == 10) | (white == 0x0B) | (white == 0x2028)).astype(
        np.uint8
    )
    counts += np.uint8(2) * (white == 0x2029)
    return counts


def normalise_large(text: str) -> Normalised:
    """``normalise`` over UTF-32 code units: one class lookup, then prefix sums and searches."""
    codes, flags, converted = _simplified(text)
    return _undecorated(text, codes, flags, converted)


def _simplified(text: str) -> tuple[Codes, npt.NDArray[np.uint8], bool]:
    """Steps 1 and 2: the folded, Simplified code points, their class bits (from before
    t2s, which keeps every bit used after it), and whether anything may have changed."""
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
    elif convertible:  # other t2s dictionaries than those tables.py describes
        simplified = decode(codes) if folded else text
        del codes  # free the code points before OpenCC doubles the text again
        codes = simplify_each_piece(simplified)
        del simplified
    return codes, flags, converted


def _undecorated(
    text: str, codes: Codes, flags: npt.NDArray[np.uint8], converted: bool
) -> Normalised:
    """Step 3: delete decoration and pinyin, keep separators, and record the way back."""
    delete = (flags & _B_DECOR) != 0
    size = len(codes)
    starts, ends = runs(delete)
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
