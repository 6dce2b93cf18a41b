"""Map a long text's matches back to the original and widen them to their quotes, in numpy.

The twin of ``short.spans``, ``short.original_spans`` and ``short.locate``; tests hold
the pairs equal.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import cache
from typing import TYPE_CHECKING

import numpy as np
import numpy.typing as npt

from glossary._normalise.long_arrays import Codes, Ints, as_ints
from glossary._normalise.quotes import ALL, PAIRS, SYMMETRIC
from glossary._normalise.text import Located, Normalised

if TYPE_CHECKING:
    from glossary._normalise.text import Column


@cache
def _quote_table() -> npt.NDArray[np.bool_]:
    table = np.zeros(0x110000, dtype=np.bool_)
    table[[ord(q) for q in ALL]] = True
    table.flags.writeable = False
    return table


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


def spans(normal: Normalised, starts: Column, ends: Column) -> list[tuple[int, int]]:
    """``normalise.spans`` for a long text."""
    first = map_back(normal, as_ints(starts)).tolist()
    last = (map_back(normal, as_ints(ends) - 1) + 1).tolist()
    return list(zip(first, last, strict=True))
