"""The short-text path of normalising: per run of decoration, in plain Python.

Short texts (below ``LARGE`` characters) and every glossary term go this way: it needs
no numpy, whose import a one-line lookup should not pay. ``long.py`` is its twin for
long texts; property tests hold the two equal.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Sequence

from glossary._normalise.text import (
    DECORATION,
    PINYIN,
    QUOTE_SET,
    SPACE,
    Located,
    Normalised,
    balance_quotes,
    line_breaks,
)

_RUN = re.compile(f"[{DECORATION}]+")
_WHITE = re.compile(f"[{SPACE}]")
_ALNUM = re.compile("[0-9A-Za-z]")


def _separator(text: str, start: int, end: int) -> str:
    """What the run of decoration text[start:end] becomes: a line break, a space or nothing."""
    if line_breaks(text[start:end]) >= 2:
        return "\n"
    if (
        start
        and end < len(text)
        and _ALNUM.match(text, start - 1)
        and _ALNUM.match(text, end)
        and _WHITE.search(text, start, end)
    ):
        return " "
    return ""


def normalise_small(text: str, simplified: str) -> Normalised:
    """``normalise`` of a short text, given its folded Simplified form (same length)."""
    runs = [(*m.span(), "") for m in PINYIN.finditer(simplified)]
    runs += [
        (a, b, _separator(simplified, a, b))
        for a, b in (m.span() for m in _RUN.finditer(simplified))
    ]
    runs.sort()
    pieces: list[str] = []
    starts: list[int] = []
    origins: list[int] = []
    length = position = 0

    def emit(piece: str, origin: int) -> None:
        nonlocal length
        pieces.append(piece)
        starts.append(length)
        origins.append(origin)
        length += len(piece)

    for start, end, separator in runs:
        if start > position:
            emit(simplified[position:start], position)
        if separator:
            emit(separator, start)
        position = end
    if position < len(simplified) or not pieces:
        emit(simplified[position:], position)
    return Normalised("".join(pieces), text, tuple(starts), tuple(origins))


def spans(normal: Normalised, starts: Sequence[int], ends: Sequence[int]) -> list[tuple[int, int]]:
    """Map non-empty normalised spans of a short text to the original text."""

    def index(position: int) -> int:
        k = bisect.bisect_right(normal.starts, position) - 1
        return int(normal.origins[k]) + position - int(normal.starts[k])

    return [(index(s), index(e - 1) + 1) for s, e in zip(starts, ends, strict=True)]


def original_spans(
    normal: Normalised, starts: Sequence[int], ends: Sequence[int]
) -> tuple[list[int], list[int]]:
    """Map a short text's spans back and widen each to the quotes that belong to it."""
    text = normal.original
    firsts: list[int] = []
    lasts: list[int] = []
    lengths: list[int] = [e - s for s, e in zip(starts, ends, strict=True)]
    for length, (s, e) in zip(lengths, spans(normal, starts, ends), strict=True):
        if e - s != length or text[s - 1 : s] in QUOTE_SET or text[e : e + 1] in QUOTE_SET:
            s, e = balance_quotes(text, s, e)
        # A quote between two terms ("甲"乙") belongs to the first: spans never overlap.
        firsts.append(max(s, lasts[-1]) if lasts else s)
        lasts.append(e)
    return firsts, lasts


def locate(normal: Normalised, found: tuple[Sequence[int], Sequence[int]]) -> Located:
    """``original_spans`` of a short text's matches; every surface will be sliced."""
    firsts, lasts = original_spans(normal, *found)
    return Located(firsts, lasts, None)
