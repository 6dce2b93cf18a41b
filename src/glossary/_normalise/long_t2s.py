"""OpenCC's t2s over a long text's code points: a table per character, OpenCC for phrases.

The twin of ``opencc.t2s`` for long texts, giving the same characters (tests hold them
equal) in a sixth of the time.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import numpy.typing as npt

from glossary._normalise.long_arrays import Codes, Ints, codes_of, decode, lookup, runs
from glossary._normalise.opencc import t2s, t2s_each
from glossary._normalise.tables import T2S_CONTEXT, T2S_PHRASE, T2S_TRIGGERS
from glossary._normalise.text import pieces

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
    is one of ``T2S_CONTEXT`` (see ``gen_tables.t2s_context``, which also checks what
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
        return simplify_each_piece(decode(codes))
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
        return simplify_each_piece(decode(codes))
    # The stretches laid end to end, each followed by a line break, which no phrase holds.
    lengths = end - first + 1
    offsets = np.cumsum(lengths) - lengths
    laid = np.repeat(first - offsets, lengths) + np.arange(int(lengths.sum()))
    breaks = offsets + lengths - 1
    laid[breaks] = 0  # may lie past the text; the line break replaces it below
    joined = codes[laid]
    joined[breaks] = 10
    done = simplify_each_piece(decode(joined))
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
            starts, ends = runs(phrase)
            stretch = np.unique(np.searchsorted(starts, context, side="right") - 1)
            return starts[stretch], ends[stretch]
        firsts.append(at[:, 0] - np.argmin(left, axis=1))  # the first False: a stretch's end
        stops.append(at[:, 0] + 1 + np.argmin(right, axis=1))
    first, end = np.concatenate(firsts), np.concatenate(stops)
    distinct = np.flatnonzero(np.diff(first, prepend=-1))  # context is sorted: so are these
    return first[distinct], end[distinct]


def simplify_each_piece(text: str) -> Codes:
    """OpenCC's t2s over the whole text, piece by piece, as code points."""
    return codes_of("".join([t2s(piece) for _, piece in pieces(text)]))
