"""The long-text path of reading regional cues: every region's name counted in one numpy pass.

Short texts count each name with ``str.count`` (``cues.py``), which gives equal counts.
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import numpy.typing as npt

from glossary._normalise.long_arrays import Codes, lookup


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
