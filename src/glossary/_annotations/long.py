"""The long-text path of building annotations: each match's reading and surface, in numpy.

``build.py`` does the same for short texts with plain lists; property tests hold the
two equal.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, TypeVar

import numpy as np
import numpy.typing as npt

from glossary._normalise.long_arrays import Codes, Ints, as_ints, codes_of

if TYPE_CHECKING:
    from glossary._normalise.text import Column

T = TypeVar("T")


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


def spread(values: Sequence[T], dense: Ints) -> list[T]:
    """``values[i]`` for each ``i`` in ``dense``: the objects themselves, gathered in C."""
    table = np.fromiter(values, dtype=object, count=len(values))  # tuples stay elements
    spread: list[T] = table[dense].tolist()
    return spread
